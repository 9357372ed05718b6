"""The six record kinds, each declared once as a table of fields.

Lists, forms, CSV headers, exports and ``ssa-tui check`` are all generated from these
declarations. A new field is one line here plus its labels in ``i18n/labels.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ..domain import CARRIER_EXAMPLES, EVENT_KINDS, FUNDING_LINES, SCHOOL_TYPES, TOWNS
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


# -- status vocabularies: the words are stored (German), code names them by member -------------


class PositionStatus(StrEnum):
    OCCUPIED = "besetzt"
    VACANT = "vakant"
    ADVERTISED = "ausgeschrieben"


class EventStatus(StrEnum):
    PLANNED = "geplant"
    ADVERTISED = "ausgeschrieben"
    HELD = "durchgeführt"
    CANCELLED = "abgesagt"


class SuggestionStatus(StrEnum):
    OPEN = "offen"
    PLANNED = "eingeplant"
    REJECTED = "verworfen"


class NewsletterStatus(StrEnum):
    DRAFT = "Entwurf"
    SENT = "versendet"


class RoundStatus(StrEnum):
    """A verification round is open until the office closes it."""

    OPEN = "offen"
    CLOSED = "abgeschlossen"


class RoundEntryStatus(StrEnum):
    """Where each position of a round stands: asked, answered, taken over, reminded."""

    OPEN = "offen"
    ANSWERED = "beantwortet"
    TAKEN = "übernommen"
    REMINDED = "erinnert"


def status_field(statuses: type[StrEnum]) -> f.Choice:
    """The ``status`` choice of a kind: its vocabulary's words, the first one the default."""
    words = tuple(member.value for member in statuses)
    return f.Choice("status", choices=words, default=words[0])


@dataclass(frozen=True)
class Marker:
    """A sign on list rows that need a look (e.g. ``!``: not verified for twelve months).

    ``applies(record, today)`` is the predicate the list and the report call; ``legend`` the
    i18n key of the line that explains the sign.
    """

    applies: Callable[[dict[str, Any], dt.date], bool]
    legend: str
    sign: str = "!"


#: Export formats of every kind; some kinds add their own (vCard, iCalendar).
TABLE_FORMATS = ("csv", "json", "xlsx")


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
    #: The words of the ``status`` field as named members (``kind.statuses.VACANT``), or None.
    statuses: type[StrEnum] | None = None
    #: Rows of the list that get a sign (stale positions), or None.
    marker: Marker | None = None
    #: Whether ``ssa-tui import`` and the TUI import take this kind.
    importable: bool = True
    #: The formats this kind exports to.
    export_formats: tuple[str, ...] = TABLE_FORMATS

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

    def marked(self, record: dict[str, Any], today: dt.date) -> bool:
        """Whether the list shows this kind's marker on ``record`` (never, for a kind without)."""
        return self.marker is not None and self.marker.applies(record, today)

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
    if record.get("status") == PositionStatus.VACANT and record.get("staff"):
        return [Problem("staff", t("error.vacant_with_staff"))]
    return []


def end_after_start(record: dict[str, Any]) -> list[Problem]:
    start, end = record.get("start"), record.get("end")
    if isinstance(start, str) and isinstance(end, str) and f.ends_before(start, end):
        return [Problem("end", t("error.end_before_start"))]
    return []


def consent_has_date(record: dict[str, Any]) -> list[Problem]:
    if record.get("newsletter_consent") is True and not record.get("consent_date"):
        return [Problem("consent_date", t("error.consent_date"))]
    return []


def planned_has_event(record: dict[str, Any]) -> list[Problem]:
    if record.get("status") == SuggestionStatus.PLANNED and not record.get("event"):
        return [Problem("event", t("error.planned_needs_event"))]
    return []


def allocations_within_hours(record: dict[str, Any]) -> list[Problem]:
    """The hours at the schools add up to at most the position's weekly hours."""
    hours, allocations = record.get("hours_per_week"), record.get("allocations")
    if isinstance(hours, bool) or not isinstance(hours, (int, float)) or not isinstance(allocations, list):
        return []
    try:
        total = sum(float(item["hours"]) for item in allocations)
    except (TypeError, KeyError, ValueError):
        return []  # malformed: the field's own check names the problem
    if total > hours + 1e-9:
        message = t("error.allocations_over_hours", total=f.format_german_number(round(total, 2)))
        return [Problem("allocations", message)]
    return []


# -- markers ----------------------------------------------------------------------------------


def not_verified_for_a_year(record: dict[str, Any], today: dt.date) -> bool:
    """A position whose ``last_verified`` lies more than twelve months before ``today``."""
    verified = record.get("last_verified")
    try:
        day = dt.date.fromisoformat(verified) if isinstance(verified, str) else None
    except ValueError:
        return False  # not a date: ``ssa-tui check`` reports it, the list does not guess
    return day is not None and day < _year_before(today)


def _year_before(today: dt.date) -> dt.date:
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


# -- the kinds --------------------------------------------------------------------------------

