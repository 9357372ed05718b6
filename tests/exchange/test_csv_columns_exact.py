"""Exact results of CSV reading (encodings, separators, row numbers, messages) and of column
matching by German and English headers."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from ssa_tui.exchange.columns import (
    accepted_headers,
    column_names,
    field_for_header,
    german_header,
    header_map,
)
from ssa_tui.exchange.csv_read import ENCODING_NAMES, _CHUNK, detect_delimiter, detect_encoding, read_csv
from ssa_tui.exchange.table import FileRefused, SourceRow, read_table
from ssa_tui.schema import KINDS


def write(tmp_path: Path, data: bytes, name: str = "f.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "codec"),
    [
        (codecs.BOM_UTF8 + "Name;Ort\r\nä;ö\r\n".encode(), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + "Name\tOrt\r\n".encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + "Name\tOrt\r\n".encode("utf-16-be"), "utf-16"),
        ("Name\tOrt\r\n".encode("utf-16-le"), "utf-16-le"),
        ("Name;Ort\r\nMüller;Soest\r\n".encode(), "utf-8"),
        (b"Name;Ort\r\nAnna;Soest\r\n", "utf-8"),
        ("Name;Ort\r\nMüller;Soest\r\n".encode("cp1252"), "cp1252"),
        ("Name;Ort\r\nMüller;Soest\r\n".encode() + b"\xff\r\n", "utf-8"),  # one broken byte
        (b"Name\x7f;\xe4\r\n", "cp1252"),  # DEL is ASCII, not a sign of UTF-8
        ("ä;x\r\n".encode(), "utf-8"),  # the very first byte counts too
        (b"", "utf-8"),
        (b"ab", "utf-8"),
        (b"a\x00b", "utf-8"),  # too short for the NUL pattern
        (b"\x00a\x00b", "utf-8"),
    ],
)
def test_the_encoding_a_file_is_read_with(tmp_path: Path, data: bytes, codec: str) -> None:
    assert detect_encoding(write(tmp_path, data)) == codec


def test_utf8_is_recognised_after_the_first_chunk(tmp_path: Path) -> None:
    ascii_part = b"Name;Ort\r\n" + b"a;b\r\n" * (_CHUNK // 5 + 10)
    assert detect_encoding(write(tmp_path, ascii_part + "ä\r\n".encode())) == "utf-8"
    assert detect_encoding(write(tmp_path, ascii_part + "ä\r\n".encode("cp1252"))) == "cp1252"
    # more broken bytes than valid characters: still UTF-8 once one valid sequence is seen
    assert detect_encoding(write(tmp_path, b"x\xff\xfe\xfd;" + "ä".encode())) == "utf-8"


def test_encoding_names_shown_to_people() -> None:
    assert ENCODING_NAMES == {
        "utf-8": "UTF-8",
        "utf-8-sig": "UTF-8",
        "utf-16": "UTF-16",
        "utf-16-le": "UTF-16",
        "cp1252": "Windows-1252",
    }


@pytest.mark.parametrize(
    ("line", "separator"),
    [
        ("Name;Ort;PLZ\r\n", ";"),
        ("Name,Ort,PLZ\r\n", ","),
        ("Name\tOrt\tPLZ\r\n", "\t"),
        ("Name;Ort,PLZ\r\n", ";"),  # a tie goes to the German separator
        ("Name\tOrt,PLZ\r\n", ","),  # a tie between , and TAB: the first counted
        ('"a;b;c",Ort,PLZ\r\n', ","),  # separators inside quotes do not count
        ('"a,b";"c,d"\r\n', ";"),
        ("Name\r\n", ";"),
        ("", ";"),
    ],
)
def test_the_separator_is_the_one_that_splits_most_columns(line: str, separator: str) -> None:
    assert detect_delimiter(line) == separator


def test_a_windows_1252_file_with_line_breaks_in_cells_and_blank_rows(tmp_path: Path) -> None:
    data = 'Name ; Ort\r\n"Anna\r\nBerg";Müller\r\n;\r\n  ; \r\nLetzte;Zeile\r\n'.encode("cp1252")
    table = read_csv(write(tmp_path, data))
    assert table.header == ["Name", "Ort"]
    assert table.encoding == "Windows-1252"
    assert list(table.rows) == [
        SourceRow(2, ["Anna\r\nBerg", "Müller"], None),
        SourceRow(5, ["Letzte", "Zeile"], None),
    ]


def test_a_bom_file_with_commas_and_utf16(tmp_path: Path) -> None:
    table = read_csv(write(tmp_path, codecs.BOM_UTF8 + "Name,Ort\nÄ,B\n".encode()))
    assert (table.header, table.encoding) == (["Name", "Ort"], "UTF-8")
    assert list(table.rows) == [SourceRow(2, ["Ä", "B"], None)]
    table = read_csv(write(tmp_path, codecs.BOM_UTF16_LE + "Name\tOrt\r\nÄ\tB\r\n".encode("utf-16-le")))
    assert (table.header, table.encoding) == (["Name", "Ort"], "UTF-16")
    assert list(table.rows) == [SourceRow(2, ["Ä", "B"], None)]


def test_undecodable_bytes_name_the_row_and_the_encoding(tmp_path: Path) -> None:
    data = "Name;Ort\r\nA;ä\r\n".encode() + b"\xff;x\r\n"
    table = read_csv(write(tmp_path, data))
    assert table.encoding == "UTF-8"
    assert list(table.rows) == [
        SourceRow(2, ["A", "ä"], None),
        SourceRow(3, ["\ufffd", "x"], "enthält Bytes, die als UTF-8 nicht lesbar sind – nicht übernommen."),
    ]


def test_a_cell_over_the_limit_stops_the_read_with_its_row(tmp_path: Path) -> None:
    data = b'Name;Ort\r\nA;B\r\n"' + b"x" * (1 << 20) + b'x";C\r\n'
    table = read_csv(write(tmp_path, data))
    with pytest.raises(FileRefused) as refused:
        list(table.rows)
    assert str(refused.value) == (
        "Die Datei ist ab Zeile 3 nicht lesbar (field larger than field limit (1048576)) – nichts übernommen."
    )


def test_an_empty_file_has_no_header_and_no_rows(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, b"", "leer.TXT"))
    assert table.header == [] and list(table.rows) == []


def test_export_columns_and_german_headers() -> None:
    positions = KINDS["positions"]
    assert column_names(positions) == [
        "id", "school", "allocations", "school_type", "town", "street", "postal_code", "carrier",
        "funding", "hours_per_week", "funding_until", "contract_until", "status", "staff",
        "staff_id", "last_verified", "notes",
    ]  # fmt: skip
    assert [german_header(positions, name) for name in ("id", "staff", "staff_id", "carrier")] == [
        "ID",
        "Fachkraft",
        "Fachkraft (ID)",
        "Träger",
    ]
    assert column_names(KINDS["groups"])[6:10] == ["contacts", "contacts_id", "members", "members_id"]
    assert "sent_at" not in column_names(KINDS["newsletters"])  # not in the form


def test_every_header_a_position_column_may_carry() -> None:
    assert header_map(KINDS["positions"]) == {
        "id": "id", "rev": "rev", "version": "rev", "revision": "rev", "createdat": "created_at",
        "angelegtam": "created_at", "updatedat": "updated_at", "geandertam": "updated_at",
        "updatedby": "updated_by", "geandertvon": "updated_by", "school": "school", "schule": "school",
        "allocations": "allocations", "schulen": "allocations", "schooltype": "school_type",
        "schulform": "school_type", "town": "town", "ort": "town", "street": "street",
        "strasse": "street", "postalcode": "postal_code", "plz": "postal_code", "carrier": "carrier",
        "trager": "carrier", "employer": "carrier", "funding": "funding", "finanzierung": "funding",
        "hoursperweek": "hours_per_week", "wochenstunden": "hours_per_week",
        "fundinguntil": "funding_until", "forderungbis": "funding_until",
        "contractuntil": "contract_until", "vertragbis": "contract_until", "status": "status",
        "staff": "staff", "fachkraft": "staff", "lastverified": "last_verified",
        "zuletztgepruft": "last_verified", "notes": "notes", "notizen": "notes", "staffid": "staff_id",
        "fachkraft(id)": "staff_id", "staff(id)": "staff_id",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("Schule", "school"),
        ("  SCHULE ", "school"),
        ("Träger", "carrier"),
        ("Traeger", None),
        ("Employer", "carrier"),
        ("Hours per week", "hours_per_week"),
        ("hours-per-week", "hours_per_week"),
        ("Zuletzt_geprüft", "last_verified"),
        ("Fachkraft (ID)", "staff_id"),
        ("Staff (ID)", "staff_id"),
        ("staff_id", "staff_id"),
        ("Geändert am", "updated_at"),
        ("Unbekannt", None),
    ],
)
def test_headers_in_german_and_english(header: str, name: str | None) -> None:
    assert field_for_header(KINDS["positions"], header) == name


def test_accepted_headers_for_the_docs() -> None:
    assert accepted_headers(KINDS["suggestions"]) == [
        ("topic", "Thema", "Topic"),
        ("suggested_by", "Vorgeschlagen von", "Suggested by"),
        ("received", "Eingegangen am", "Received"),
        ("status", "Status", "Status"),
        ("event", "Veranstaltung", "Event"),
    ]
