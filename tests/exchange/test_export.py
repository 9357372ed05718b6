"""Exports read back by other software: JSON with every field, vCard and iCalendar parsed by a
second library and compared field by field, CSV as a German Excel expects it."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from ssa_tui.schema import KINDS, META_FIELDS
from ssa_tui.store import Repository


def test_json_is_a_list_of_records_with_every_field(demo: Path, ssa) -> None:
    result = ssa("export", "contacts", "--format", "json", db=demo)
    assert result.returncode == 0
    records = json.loads(result.stdout)
    assert [r["name"] for r in records][:2] == ["Britta Thulfaut", "Verena Gröne"]
    expected = {*META_FIELDS, *(f.name for f in KINDS["contacts"].fields)}
    assert all(set(r) == expected for r in records)


def test_csv_for_a_german_excel(demo: Path, ssa, tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    assert ssa("export", "events", "--format", "csv", "-o", str(target), db=demo).returncode == 0
    raw = target.read_bytes()
    assert raw.startswith("\ufeff".encode())
    header, *rows = raw.decode("utf-8-sig").split("\r\n")
    assert header.startswith('"ID";"Titel";"Art";"Beginn"')
    assert any('"20.06.2022"' in row for row in rows)


def test_vcard_parsed_back_by_a_second_library(demo: Path, ssa, tmp_path: Path) -> None:
    from icalendar.cal import Component

    target = tmp_path / "kontakte.vcf"
    assert ssa("export", "contacts", "--format", "vcf", "-o", str(target), db=demo).returncode == 0
    text = target.read_text(encoding="utf-8")
    records = Repository(demo, user="x").records("contacts")
    cards = Component.from_ical(
        f"BEGIN:WRAP\r\n{text}END:WRAP\r\n".replace("\n", "\r\n").replace("\r\r\n", "\r\n")
    ).subcomponents
    assert len(cards) == len(records)
    for card, record in zip(cards, records):
        assert str(card["VERSION"]) == "4.0"
        assert str(card["FN"]) == record["name"]
        assert str(card.get("EMAIL", "")) == (record["email"] or "")
        assert str(card.get("TEL", "")) == (record["phone"] or "")
        if record["organisation"]:
            assert card["ORG"].to_ical().decode().replace("\\", "") == record["organisation"]


def test_icalendar_parsed_back_by_a_second_library(demo: Path, ssa, tmp_path: Path) -> None:
    import vobject

    repository = Repository(demo, user="x")
    repository.update("events", 1, {"start": "2026-03-18T09:00", "end": "2026-03-18T16:00"}, expected_rev=1)
    target = tmp_path / "termine.ics"
    assert ssa("export", "events", "--format", "ics", "-o", str(target), db=demo).returncode == 0
    calendar = vobject.readOne(target.read_text(encoding="utf-8"))
    events = {e.uid.value: e for e in calendar.vevent_list}
    fachtag = events["event-1@ssa-tui.kreis-soest"]
    assert fachtag.summary.value == repository.get("events", 1)["title"]
    assert fachtag.location.value == "Haus Düsse, Bad Sassendorf-Ostinghausen"
    assert "Europe/Berlin" in repr(fachtag.dtstart.value.tzinfo)
    assert fachtag.dtstart.value.utcoffset() == timedelta(hours=1)  # CET in March
    assert fachtag.dtstart.value.hour == 9 and fachtag.dtend.value.hour == 16
    assert hasattr(calendar, "vtimezone") and calendar.vtimezone.tzid.value == "Europe/Berlin"
    transgender = events["event-2@ssa-tui.kreis-soest"]
    assert transgender.dtstart.value.isoformat() == "2022-06-20"
