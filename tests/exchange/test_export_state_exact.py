"""Exact CSV and JSON exports, the export dispatch, and the state's school list read as rows of
``schools``."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook

from ssa_tui.exchange.exporter import (
    ALL,
    ALL_FORMATS,
    FORMATS,
    csv_cell,
    export,
    export_all,
    export_csv,
    export_json,
)
from ssa_tui.exchange.links import Targets
from ssa_tui.exchange.state_schools import COLUMNS, SCHOOL_FORM_KEYS, from_state_list
from ssa_tui.exchange.table import SourceRow, Table

TARGETS = Targets({"contacts": [{"id": 1, "name": "=Kim"}]})
HEADER = (
    '"ID";"Schule";"Schulen";"Schulform";"Ort";"Straße";"PLZ";"Träger";"Finanzierung";"Wochenstunden";'
    '"Förderung bis";"Vertrag bis";"Status";"Fachkraft";"Fachkraft (ID)";"Zuletzt geprüft";"Notizen"\r\n'
)


def test_format_lists() -> None:
    assert FORMATS == ("csv", "xlsx", "json", "vcf", "ics")
    assert ALL_FORMATS == ("xlsx", "json") and ALL == "all"


def test_a_csv_export_byte_for_byte() -> None:
    record = {"id": 5, "school": "-RS", "hours_per_week": -3.5, "staff": 1, "funding_until": "2027-07-31"}
    record |= {"notes": "a\nb", "rev": 2}
    assert export_csv("positions", [record], TARGETS) == (
        "\ufeff"
        + HEADER
        + '"5";"\'-RS";"";"";"";"";"";"";"";"-3,5";"31.07.2027";"";"";"\'=Kim";"1";"";"a\nb"\r\n'
    )
    assert export_csv("positions", [], TARGETS) == "\ufeff" + HEADER


@pytest.mark.parametrize(
    ("name", "record", "cell"),
    [
        ("id", {"id": 7}, "7"),
        ("id", {}, ""),
        ("staff_id", {"staff": 1}, "1"),
        ("staff_id", {"staff": None}, ""),
        ("staff", {"staff": 1}, "'=Kim"),
        ("hours_per_week", {"hours_per_week": -3.5}, "-3,5"),
        ("hours_per_week", {"hours_per_week": 20}, "20"),
        ("school", {"school": "@x"}, "'@x"),
        ("school", {"school": "(leer)"}, "'(leer)"),
        ("carrier", {}, ""),
    ],
)
def test_one_csv_cell(name: str, record: dict, cell: str) -> None:
    assert csv_cell("positions", name, record, TARGETS) == cell


def test_json_has_every_field_in_schema_order() -> None:
    assert export_json("suggestions", [{"id": 1, "topic": "T", "other": 1, "rev": 3}]) == [
        {
            "id": 1,
            "rev": 3,
            "created_at": None,
            "updated_at": None,
            "updated_by": None,
            "topic": "T",
            "suggested_by": None,
            "received": None,
            "status": None,
            "event": None,
        }
    ]


def test_the_export_dispatch_per_format() -> None:
    records = [{"id": 1, "topic": "Ä"}]
    as_json = export("suggestions", records, "json", Targets({}))
    assert (as_json.count, as_json.left_out) == (1, [])
    assert as_json.payload.endswith(b"}\n]\n") and "Ä".encode() in as_json.payload
    assert as_json.payload.startswith(b'[\n  {\n    "id": 1,')
    assert json.loads(as_json.payload)[0]["topic"] == "Ä"
    as_csv = export("suggestions", records, "csv", Targets({}))
    assert as_csv.payload == ('\ufeff"ID";"Thema";"Vorgeschlagen von";"Eingegangen am";"Status";"Veranstaltung";'
                              '"Veranstaltung (ID)"\r\n"1";"Ä";"";"";"";"";""\r\n').encode()  # fmt: skip
    assert as_csv.count == 1
    as_xlsx = export("suggestions", records, "xlsx", Targets({}))
    assert as_xlsx.payload[:2] == b"PK" and as_xlsx.count == 1
    as_vcf = export("contacts", [{"id": 1, "name": "A"}, {"id": 2, "name": "B"}], "vcf", Targets({}))
    assert as_vcf.count == 2 and as_vcf.payload.count(b"BEGIN:VCARD\r\n") == 2


def test_export_of_every_table() -> None:
    tables = {
        "suggestions": [{"id": 1, "topic": "T"}, {"id": 2, "topic": "U"}],
        "employers": [{"id": 1, "name": "AWO"}],
    }
    as_json = export_all(tables, "json", Targets({}))
    assert as_json.count == 3
    data = json.loads(as_json.payload)
    assert list(data) == ["suggestions", "employers"]
    assert [row["topic"] for row in data["suggestions"]] == ["T", "U"]
    assert data["employers"][0] == {
        "id": 1, "rev": None, "created_at": None, "updated_at": None, "updated_by": None,
        "name": "AWO", "full_time_hours": None, "notes": None,
    }  # fmt: skip
    assert as_json.payload.endswith(b"\n}\n")
    as_xlsx = export_all(tables, "xlsx", Targets({}))
    assert as_xlsx.count == 3 and as_xlsx.payload[:2] == b"PK"
    book = load_workbook(io.BytesIO(as_xlsx.payload))
    assert book.sheetnames == ["Themenvorschläge", "Träger"]
    assert [c.value for c in book.worksheets[1][2]][:2] == [1, "AWO"]


def test_workbook_exports_name_the_linked_records() -> None:
    record = {"id": 3, "school": "RS", "staff": 1}
    sheet = load_workbook(io.BytesIO(export("positions", [record], "xlsx", TARGETS).payload)).worksheets[0]
    assert (sheet["N1"].value, sheet["N2"].value, sheet["O2"].value) == ("Fachkraft", "=Kim", 1)
    every = export_all({"positions": [record]}, "xlsx", TARGETS)
    assert load_workbook(io.BytesIO(every.payload)).worksheets[0]["N2"].value == "=Kim"


# -- the state's school list -----------------------------------------------------------------

STATE_HEADER = [
    "Schulnummer",
    "Schulbezeichnung_1",
    "Schulbezeichnung_2",
    "Schulbezeichnung_3",
    "Schulform",
    "Ort",
]


def state_rows() -> list[SourceRow]:
    return [
        SourceRow(4, ["123456", "GS", "am", "Park", 2.0, "Soest"]),
        SourceRow(5, [1, "X", "", "", "20", "Köln"]),
        SourceRow(6, ["99", "Y", None, "", 10, "wickede"]),
        SourceRow(7, ["x"], "bad"),
        SourceRow(8, ["5", "Z"]),
        SourceRow(9, [" 4711 ", " Gym ", "", "", "99", " LIPPSTADT "]),
    ]


def test_the_state_list_becomes_the_districts_schools() -> None:
    assert COLUMNS == ["school_number", "name", "school_type", "town"]
    assert SCHOOL_FORM_KEYS["02"] == "Grundschule" and SCHOOL_FORM_KEYS["30"] == "Berufskolleg"
    notes = [SourceRow(2, ["Stand: 2026"]), SourceRow(3, [" SCHULNUMMER ", *STATE_HEADER[1:]])]
    table = from_state_list(Table(["Hinweis"], iter(notes + state_rows()), "Windows-1252", False))
    assert (table.header, table.encoding, table.text_cells_neutralised) == (COLUMNS, "Windows-1252", False)
    assert list(table.rows) == [
        SourceRow(4, ["123456", "GS am Park", "Grundschule", "Soest"]),
        SourceRow(6, ["000099", "Y", "Realschule", "Wickede (Ruhr)"]),
        SourceRow(7, ["x"], "bad"),
        SourceRow(9, ["004711", "Gym", "", "Lippstadt"]),
    ]


def test_the_header_in_the_first_line_and_five_lines_of_notes_at_most() -> None:
    table = from_state_list(Table(STATE_HEADER, iter(state_rows()[:1]), "UTF-8", True))
    assert table.header == COLUMNS and table.text_cells_neutralised is True
    assert list(table.rows) == [SourceRow(4, ["123456", "GS am Park", "Grundschule", "Soest"])]
    five = [SourceRow(n, [f"Hinweis {n}"]) for n in range(2, 6)] + [SourceRow(6, STATE_HEADER)]
    assert from_state_list(Table(["Titel"], iter(five + state_rows()[:1]), "UTF-8", True)).header == COLUMNS
    six = [SourceRow(n, [f"Hinweis {n}"]) for n in range(2, 7)] + [SourceRow(7, STATE_HEADER)]
    other = from_state_list(Table(["Titel"], iter(six), "UTF-8", False))
    assert (other.header, other.text_cells_neutralised) == (["Titel"], False)
    assert list(other.rows) == six  # not the state's list: every row as it was


def test_an_ordinary_table_is_left_as_it_was() -> None:
    rows = [SourceRow(2, ["123456", "Realschule Werl"]), SourceRow(3, ["654321", "GS"])]
    table = from_state_list(Table(["Schulnummer", "Name"], iter(rows), "UTF-16", True))
    assert (table.header, table.encoding, table.text_cells_neutralised) == (
        ["Schulnummer", "Name"],
        "UTF-16",
        True,
    )
    assert list(table.rows) == rows
    bare = from_state_list(Table(["Schulnummer", "Schulbezeichnung_1"], iter([]), "UTF-8", True))
    assert bare.header == COLUMNS  # the two columns that make the state's list, nothing else
    short = from_state_list(Table(["Schulnummer"], iter([]), "UTF-8", True))
    assert short.header == ["Schulnummer"] and list(short.rows) == []
