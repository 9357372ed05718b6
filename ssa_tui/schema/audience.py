"""A newsletter's audience: its syntax and its meaning in one place.

Syntax (typed in a form, read from CSV): ``town=Soest,Werl; group=1; role=Schulsozialarbeit``,
the keys also in German (``ort``, ``gruppe``, ``rolle``, ``organisation``, ``veranstaltung``).
Stored as ``{"town": ["Soest", "Werl"], "group": [1], "role": ["Schulsozialarbeit"]}``.

Meaning: a contact is in the audience when it matches every key given (any of a key's values);
``town`` is the contact's town, ``role`` and ``organisation`` match as folded substrings,
``group`` means member of one of the groups, ``event`` registered for one of the events. An
empty audience is everyone. Whatever the filter says, only a contact whose
``newsletter_consent`` is exactly ``True`` is ever chosen (``"ja"``, ``1`` or ``"yes"`` stored
by some outside source are not consent).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..domain import TOWNS
from ..i18n import t
from ..text import fold

KEYS = ("role", "town", "organisation", "group", "event")
#: German spelling of each key (accepted when typed; stored and shown in English).
GERMAN = {
    "rolle": "role",
    "ort": "town",
    "organisation": "organisation",
    "gruppe": "group",
    "veranstaltung": "event",
}
#: Keys whose values are record ids, and the kind they point to.
LINKED = {"group": "groups", "event": "events"}
_TOWN_BY_FOLD = {fold(town): town for town in TOWNS}


class AudienceError(ValueError):
    """A filter that cannot be read; ``str()`` is the German message."""


def _syntax_error() -> AudienceError:
    keys = ", ".join(f"{key}/{german}" for german, key in GERMAN.items())
    return AudienceError(t("error.audience", keys=keys))


def parse(text: str) -> dict[str, list[Any]]:
    """The stored filter for ``text``; raises :class:`AudienceError` with a German message."""
    audience: dict[str, list[Any]] = {}
    for part in text.split(";"):
        if not part.strip():
            continue
        key, sep, values = part.partition("=")
        key = key.strip().casefold()
        key = GERMAN.get(key, key)
        if not sep or key not in KEYS:
            raise _syntax_error()
        items = [v.strip() for v in values.split(",") if v.strip()]
        if key in LINKED:
            try:
                items = [int(v.lstrip("#")) for v in items]
            except ValueError:
                raise _syntax_error() from None
        audience.setdefault(key, []).extend(items)
    return normalised(audience)


def normalised(audience: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """Towns in their official spelling (``soest`` → ``Soest``); an unknown town is refused."""
    check_shape(audience)
    towns = []
    for town in audience.get("town", []):
        official = _TOWN_BY_FOLD.get(fold(town.strip()))
        if official is None:
            raise AudienceError(t("audience.town", town=town, towns=", ".join(TOWNS)))
        towns.append(official)
    return {**audience, "town": towns} if "town" in audience else audience


def check_shape(value: Any) -> None:
    well_formed = isinstance(value, dict) and all(
        key in KEYS
        and isinstance(items, list)
        and all(
            isinstance(i, int) and not isinstance(i, bool) if key in LINKED else isinstance(i, str)
            for i in items
        )
        for key, items in value.items()
    )
    if not well_formed:
        raise _syntax_error()


def format_value(value: Mapping[str, list[Any]]) -> str:
    return "; ".join(f"{key}={','.join(str(v) for v in value[key])}" for key in KEYS if key in value)


def unknown_references(value: Any, link_exists: Callable[[str, int], bool]) -> list[str]:
    """A German message for every group or event the filter names that does not exist."""
    if not isinstance(value, dict):
        return []
    messages = []
    for key, kind in LINKED.items():
        for record_id in value.get(key) or []:
            if isinstance(record_id, int) and not link_exists(kind, record_id):
                messages.append(t("audience.unknown", what=t(f"kind.{kind}.one"), id=record_id))
    return messages


def consented(contact: Mapping[str, Any]) -> bool:
    """Consent is the stored value ``True`` and nothing else."""
    return contact.get("newsletter_consent") is True


def select(
    contacts: Iterable[dict[str, Any]],
    audience: Mapping[str, list[Any]],
    groups: Mapping[int, Mapping[str, Any]],
    events: Mapping[int, Mapping[str, Any]],
) -> list[dict[str, Any]]:
    """The contacts with consent that the audience names, in the given order."""
    members = _ids(audience.get("group"), groups, ("members",), ("contacts",))
    registered = _ids(audience.get("event"), events, ("registrations",), ())
    roles = [fold(r) for r in audience.get("role") or []]
    organisations = [fold(o) for o in audience.get("organisation") or []]
    towns = set(audience.get("town") or [])
    chosen = []
    for contact in contacts:
        if not consented(contact):
            continue
        if roles and not any(r in fold(contact.get("role") or "") for r in roles):
            continue
        if towns and contact.get("town") not in towns:
            continue
        if organisations and not any(o in fold(contact.get("organisation") or "") for o in organisations):
            continue
        if members is not None and contact.get("id") not in members:
            continue
        if registered is not None and contact.get("id") not in registered:
            continue
        chosen.append(contact)
    return chosen


def _ids(
    wanted: list[int] | None,
    records: Mapping[int, Mapping[str, Any]],
    id_lists: tuple[str, ...],
    entry_lists: tuple[str, ...],
) -> set[int] | None:
    """Contact ids linked from the wanted records (plain id lists and ``{"contact": id}`` entries)."""
    if not wanted:
        return None
    ids: set[int] = set()
    for record_id in wanted:
        record = records.get(record_id) or {}
        for name in id_lists:
            ids.update(i for i in record.get(name) or [] if isinstance(i, int))
        for name in entry_lists:
            ids.update(e.get("contact") for e in record.get(name) or [] if isinstance(e, dict))
    return ids
