"""Tests written against mutation survivors of the exchange package that the first analysis left
"not analysed" (bench/mutation-survivors.md): each pins what the surviving mutant changed."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from ssa_tui.exchange.importer import plan_import
from ssa_tui.exchange.state_schools import from_state_list
from ssa_tui.exchange.table import SourceRow, Table
from ssa_tui.store import Repository

from .test_export_state_exact import STATE_HEADER


def test_a_state_row_that_ends_before_its_last_column_is_read_as_empty_there() -> None:  # index < len
    rows = [
        SourceRow(2, ["123457", "GS", "", "", "02"]),
        SourceRow(3, ["123456", "GS", "am Park", "", "02", "Soest"]),
    ]
    table = from_state_list(Table(STATE_HEADER, iter(rows), "UTF-8", True))
    assert [row.cells for row in table.rows] == [["123456", "GS am Park", "Grundschule", "Soest"]]


def test_every_bad_link_of_a_row_is_named(tmp_path: Path) -> None:  # problems += … per link
    repository = Repository(tmp_path / "db.json", user="anna", create=True)
    path = tmp_path / "ak.csv"
    path.write_text(
        "Name;Ansprechpersonen;Mitglieder\nAK Neu;Nie Gesehen: Leitung;Auch Unbekannt\n", encoding="utf-8"
    )
    lines = plan_import(repository, "groups", path).report.lines()
    assert lines == [
        "Zeile 2, Feld Ansprechpersonen: Kontakt „Nie Gesehen“ nicht gefunden.",
        "Zeile 2, Feld Mitglieder: Kontakt „Auch Unbekannt“ nicht gefunden.",
    ]


def test_a_workbook_cell_is_taken_as_written_not_unneutralised(tmp_path: Path) -> None:  # neutralised=
    """Only CSV written by us neutralises formula-like text with a leading ``'``; in a workbook
    a text cell is what the person typed, apostrophe included."""
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Organisation"])
    sheet.append(["'=Chef", "AWO"])
    path = tmp_path / "kontakte.xlsx"
    book.save(path)
    repository = Repository(tmp_path / "db.json", user="anna", create=True)
    plan = plan_import(repository, "contacts", path)
    assert [row.values["name"] for row in plan.rows] == ["'=Chef"]
