"""The six record kinds, each declared once as a table of fields.

Lists, forms, CSV headers, exports and ``ssa-tui check`` are all generated from these
declarations. A new field is one line here plus its labels in ``i18n/labels.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..domain import CARRIER_EXAMPLES, EVENT_KINDS, FUNDING_EXAMPLES, SCHOOL_TYPES, TOWNS
from ..i18n import t
from . import consent
from . import fields as f

#: Fields every record carries, kept by the store (never typed by a person).
META_FIELDS = ("id", "rev", "created_at", "updated_at", "updated_by")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a record: which field, and a message for people."""

    field: str
    message: str


Rule = Callable[[dict[str, Any]], list[Problem]]


@dataclass(frozen=True)
class Kind:
    """One record kind: its table name, fields in form order, list columns and rules."""

    name: str
    fields: tuple[f.Field, ...]
    #: Field whose value names a record in lists, pickers and messages.
    title_field: str
    #: Fields shown as list columns, in order.
    columns: tuple[str, ...]
    #: Rules across fields (e.g. postal code fits the town); each returns its problems.
    rules: tuple[Rule, ...] = ()
    #: Fields whose value must be unique in the table (case-insensitive).
    unique: tuple[str, ...] = ()
    #: How an imported row finds the record it describes: the first key whose fields are all
    #: filled in the row is used (e.g. school number, else school + town).
    match_keys: tuple[tuple[str, ...], ...] = ()
    #: Suggested values for free-text fields (pick lists), by field name.
    suggestions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Values to set when the record a link field points to is deleted (links cleared).
    on_unlink: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Keeps derived fields in step on every save: ``derive(before, record, at=…, by=…)``.
    derive: Callable[..., dict[str, Any]] | None = None

    @property
    def label(self) -> str:
        """The kind's name for people, plural (``Stellen``)."""
        return t(f"kind.{self.name}")

    @property
    def label_one(self) -> str:
        """The kind's name for one record (``Stelle``)."""
        return t(f"kind.{self.name}.one")

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {candidate.name: candidate for candidate in self.fields})

    def field(self, name: str) -> f.Field:
        return self._by_name[name]

    def has_field(self, name: str) -> bool:
        return name in self._by_name

    def field_label(self, name: str) -> str:
        return t(self.label_key(name))

    def label_key(self, name: str) -> str:
        """The i18n key of a field's label."""
        return f"field.meta.{name}" if name in META_FIELDS else f"field.{self.name}.{name}"

    def links(self) -> list[f.Link]:
        """Fields of this kind that link to other records."""
        return [candidate for candidate in self.fields if isinstance(candidate, f.Link)]

    def title_of(self, record: dict[str, Any]) -> str:
        return str(record.get(self.title_field) or f"#{record.get('id', '?')}")

    def blank(self) -> dict[str, Any]:
        """A new record's values before anyone typed: empty, or a field's default."""
        return {
            candidate.name: candidate.empty() if candidate.default is None else candidate.default
            for candidate in self.fields
        }


# -- rules across fields ---------------------------------------------------------------------


def postal_code_fits_town(record: dict[str, Any]) -> list[Problem]:
    town, code = record.get("town"), record.get("postal_code")
    if town in TOWNS and code and code not in TOWNS[town]:
        message = t("error.postal_code_town", code=code, town=town, codes=", ".join(TOWNS[town]))
        return [Problem("postal_code", message)]
    return []


def vacant_has_no_staff(record: dict[str, Any]) -> list[Problem]:
    if record.get("status") == "vakant" and record.get("staff"):
        return [Problem("staff", t("error.vacant_with_staff"))]
    return []


def end_after_start(record: dict[str, Any]) -> list[Problem]:
    start, end = record.get("start"), record.get("end")
    if isinstance(start, str) and isinstance(end, str) and end < start:
        return [Problem("end", t("error.end_before_start"))]
    return []


def consent_has_date(record: dict[str, Any]) -> list[Problem]:
    if record.get("newsletter_consent") is True and not record.get("consent_date"):
        return [Problem("consent_date", t("error.consent_date"))]
    return []


def planned_has_event(record: dict[str, Any]) -> list[Problem]:
    if record.get("status") == "eingeplant" and not record.get("event"):
        return [Problem("event", t("error.planned_needs_event"))]
    return []


# -- the kinds --------------------------------------------------------------------------------

