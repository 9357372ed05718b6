"""Exact cells of written workbooks (read back with openpyxl: types, number formats, widths,
frozen header, filter) and of workbooks read as Excel saves them."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from ssa_tui.exchange.links import Targets
from ssa_tui.exchange.table import FileRefused, SourceRow, read_table
from ssa_tui.exchange.xlsx import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    MAX_WIDTH,
    NUMBER_FORMATS,
    Grid,
    Sheet,
    cell_value,
    quote_marker,
    read_xlsx,
    write_workbook,
)
from ssa_tui.schema import KINDS

TARGETS = Targets({"contacts": [{"id": 1, "name": "Kim Berg"}]})
PAD = 0.7109375  # what XlsxWriter adds to a column width in characters


def sheet_of(payload: bytes):
    return load_workbook(io.BytesIO(payload)).worksheets[0]


def test_formats() -> None:
    assert NUMBER_FORMATS == {
        "number": "#,##0.0#",
        "count": "#,##0",
        "whole": "0",
        "decimal2": "#,##0.00",
        "signed2": "+#,##0.00;-#,##0.00;0.00",
        "signed_count": "+#,##0;-#,##0;0",
    }
    assert (DATE_FORMAT, DATETIME_FORMAT, MAX_WIDTH) == ("dd.mm.yyyy", "dd.mm.yyyy hh:mm", 60)


@pytest.mark.parametrize(
    ("kind", "name", "record", "cell"),
    [
        ("positions", "id", {"id": 5}, ("whole", 5)),
        ("positions", "school", {"school": "RS"}, ("string", "RS")),
        ("positions", "hours_per_week", {"hours_per_week": 19.5}, ("number", 19.5)),
        ("positions", "hours_per_week", {"hours_per_week": 20}, ("number", 20)),
        ("positions", "funding_until", {"funding_until": "2027-07-31"}, ("date", dt.date(2027, 7, 31))),
        ("positions", "staff", {"staff": 1}, ("string", "Kim Berg")),
        ("positions", "staff_id", {"staff": 1}, ("whole", 1)),
        ("positions", "staff_id", {"staff": None}, ("blank", None)),
        ("events", "registrations_id", {"registrations": []}, ("blank", None)),
        ("positions", "staff_id", {"staff": True}, ("string", "True")),
        ("positions", "notes", {"notes": "(leer)"}, ("string", "(leer)")),
        ("positions", "carrier", {}, ("blank", None)),
        ("positions", "carrier", {"carrier": ""}, ("blank", None)),
        ("positions", "status", {"status": "besetzt"}, ("string", "besetzt")),
        ("events", "start", {"start": "2026-05-03"}, ("date", dt.date(2026, 5, 3))),
        ("events", "end", {"end": "2026-05-03T14:30"}, ("datetime", dt.datetime(2026, 5, 3, 14, 30))),
        ("events", "capacity", {"capacity": 20}, ("count", 20)),
        ("events", "capacity", {"capacity": True}, ("string", "True")),
        ("positions", "hours_per_week", {"hours_per_week": "abc"}, ("string", "abc")),
        ("positions", "hours_per_week", {"hours_per_week": True}, ("string", "True")),
        ("events", "start", {"start": "2026-05-03T00:00"}, ("datetime", dt.datetime(2026, 5, 3))),
        ("events", "registrations", {"registrations": [1]}, ("string", "Kim Berg")),
        ("events", "registrations_id", {"registrations": [1, 2]}, ("string", "1, 2")),
        ("groups", "open_for_new", {"open_for_new": True}, ("string", "ja")),
        ("groups", "open_for_new", {"open_for_new": False}, ("string", "nein")),
        (
            "groups",
            "contacts",
            {"contacts": [{"contact": 1, "role": "Leitung"}]},
            ("string", "Kim Berg: Leitung"),
        ),
        (
            "groups",
            "contacts_id",
            {"contacts": [{"contact": 1, "role": "Leitung"}]},
            ("string", "1: Leitung"),
        ),
        ("groups", "next_meeting", {"next_meeting": None}, ("blank", None)),
    ],
)
def test_the_type_and_value_of_each_cell(kind: str, name: str, record: dict, cell: tuple) -> None:
    result = cell_value(KINDS[kind], name, record, TARGETS)
    assert result == cell
    assert type(result[1]) is type(cell[1])


def test_only_the_clear_marker_is_quoted_in_a_workbook() -> None:
    assert quote_marker("(leer)") == "'(leer)"
    assert quote_marker(" (LEER)") == "' (LEER)"
    assert quote_marker("=SUM(A1)") == "=SUM(A1)"
    assert quote_marker("'x") == "'x"


def test_a_grid_is_written_with_types_formats_and_widths() -> None:
    rows = [
        [
            ("number", 1234567.25),
            ("decimal2", 1234.5),
            ("date", dt.date(2026, 5, 3)),
            ("datetime", dt.datetime(2026, 5, 3, 14, 30)),
            ("string", "ab\nabcdef"),
            ("string", "x" * 100),
            ("blank", "ignored"),
            ("count", None),
        ],
        [("signed2", -1.0), ("whole", 1234), ("signed_count", 3), ("count", 1234), ("string", "(leer)")],
    ]
    grid = Grid(
        "Ein sehr langer Name für ein Blatt mit Bericht", ["A", "B", "C", "D", "E", "F", "G", "H"], rows
    )
    book = load_workbook(io.BytesIO(write_workbook([grid])))
    assert book.sheetnames == ["Ein sehr langer Name für ein Bl"]
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:H3"
    assert [(c.value, c.data_type) for c in sheet[1]] == [(h, "s") for h in "ABCDEFGH"]
    assert sheet["A1"].font.b is True and sheet["A1"].fill.fgColor.rgb == "FFDDE5EE"
    assert sheet["A1"].border.bottom.style == "thin"
    assert [(c.value, c.data_type, c.number_format) for c in sheet[2]] == [
        (1234567.25, "n", "#,##0.0#"),
        (1234.5, "n", "#,##0.00"),
        (dt.datetime(2026, 5, 3), "d", "dd.mm.yyyy"),
        (dt.datetime(2026, 5, 3, 14, 30), "d", "dd.mm.yyyy hh:mm"),
        ("ab\nabcdef", "s", "@"),
        ("x" * 100, "s", "@"),
        (None, "n", "General"),
        (None, "n", "General"),
    ]
    assert [(c.value, c.number_format) for c in sheet[3]][:5] == [
        (-1, "+#,##0.00;-#,##0.00;0.00"),
        (1234, "0"),
        (3, "+#,##0;-#,##0;0"),
        (1234, "#,##0"),
        ("'(leer)", "@"),
    ]
    widths = {letter: dim.width - PAD for letter, dim in sheet.column_dimensions.items()}
    # 1,234,567.25 / 1,234.50 / a date / a date-time / longest line / capped / header only
    assert widths == {"A": 14, "B": 10, "C": 12, "D": 18, "E": 8, "F": 60, "G": 3}
    assert sheet.column_dimensions["G"].max == 8  # G and H: header only, the same width


def test_text_that_looks_like_a_link_stays_plain_text() -> None:
    sheet = sheet_of(write_workbook([Grid("G", ["A"], [[("string", "http://example.org")]])]))
    assert (sheet["A2"].value, sheet["A2"].hyperlink) == ("http://example.org", None)


def test_an_empty_text_and_an_empty_header_make_the_narrowest_column() -> None:
    sheet = sheet_of(write_workbook([Grid("G", ["", "AB"], [[("string", ""), ("string", "")]])]))
    assert sheet.column_dimensions["A"].width - PAD == 2
    assert sheet.column_dimensions["B"].width - PAD == 4


def test_an_empty_grid_has_no_filter() -> None:
    sheet = sheet_of(write_workbook([Grid("Leer", ["Kopf"], [])]))
    assert sheet.auto_filter.ref is None
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width - PAD == 6


def test_a_kinds_sheet_with_german_headers_and_typed_cells() -> None:
    record = {"id": 5, "school": "=Realschule", "hours_per_week": 19.5, "postal_code": "04109", "staff": 1}
    record |= {"funding_until": "2027-07-31", "status": "besetzt"}
    payload = write_workbook([Sheet("Stellen", KINDS["positions"], [record])], TARGETS)
    sheet = sheet_of(payload)
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["ID", "Schule", "Schulen"] and header[13:15] == ["Fachkraft", "Fachkraft (ID)"]
    row = {h: (c.value, c.data_type) for h, c in zip(header, sheet[2])}
    assert row["ID"] == (5, "n") and sheet["A2"].number_format == "0"  # 5, never 5,0
    assert row["Schule"] == ("=Realschule", "s")  # a string cell, never a formula
    assert row["PLZ"] == ("04109", "s")
    assert row["Wochenstunden"] == (19.5, "n")
    assert row["Förderung bis"] == (dt.datetime(2027, 7, 31), "d")
    assert row["Fachkraft"] == ("Kim Berg", "s") and row["Fachkraft (ID)"] == (1, "n")
    assert sheet["O2"].number_format == "0"
    assert row["Träger"] == (None, "n")
    without_targets = sheet_of(write_workbook([Sheet("S", KINDS["positions"], [record])]))
    assert without_targets["N2"].value == "1"  # no names known: the id


def excel_file(tmp_path: Path) -> Path:
    book = Workbook()
    first = book.active
    first.title = "Erstes"
    first.append([" Name ", None, "PLZ", "Beginn", "Zeit"])
    first.append(["Anna", None, 4109, dt.datetime(2026, 5, 3), dt.datetime(2026, 5, 3, 14, 30)])
    first.append([None, None, None, None, None])
    first.append(["", None, None, None, None])
    first.append(["Bert", True, 59494.0, None, None])
    first["F1"] = "Formel"
    first["F2"] = "=1+1"  # saved without a cached value: read as empty, never as formula text
    first["D2"].number_format = "DD.MM.YYYY"
    first["E2"].number_format = "DD.MM.YYYY HH:MM"
    second = book.create_sheet("Zweites")
    second.append(["Thema"])
    second.append(["Fachtag"])
    path = tmp_path / "excel.xlsx"
    book.save(path)
    return path


def test_a_workbook_as_excel_saves_it(tmp_path: Path) -> None:
    path = excel_file(tmp_path)
    table = read_table(path, ["Sonstiges", "erstes"])  # the sheet's name in any case
    assert table.header == ["Name", "", "PLZ", "Beginn", "Zeit", "Formel"]
    assert (table.encoding, table.text_cells_neutralised) == ("UTF-8", False)
    rows = list(table.rows)
    assert rows == [
        SourceRow(2, ["Anna", None, 4109, dt.date(2026, 5, 3), dt.datetime(2026, 5, 3, 14, 30), None]),
        SourceRow(5, ["Bert", True, 59494, None, None, None]),
    ]
    assert type(rows[0].cells[3]) is dt.date and type(rows[0].cells[4]) is dt.datetime
    second = read_xlsx(path, ["Zweites"])
    assert second.header == ["Thema"] and list(second.rows) == [SourceRow(2, ["Fachtag"])]
    for names in (["Fehlt"], []):  # several sheets: never a guess
        with pytest.raises(FileRefused) as refused:
            read_xlsx(path, names)
        wanted = names[0] if names else "?"
        assert str(refused.value) == (
            f"excel.xlsx hat mehrere Blätter („Erstes“, „Zweites“), aber keines heißt „{wanted}“ – nichts übernommen."
        )


def test_a_file_that_is_no_workbook_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "kaputt.xlsx"
    path.write_bytes(b"Name;Ort\r\n")
    with pytest.raises(FileRefused) as refused:
        read_table(path)
    assert (
        str(refused.value) == "kaputt.xlsx ist keine lesbare Excel-Arbeitsmappe (.xlsx) – nichts übernommen."
    )
    upper = tmp_path / "K.XLSX"
    upper.write_bytes(b"")
    with pytest.raises(FileRefused):
        read_table(upper)


def test_an_empty_workbook_has_no_header_and_no_rows(tmp_path: Path) -> None:
    Workbook().save(tmp_path / "leer.xlsx")
    table = read_xlsx(tmp_path / "leer.xlsx")
    assert (table.header, list(table.rows)) == ([], [])
