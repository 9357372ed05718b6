"""Exports read back by a second library: xlsx (written by XlsxWriter, read by openpyxl and by
python's zip/XML view of the cell types), iCalendar (written by icalendar, read by vobject), vCard
(written by hand, read by vobject); CSV neutralised against formulas; links by name + id."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import vobject
from openpyxl import load_workbook

from ssa_tui.exchange.exporter import export
from ssa_tui.exchange.importer import import_file
from ssa_tui.schema import KINDS
from ssa_tui.services.exchange import export_records, export_to_path, link_names
from ssa_tui.store import Repository


def position(repository: Repository, **values) -> dict:
    base = {"school": "Realschule Werl", "town": "Werl", "postal_code": "59457"}
    return repository.create("positions", {**base, **values})


# -- CSV -------------------------------------------------------------------------------------------


def test_formula_like_text_is_neutralised_numbers_stay_numbers_and_the_round_trip_is_exact(
    demo: Path, tmp_path: Path
) -> None:
    repository = Repository(demo, user="anna")
    hostile = [
        '=HYPERLINK("http://x";"klick")',
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1)",
        "'=quoted",
        "(leer)",
    ]
    ids = [repository.create("contacts", {"name": name, "role": name})["id"] for name in hostile]
    position(repository, hours_per_week=19.5, notes="\tTab vorne")
    target = tmp_path / "k.csv"
    export_to_path(repository, "contacts", "csv", target)
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"), newline=""), delimiter=";"))
    written = {row[0]: row for row in rows[1:]}
    for record_id, name in zip(ids, hostile):
        assert written[str(record_id)][1:3] == ["'" + name, "'" + name]  # name, role
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)
    export_to_path(repository, "positions", "csv", tmp_path / "p.csv")
    positions = (tmp_path / "p.csv").read_text(encoding="utf-8-sig")
    assert '"19,5"' in positions and '"\'\tTab vorne"' in positions
    before = demo.read_bytes()
    assert import_file(repository, "contacts", target).unchanged == repository.count("contacts")
    assert import_file(repository, "positions", tmp_path / "p.csv").unchanged == repository.count("positions")
    assert demo.read_bytes() == before
    assert [repository.get("contacts", i)["name"] for i in ids] == hostile


def test_links_are_written_as_names_with_an_id_column_that_decides_between_namesakes(
    demo: Path, tmp_path: Path
) -> None:
    repository = Repository(demo, user="anna")
    first = repository.create("contacts", {"name": "Kim Berg", "organisation": "AWO"})
    second = repository.create("contacts", {"name": "Kim Berg", "organisation": "DRK"})
    stelle = position(repository, staff=second["id"])
    target = tmp_path / "p.csv"
    export_to_path(repository, "positions", "csv", target)
    header, *rows = target.read_text(encoding="utf-8-sig").splitlines()
    assert '"Fachkraft";"Fachkraft (ID)"' in header
    assert rows[-1].count(f'"Kim Berg (#{second["id"]})";"{second["id"]}"') == 1  # namesakes get their id
    before = demo.read_bytes()
    assert import_file(repository, "positions", target).refused == 0
    assert demo.read_bytes() == before  # the id column found the second Kim Berg
    edited = tmp_path / "edited.csv"
    edited.write_text(
        "Schule;Ort;Fachkraft\nRealschule Werl;Werl;Kim Berg\n",
        encoding="utf-8",
    )
    report = import_file(repository, "positions", edited)
    assert report.lines() == [
        f"Zeile 2, Feld Fachkraft: „Kim Berg“ passt auf mehrere: Kim Berg (#{first['id']}), "
        f"Kim Berg (#{second['id']}) – bitte mit „(#ID)“ angeben."
    ]
    assert repository.get("positions", stelle["id"])["staff"] == second["id"]


def test_groups_export_role_links_and_member_names(demo: Path) -> None:
    repository = Repository(demo, user="anna")
    text = export_records(repository, "groups", "csv").payload.decode("utf-8-sig")
    assert '"Sonja Berger: Ansprechperson Raum Lippstadt\nSibel Toykun: Ansprechperson Raum Soest"' in text
    assert '"Britta Thulfaut, Verena Gröne";"1, 2"' in text


# -- xlsx --------------------------------------------------------------------------------------------


def test_xlsx_cells_are_typed_codes_text_hours_numbers_dates_dates_formulas_strings(
    demo: Path, tmp_path: Path
) -> None:
    repository = Repository(demo, user="anna")
    stelle = position(
        repository,
        school='=HYPERLINK("http://evil.example";"Schule")',
        allocations=[{"school_number": "012345", "hours": 19.5}],
        postal_code="59457",
        hours_per_week=19.5,
        contract_until="2027-07-31",
    )
    repository.create("schools", {"school_number": "012345", "name": "Null vorne"})
    contact = repository.create(
        "contacts", {"name": "Null Vorne", "phone": "02921303947", "postal_code": "59457", "town": "Werl"}
    )
    target = tmp_path / "stellen.xlsx"
    export_to_path(repository, "positions", "xlsx", target)
    export_to_path(repository, "contacts", "xlsx", tmp_path / "kontakte.xlsx")
    export_to_path(repository, "schools", "xlsx", tmp_path / "schulen.xlsx")
    sheet = load_workbook(target).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    row = {h: cell for h, cell in zip(header, sheet[sheet.max_row])}
    assert sheet.freeze_panes == "A2"
    assert row["ID"].value == stelle["id"] and row["ID"].data_type == "n"
    assert (row["Schule"].data_type, row["Schule"].value) == ("s", stelle["school"])
    assert (row["Schulen"].data_type, row["Schulen"].value) == ("s", "012345 (19,5)")
    schools = load_workbook(tmp_path / "schulen.xlsx").worksheets[0]
    school = {h.value: c for h, c in zip(schools[1], schools[schools.max_row])}
    assert (school["Schulnummer"].data_type, school["Schulnummer"].value) == ("s", "012345")
    assert (row["Wochenstunden"].data_type, row["Wochenstunden"].value) == ("n", 19.5)
    assert row["Wochenstunden"].number_format == "#,##0.0#"
    assert row["Vertrag bis"].value == dt.datetime(2027, 7, 31)
    assert row["Vertrag bis"].number_format == "dd.mm.yyyy"
    assert sheet.column_dimensions["B"].width >= len(stelle["school"])
    people = load_workbook(tmp_path / "kontakte.xlsx").worksheets[0]
    cells = {h.value: c for h, c in zip(people[1], people[people.max_row])}
    assert cells["Name"].value == contact["name"]
    assert (cells["Telefon"].data_type, cells["Telefon"].value) == ("s", "02921303947")
    assert (cells["PLZ"].data_type, cells["PLZ"].value) == ("s", "59457")


def test_a_workbook_edited_and_saved_by_openpyxl_imports_back_unchanged(demo: Path, tmp_path: Path) -> None:
    repository = Repository(demo, user="anna")
    repository.create("schools", {"school_number": "012345", "name": "Null vorne"})
    target = tmp_path / "schulen.xlsx"
    export_to_path(repository, "schools", "xlsx", target)
    book = load_workbook(target)
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        cells = dict(zip(header, row))
        if cells["Schulnummer"].value == "012345":
            cells["Schulnummer"].value = 12345  # as a spreadsheet turns "012345" into a number
            cells["Schulnummer"].number_format = "General"
    book.save(target)
    before = demo.read_bytes()
    report = import_file(repository, "schools", target)
    assert (report.refused, report.unchanged) == (0, repository.count("schools")), report.lines()
    assert demo.read_bytes() == before


def test_an_edited_cell_in_a_workbook_is_imported(demo: Path, tmp_path: Path) -> None:
    repository = Repository(demo, user="anna")
    target = tmp_path / "stellen.xlsx"
    export_to_path(repository, "positions", "xlsx", target)
    book = load_workbook(target)
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=4, column=header.index("Wochenstunden") + 1).value = 25
    sheet.cell(row=4, column=header.index("Zuletzt geprüft") + 1).value = dt.datetime(2026, 11, 2)
    book.save(target)
    report = import_file(repository, "positions", target, dry_run=True)
    assert report.changes == [
        "Zeile 4, Wochenstunden: 19,5 → 25",
        "Zeile 4, Zuletzt geprüft: 01.10.2026 → 02.11.2026",
    ]


def test_the_whole_database_as_one_workbook_with_a_sheet_per_kind(demo: Path, tmp_path: Path, ssa) -> None:
    target = tmp_path / "alles.xlsx"
    result = ssa("export", "all", "--format", "xlsx", "-o", str(target), db=demo)
    assert result.returncode == 0, result.stderr
    book = load_workbook(target)
    assert book.sheetnames == [kind.label for kind in KINDS.values()]
    assert book.sheetnames[:5] == [
        "Stellen",
        "Arbeitskreise",
        "Veranstaltungen",
        "Themenvorschläge",
        "Kontakte",
    ]
    assert book["Kontakte"].max_row == 1 + Repository(demo, user="x").count("contacts")
    assert ssa("export", "all", "--format", "csv", db=demo).returncode == 2


# -- iCalendar ---------------------------------------------------------------------------------------


def test_all_day_and_multi_day_events_are_dates_timed_ones_berlin(demo: Path, tmp_path: Path, ssa) -> None:
    repository = Repository(demo, user="anna")
    one_day = repository.create("events", {"title": "Fachtag", "start": "2026-05-03"})
    two_days = repository.create("events", {"title": "Klausur", "start": "2026-05-03", "end": "2026-05-04"})
    timed = repository.create(
        "events", {"title": "AK", "start": "2026-03-18T09:00", "end": "2026-03-18T16:00"}
    )
    target = tmp_path / "termine.ics"
    result = ssa("export", "events", "--format", "ics", "-o", str(target), db=demo)
    assert result.returncode == 0
    count = repository.count("events") - 1  # event 1 of the demo has no start
    assert result.stderr.splitlines() == [
        f"{count} Datensätze nach {target} exportiert.",
        "1 nicht exportiert (kein Beginn): „Fachtag „Digitalisierung – (k)ein Thema für die Schulsozialarbeit?““",
    ]
    calendar = vobject.readOne(target.read_text(encoding="utf-8"))
    events = {e.uid.value: e for e in calendar.vevent_list}
    assert len(events) == count
    day = events[f"event-{one_day['id']}@ssa-tui.kreis-soest"]
    assert day.dtstart.value == dt.date(2026, 5, 3) and not isinstance(day.dtstart.value, dt.datetime)
    assert day.dtend.value == dt.date(2026, 5, 4)
    both = events[f"event-{two_days['id']}@ssa-tui.kreis-soest"]
    assert (both.dtstart.value, both.dtend.value) == (dt.date(2026, 5, 3), dt.date(2026, 5, 5))
    raw = target.read_text(encoding="utf-8")
    assert "DTSTART;VALUE=DATE:20260503" in raw and "DTEND;VALUE=DATE:20260505" in raw
    at_nine = events[f"event-{timed['id']}@ssa-tui.kreis-soest"]
    assert at_nine.dtstart.value.utcoffset() == dt.timedelta(hours=1)
    assert (at_nine.dtstart.value.hour, at_nine.dtend.value.hour) == (9, 16)
    assert calendar.vtimezone.tzid.value == "Europe/Berlin"


def test_group_meetings_go_to_the_calendar_too(demo: Path) -> None:
    repository = Repository(demo, user="anna")
    repository.update("groups", 1, {"next_meeting": "2026-12-02T14:30"}, expected_rev=1)
    result = export("groups", repository.records("groups"), "ics", link_names(repository, ["groups"]))
    calendar = vobject.readOne(result.payload.decode("utf-8"))
    [meeting] = calendar.vevent_list
    assert meeting.summary.value == "AK Schulsozialarbeit Kreis Soest"
    assert (meeting.dtstart.value.day, meeting.dtstart.value.hour, meeting.dtstart.value.minute) == (
        2,
        14,
        30,
    )
    assert result.count == 1 and result.left_out == ["„AK Kollegiale Fallberatung“"]


# -- vCard ---------------------------------------------------------------------------------------------


def test_vcards_parsed_by_a_second_library(demo: Path) -> None:
    repository = Repository(demo, user="anna")
    repository.create(
        "contacts",
        {
            "name": "Dr. Ana Lima, MA",
            "role": "Leitung; Beratung",
            "organisation": "Caritas; Soest",
            "street": "Weg 1",
            "postal_code": "59494",
            "town": "Soest",
            "notes": "Zeile 1; mit Semikolon, Komma\\Backslash\nZeile 2",
            "email": "ana@example.org",
        },
    )
    raw = export_records(repository, "contacts", "vcf").payload.decode("utf-8")
    assert "NOTE:Zeile 1; mit Semikolon\\, Komma\\\\Backslash\\nZeile 2\r\n" in raw
    assert "ADR;TYPE=work:;;Weg 1;Soest;;59494;Deutschland\r\n" in raw
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n"))
    cards = list(vobject.readComponents(raw))
    assert len(cards) == repository.count("contacts")
    ana = cards[-1]
    assert ana.version.value == "4.0"
    assert ana.fn.value == "Dr. Ana Lima, MA"
    assert ana.note.value == "Zeile 1; mit Semikolon, Komma\\Backslash\nZeile 2"
    assert ana.org.value == ["Caritas; Soest"]
    assert ana.title.value == "Leitung; Beratung"
    assert ana.adr.params["TYPE"] == ["work"]
    assert (ana.adr.value.street, ana.adr.value.city, ana.adr.value.code) == ("Weg 1", "Soest", "59494")
    britta = cards[0]
    assert britta.note.value.startswith("Sprechzeiten: Montag 08:00–16:00; Dienstag")
    assert britta.email.value == "britta.thulfaut@kreis-soest.de"