POSITIONS = Kind(
    name="positions",
    fields=(
        f.Field("school", required=True),
        f.SchoolNumber("school_number"),
        f.Choice("school_type", choices=SCHOOL_TYPES),
        f.Town("town"),
        f.Field("street"),
        f.PostalCode("postal_code"),
        f.Field("carrier"),
        f.Field("funding"),
        f.Number("hours_per_week", low=0, high=41, low_open=True, message="error.hours"),
        f.Date("fixed_term_until"),
        f.Choice("status", choices=("besetzt", "vakant", "ausgeschrieben"), default="besetzt"),
        f.Link("staff", target="contacts"),
        f.Date("last_verified"),
        f.LongText("notes"),
    ),
    title_field="school",
    columns=("school", "town", "school_type", "carrier", "hours_per_week", "status", "last_verified"),
    rules=(postal_code_fits_town, vacant_has_no_staff),
    match_keys=(("school_number",), ("school", "town")),
    suggestions={"carrier": CARRIER_EXAMPLES, "funding": FUNDING_EXAMPLES},
)

GROUPS = Kind(
    name="groups",
    fields=(
        f.Field("name", required=True),
        f.LongText("description"),
        f.Field("rhythm"),
        f.Field("venue"),
        f.Field("region"),
        f.RoleLinks("contacts", target="contacts"),
        f.Links("members", target="contacts"),
        f.DateTime("next_meeting"),
        f.Bool("open_for_new"),
    ),
    title_field="name",
    columns=("name", "region", "rhythm", "next_meeting", "open_for_new"),
    unique=("name",),
    match_keys=(("name",),),
)

EVENTS = Kind(
    name="events",
    fields=(
        f.Field("title", required=True),
        f.Choice("kind", choices=EVENT_KINDS),
        f.DateTime("start"),
        f.DateTime("end"),
        f.Choice("format", choices=("Präsenz", "digital", "hybrid")),
        f.Field("venue"),
        f.Field("speakers"),
        f.Field("partners"),
        f.Integer("capacity"),
        f.Links("registrations", target="contacts"),
        f.Integer("participants"),
        f.Choice(
            "status", choices=("geplant", "ausgeschrieben", "durchgeführt", "abgesagt"), default="geplant"
        ),
        f.LongText("description"),
    ),
    title_field="title",
    columns=("title", "kind", "start", "format", "venue", "participants", "status"),
    rules=(end_after_start,),
    match_keys=(("title", "start"),),
)

SUGGESTIONS = Kind(
    name="suggestions",
    fields=(
        f.Field("topic", required=True),
        f.Field("suggested_by"),
        f.Date("received"),
        f.Choice("status", choices=("offen", "eingeplant", "verworfen"), default="offen"),
        f.Link("event", target="events"),
    ),
    title_field="topic",
    columns=("topic", "suggested_by", "received", "status"),
    rules=(planned_has_event,),
    match_keys=(("topic",),),
    on_unlink={"event": {"status": "offen"}},  # its event is gone: the topic is open again
)

CONTACTS = Kind(
    name="contacts",
    fields=(
        f.Field("name", required=True),
        f.Field("role"),
        f.Field("organisation"),
        f.Email("email"),
        f.Phone("phone"),
        f.Field("street"),
        f.PostalCode("postal_code"),
        f.Town("town"),
        f.OfficeHours("office_hours"),
        f.Bool("newsletter_consent"),
        f.Date("consent_date"),
        f.Field("consent_source"),
        f.LongText("notes"),
        f.SystemData("consent_log", default=[]),
    ),
    title_field="name",
    columns=("name", "role", "organisation", "email", "phone", "town"),
    rules=(postal_code_fits_town, consent_has_date),
    match_keys=(("email",), ("name", "organisation")),
    suggestions={"organisation": CARRIER_EXAMPLES},
    derive=consent.derive,
)

NEWSLETTERS = Kind(
    name="newsletters",
    fields=(
        f.Field("subject", required=True, max_length=200),
        f.LongText("intro"),
        f.Sections("sections"),
        f.Audience("audience"),
        f.Field("template", default="newsletter"),
        f.Choice("status", choices=("Entwurf", "versendet"), default="Entwurf"),
        f.DateTime("sent_at", in_form=False),
        f.Integer("sent_count", in_form=False),
        f.SystemData("deliveries"),
    ),
    title_field="subject",
    columns=("subject", "template", "status", "sent_at", "sent_count"),
    match_keys=(("subject",),),
)

#: Every kind by table name, in the order of the UI's tabs (suggestions belong to events).
KINDS: dict[str, Kind] = {
    kind.name: kind for kind in (POSITIONS, GROUPS, EVENTS, SUGGESTIONS, CONTACTS, NEWSLETTERS)
}


def kind_named(name: str) -> Kind:
    """The kind for a table name; raises KeyError for an unknown one."""
    return KINDS[name]
