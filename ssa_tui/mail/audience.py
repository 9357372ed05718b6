"""Who receives a newsletter: its saved filter over contacts — and never anyone without consent."""

from __future__ import annotations

from typing import Any

from ..schema import KINDS
from ..store import Repository
from ..text import fold


def recipients(repository: Repository, newsletter: dict[str, Any]) -> list[dict[str, Any]]:
    """Contacts matching the newsletter's audience that gave consent and have a valid address.

    Each address appears once (the first contact with it), in the order of the contacts.
    """
    audience = newsletter.get("audience") or {}
    members = _group_members(repository, audience.get("group"))
    registered = _registrations(repository, audience.get("event"))
    email = KINDS["contacts"].field("email")
    chosen, seen = [], set()
    for contact in repository.records("contacts"):
        address = contact.get("email")
        if contact.get("newsletter_consent") is not True or not address or email.validate(address):
            continue
        if not _matches(contact, audience, members, registered):
            continue
        key = address.casefold()
        if key not in seen:
            seen.add(key)
            chosen.append(contact)
    return chosen


def _matches(
    contact: dict[str, Any], audience: dict[str, Any], members: set[int] | None, registered: set[int] | None
) -> bool:
    if audience.get("role") and not any(fold(r) in fold(contact.get("role") or "") for r in audience["role"]):
        return False
    if audience.get("town") and contact.get("town") not in audience["town"]:
        return False
    if audience.get("organisation") and not any(
        fold(o) in fold(contact.get("organisation") or "") for o in audience["organisation"]
    ):
        return False
    if members is not None and contact["id"] not in members:
        return False
    return registered is None or contact["id"] in registered


def _group_members(repository: Repository, group_ids: list[int] | None) -> set[int] | None:
    if not group_ids:
        return None
    ids: set[int] = set()
    for group_id in group_ids:
        group = repository.get("groups", group_id) or {}
        ids.update(group.get("members") or [])
        ids.update(entry["contact"] for entry in group.get("contacts") or [])
    return ids


def _registrations(repository: Repository, event_ids: list[int] | None) -> set[int] | None:
    if not event_ids:
        return None
    ids: set[int] = set()
    for event_id in event_ids:
        ids.update((repository.get("events", event_id) or {}).get("registrations") or [])
    return ids