POSITIONS = Kind(
    name="positions",
    fields=(
        f.Field("school", required=True),
        f.Allocations("allocations"),
        f.Choice("school_type", choices=SCHOOL_TYPES),
        f.Town("town"),
        f.Field("street"),
        f.PostalCode("postal_code"),
        f.Field("carrier"),
        f.Choice("funding", choices=FUNDING_LINES),
        f.Number("hours_per_week", low=0, high=41, low_open=True, message="error.hours"),
        f.Date("funding_until"),
        f.Date("contract_until"),
        status_field(PositionStatus),
        f.Link("staff", target="contacts"),
        f.Date("last_verified"),
        f.LongText("notes"),
    ),
    title_field="school",
    columns=("school", "town", "school_type", "carrier", "hours_per_week", "status", "last_verified"),
    rules=(postal_code_fits_town, vacant_has_no_staff, allocations_within_hours),
    match_keys=(("school", "town"),),
    suggestions={"carrier": CARRIER_EXAMPLES},
    statuses=PositionStatus,
    marker=Marker(not_verified_for_a_year, legend="list.stale_legend"),
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
    export_formats=(*TABLE_FORMATS, "ics"),  # next meetings as calendar entries
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
        status_field(EventStatus),
        f.LongText("description"),
    ),
    title_field="title",
    columns=("title", "kind", "start", "format", "venue", "participants", "status"),
    rules=(end_after_start,),
    match_keys=(("title", "start"),),
    statuses=EventStatus,
    export_formats=(*TABLE_FORMATS, "ics"),
)

SUGGESTIONS = Kind(
    name="suggestions",
    fields=(
        f.Field("topic", required=True),
        f.Field("suggested_by"),
        f.Date("received"),
        status_field(SuggestionStatus),
        f.Link("event", target="events"),
    ),
    title_field="topic",
    columns=("topic", "suggested_by", "received", "status"),
    rules=(planned_has_event,),
    match_keys=(("topic",),),
    on_unlink={"event": {"status": SuggestionStatus.OPEN.value}},  # its event is gone: open again
    statuses=SuggestionStatus,
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
        f.AnyTown("town"),
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
    unique=("email",),
    match_keys=(("email",), ("name", "organisation")),
    suggestions={"organisation": CARRIER_EXAMPLES, "town": tuple(TOWNS)},
    derive=consent.derive,
    export_formats=(*TABLE_FORMATS, "vcf"),
)

NEWSLETTERS = Kind(
    name="newsletters",
    fields=(
        f.Field("subject", required=True, max_length=200),
        f.LongText("intro"),
        f.Sections("sections"),
        f.Audience("audience"),
        f.Field("template", default="newsletter"),
        status_field(NewsletterStatus),
        f.DateTime("sent_at", in_form=False),
        f.Integer("sent_count", in_form=False),
        f.SystemData("deliveries"),
        f.Field("uid", in_form=False, max_length=32),
        f.SystemData("rounds", default=[]),
    ),
    title_field="subject",
    columns=("subject", "template", "status", "sent_at", "sent_count"),
    match_keys=(("subject",),),
    statuses=NewsletterStatus,
    importable=False,
)

ROUNDS = Kind(
    name="rounds",
    fields=(
        f.Field("name", required=True),
        f.Field("carrier"),
        f.Date("started"),
        status_field(RoundStatus),
        f.SystemData("entries"),
    ),
    title_field="name",
    columns=("name", "carrier", "started", "status"),
    statuses=RoundStatus,
    importable=False,
)

#: Every kind by table name, in the order of the UI's tabs (suggestions belong to events).
KINDS: dict[str, Kind] = {
    kind.name: kind for kind in (POSITIONS, GROUPS, EVENTS, SUGGESTIONS, CONTACTS, NEWSLETTERS, ROUNDS)
}


def kind_named(name: str) -> Kind:
    """The kind for a table name; raises KeyError for an unknown one."""
    return KINDS[name]


# -- schools and employers (issue 13: the committee report) ----------------------------------

SCHOOLS = Kind(
    name="schools",
    fields=(
        f.SchoolNumber("school_number", required=True),
        f.Field("name", required=True),
        f.Choice("school_type", choices=SCHOOL_TYPES),
        f.Town("town"),
        f.Integer("pupils"),
        f.Date("pupils_as_of"),
    ),
    title_field="name",
    columns=("school_number", "name", "school_type", "town", "pupils", "pupils_as_of"),
    unique=("school_number",),
    match_keys=(("school_number",),),
)

#: Employers with their full-time hours (VZÄ = hours ÷ full-time hours); an employer not
#: listed here counts with ``DEFAULT_FULL_TIME_HOURS``. Positions name theirs in ``carrier``.
EMPLOYERS = Kind(
    name="employers",
    fields=(
        f.Field("name", required=True),
        f.Number("full_time_hours", required=True, low=1, high=60, default=39),
        f.LongText("notes"),
    ),
    title_field="name",
    columns=("name", "full_time_hours"),
    unique=("name",),
    match_keys=(("name",),),
    suggestions={"name": CARRIER_EXAMPLES},
)

KINDS.update({kind.name: kind for kind in (SCHOOLS, EMPLOYERS)})
