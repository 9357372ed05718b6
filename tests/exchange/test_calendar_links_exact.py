"""Exact results of calendar entries (read back with the icalendar library) and of link
resolution by name, e-mail address and id column."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from ssa_tui.exchange.calendar import (
    OFFICE_TZ,
    UID_DOMAIN,
    CalendarEntry,
    event_entry,
    is_all_day,
    is_date_only,
    meeting_entry,
    write_calendar,
)
from ssa_tui.exchange.exporter import export, export_ics
from ssa_tui.exchange.links import Targets, id_column, link_targets, names_text, resolve
from ssa_tui.schema import KINDS
from ssa_tui.schema.fields import Ambiguous

BERLIN = ZoneInfo("Europe/Berlin")


def events_of(payload: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(payload)
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_constants() -> None:
    assert (OFFICE_TZ, UID_DOMAIN) == ("Europe/Berlin", "ssa-tui.kreis-soest")


@pytest.mark.parametrize(
    ("value", "date_only"),
    [
        ("2026-05-03", True),
        ("2026-05-03T00:00", False),
        ("2026-05-03T14:00", False),
        ("2026-05-03T10:00", False),
    ],
)
def test_date_only_values(value: str, date_only: bool) -> None:
    assert is_date_only(value) is date_only


@pytest.mark.parametrize(
    ("start", "end", "all_day"),
    [
        ("2026-05-03", None, True),
        ("2026-05-03T14:00", "2026-05-04", True),
        ("2026-05-03T00:00", None, True),  # stored before date-only values existed
        ("2026-05-03T00:00", "2026-05-04T00:00", True),
        ("2026-05-03T00:00", "2026-05-03T02:00", False),  # a timed event at midnight
        ("2026-05-03T14:00", "2026-05-03T00:00", False),
        ("2026-05-03T14:00", None, False),
    ],
)
def test_all_day_or_timed(start: str, end: str | None, all_day: bool) -> None:
    assert is_all_day(start, end) is all_day


def test_an_event_record_as_a_calendar_entry() -> None:
    record = {
        "id": 1,
        "title": "Fachtag",
        "start": "2026-05-03",
        "end": "2026-05-04",
        "venue": "Soest",
        "description": "D",
        "speakers": "S",
        "partners": "P",
        "kind": "Fachtag",
        "status": "abgesagt",
        "updated_at": "2026-01-02T10:00:00+01:00",
    }
    assert event_entry(record) == CalendarEntry(
        uid="event-1@ssa-tui.kreis-soest",
        summary="Fachtag",
        start="2026-05-03",
        end="2026-05-04",
        location="Soest",
        description="D\nReferierende: S\nPartner: P",
        categories=["Fachtag"],
        status="CANCELLED",
        stamp="2026-01-02T10:00:00+01:00",
    )
    assert event_entry(
        {"id": 2, "start": "2026-05-03T14:00", "status": "geplant", "end": ""}
    ) == CalendarEntry(
        uid="event-2@ssa-tui.kreis-soest", summary="", start="2026-05-03T14:00", status="TENTATIVE"
    )
    assert event_entry({"id": 3, "start": "2026-05-03", "speakers": "S", "status": "durchgeführt"}) == (
        CalendarEntry(
            uid="event-3@ssa-tui.kreis-soest", summary="", start="2026-05-03", description="Referierende: S"
        )
    )
    assert event_entry({"id": 4, "start": "2026-05-03", "partners": "P"}).description == "Partner: P"
    assert event_entry({"id": 5, "start": None}) is None
    assert event_entry({"id": 6, "start": ""}) is None


def test_a_group_meeting_as_a_calendar_entry() -> None:
    record = {"id": 8, "name": "AK Lippstadt", "next_meeting": "2026-06-01T09:30", "venue": "Rathaus"}
    record |= {"rhythm": "monatlich", "updated_at": "2026-01-02T10:00:00+00:00"}
    assert meeting_entry(record) == CalendarEntry(
        uid="group-8-meeting@ssa-tui.kreis-soest",
        summary="AK Lippstadt",
        start="2026-06-01T09:30",
        location="Rathaus",
        description="monatlich",
        categories=["Arbeitskreis"],
        stamp="2026-01-02T10:00:00+00:00",
    )
    assert meeting_entry({"id": 9}) == None  # noqa: E711
    assert meeting_entry({"id": 9, "next_meeting": ""}) is None
    bare = meeting_entry({"id": 10, "next_meeting": "2026-06-01"})
    assert (bare.summary, bare.location, bare.description, bare.stamp) == ("", "", "", None)


def test_all_day_events_end_exclusive_timed_ones_in_berlin_time() -> None:
    entries = [
        CalendarEntry("a", "Zwei Tage", "2026-05-03", "2026-05-04"),
        CalendarEntry("b", "Mit Zeit", "2026-05-03T14:00", "2026-05-03T16:30"),
        CalendarEntry("c", "Über Tage", "2026-05-03T14:00", "2026-05-05T10:00"),
        CalendarEntry("d", "Mitternacht", "2026-05-03T00:00"),
        CalendarEntry("e", "Ende als Datum", "2026-05-03T14:00", "2026-05-04"),
        CalendarEntry("f", "Ende vor Beginn", "2026-05-05", "2026-05-03"),
        CalendarEntry("g", "Ohne Ende", "2026-12-03T08:15"),
        CalendarEntry("h", "Ein Tag", "2026-05-03"),
        CalendarEntry("i", "Um Mitternacht", "2026-05-03T00:00", "2026-05-03T02:00"),
    ]
    events = events_of(write_calendar(entries))
    assert list(events) == ["a", "b", "c", "d", "e", "f", "g", "h", "i"]

    def span(uid: str) -> tuple:
        event = events[uid]
        return event["dtstart"].dt, (event["dtend"].dt if "dtend" in event else None)

    assert span("a") == (dt.date(2026, 5, 3), dt.date(2026, 5, 5))
    assert span("b") == (
        dt.datetime(2026, 5, 3, 14, 0, tzinfo=BERLIN),
        dt.datetime(2026, 5, 3, 16, 30, tzinfo=BERLIN),
    )
    assert str(span("b")[0].tzinfo) == "Europe/Berlin"
    assert span("c") == (dt.date(2026, 5, 3), dt.date(2026, 5, 6))
    assert span("d") == (dt.date(2026, 5, 3), dt.date(2026, 5, 4))
    assert span("e") == (dt.date(2026, 5, 3), dt.date(2026, 5, 5))
    assert span("f") == (dt.date(2026, 5, 5), dt.date(2026, 5, 6))
    assert span("g") == (dt.datetime(2026, 12, 3, 8, 15, tzinfo=BERLIN), None)
    assert span("h") == (dt.date(2026, 5, 3), dt.date(2026, 5, 4))
    assert span("i") == (
        dt.datetime(2026, 5, 3, 0, 0, tzinfo=BERLIN),
        dt.datetime(2026, 5, 3, 2, 0, tzinfo=BERLIN),
    )
    assert type(span("a")[0]) is dt.date and type(span("b")[0]) is dt.datetime
    text = write_calendar(entries).decode()
    assert "DTSTART;VALUE=DATE:20260503\r\nDTEND;VALUE=DATE:20260505\r\n" in text
    assert "DTSTART;TZID=Europe/Berlin:20260503T140000\r\n" in text
    assert "DTSTART;TZID=Europe/Berlin:20261203T081500\r\n" in text


def test_calendar_properties_and_the_timezone() -> None:
    entry = CalendarEntry(
        "u1", "Titel, mit Komma", "2026-05-03T14:00", "2026-05-03T15:00", "Soest", "Zeile\nzwei", ["Fachtag"]
    )
    entry.status, entry.stamp = "CANCELLED", "2026-01-02T10:00:00+01:00"
    payload = write_calendar([entry, CalendarEntry("u2", "Leer", "2026-05-03T09:00")])
    calendar = Calendar.from_ical(payload)
    assert str(calendar["prodid"]) == "-//Kreis Soest//ssa-tui//DE"
    assert str(calendar["version"]) == "2.0"
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    first, second = calendar.walk("VEVENT")
    assert str(first["summary"]) == "Titel, mit Komma"
    assert str(first["location"]) == "Soest"
    assert str(first["description"]) == "Zeile\nzwei"
    assert [str(c) for c in first["categories"].cats] == ["Fachtag"]
    assert str(first["status"]) == "CANCELLED"
    assert first["dtstamp"].dt == dt.datetime(2026, 1, 2, 9, 0, tzinfo=dt.timezone.utc)
    assert "DTSTAMP:20260102T090000Z\r\n" in payload.decode()
    for absent in ("location", "description", "categories", "dtstamp", "dtend"):
        assert absent not in second
    assert str(second["status"]) == "CONFIRMED"
    assert [tz for tz in Calendar.from_ical(write_calendar([entries_all_day()])).walk("VTIMEZONE")] == []


def entries_all_day() -> CalendarEntry:
    return CalendarEntry("x", "Ganztags", "2026-05-03")


def test_events_without_a_start_are_left_out_and_named() -> None:
    records = [
        {"id": 1, "title": "Mit Beginn", "start": "2026-05-03"},
        {"id": 2, "title": "Ohne Beginn"},
        {"id": 3, "title": "", "start": ""},
    ]
    result = export_ics("events", records)
    assert result.count == 1
    assert result.left_out == ["„Ohne Beginn“", "„#3“"]
    assert result.left_out_line() == "2 nicht exportiert (kein Beginn): „Ohne Beginn“, „#3“"
    assert list(events_of(result.payload)) == ["event-1@ssa-tui.kreis-soest"]
    groups = export(
        "groups",
        [{"id": 4, "name": "AK", "next_meeting": "2026-06-01T09:30"}, {"id": 5, "name": "B"}],
        "ics",
        Targets({}),
    )
    assert (groups.count, groups.left_out) == (1, ["„B“"])
    assert list(events_of(groups.payload)) == ["group-4-meeting@ssa-tui.kreis-soest"]


# -- links -----------------------------------------------------------------------------------

CONTACTS = [
    {"id": 1, "name": "Kim Berg", "email": "kim@awo.de"},
    {"id": 2, "name": "Kim Berg", "email": "k2@drk.de"},
    {"id": 3, "name": "Ute Sand", "email": None},
    {"id": 4, "name": "", "email": "x@y.de", "organisation": "AWO", "role": "Leitung"},
]
STAFF = KINDS["positions"].field("staff")
MEMBERS = KINDS["groups"].field("members")


@pytest.fixture
def targets() -> Targets:
    return Targets({"contacts": CONTACTS, "events": [{"id": 9, "title": "Fachtag"}]})


def test_targets_index_names_and_addresses(targets: Targets) -> None:
    assert targets.titles == {
        "contacts": {1: "Kim Berg", 2: "Kim Berg", 3: "Ute Sand", 4: "#4"},
        "events": {9: "Fachtag"},
    }
    assert targets.index == {
        "contacts": {"kim@awo.de": [1], "kim berg": [1, 2], "k2@drk.de": [2], "ute sand": [3], "x@y.de": [4]},
        "events": {"fachtag": [9]},
    }
    assert targets.title_of("contacts", 3) == "Ute Sand"
    assert targets.title_of("contacts", 99) is None and targets.title_of("groups", 1) is None


def test_resolving_a_name(targets: Targets) -> None:
    assert targets.resolve("contacts", "KIM@AWO.DE") == 1
    assert targets.resolve("contacts", "ute sand") == 3
    assert targets.resolve("contacts", "Kim Berg") == Ambiguous(((1, "Kim Berg"), (2, "Kim Berg")))
    assert targets.resolve("contacts", "Niemand") is None
    assert targets.resolve("contacts", "AWO") is None  # only names and addresses are looked up
    assert targets.resolve("groups", "Kim Berg") is None
    doubled = Targets({"contacts": [{"id": 5, "name": "a@b.de", "email": "a@b.de"}]})
    assert doubled.index == {"contacts": {"a@b.de": [5, 5]}} and doubled.resolve("contacts", "a@b.de") == 5


def test_link_columns_and_targets() -> None:
    assert id_column(STAFF) == "staff_id"
    assert link_targets(KINDS["groups"]) == {"contacts"}
    assert link_targets(KINDS["suggestions"]) == {"events"}
    assert link_targets(KINDS["contacts"]) == set()


def test_names_as_written_for_people(targets: Targets) -> None:
    assert names_text(STAFF, 1, targets) == "Kim Berg (#1)"
    assert names_text(STAFF, 3, targets) == "Ute Sand"
    assert names_text(STAFF, None, targets) == ""
    assert names_text(MEMBERS, [1, 3], targets) == "Kim Berg (#1), Ute Sand"


@pytest.mark.parametrize(
    ("names", "ids", "outcome"),
    [
        ("Kim Berg (#1)", "1", (1, [])),
        ("", "2", (2, [])),
        ("  ", "2", (2, [])),
        ("Ute Sand", "1", (3, [])),  # the name was changed in the spreadsheet: it wins
        ("Ute Sand", "", (3, [])),
        ("kim@awo.de", " ", (1, [])),
        ("", "", (None, [])),
        (
            "Kim Berg",
            "",
            (
                None,
                ["„Kim Berg“ passt auf mehrere: Kim Berg (#1), Kim Berg (#2) – bitte mit „(#ID)“ angeben."],
            ),
        ),
        ("Niemand", "", (None, ["Kontakt „Niemand“ nicht gefunden."])),
        ("", "abc", (None, ["Ungültiger Verweis."])),
    ],
)
def test_a_link_cell_with_its_id_column(targets: Targets, names: str, ids: str, outcome: tuple) -> None:
    assert resolve(STAFF, names, ids, targets) == outcome


def test_several_links_with_their_ids(targets: Targets) -> None:
    assert resolve(MEMBERS, "Kim Berg (#1), Ute Sand", "1, 3", targets) == ([1, 3], [])
    assert resolve(MEMBERS, "", "3; 1", targets) == ([3, 1], [])
    assert resolve(MEMBERS, "Ute Sand", "1, 3", targets) == ([3], [])
