"""The report's tables as an Excel workbook (the default for a file), read back with openpyxl —
a second library, not the XlsxWriter our code writes with — as Excel or Calc would open it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import openpyxl

from ssa_tui.store import Repository

FORMULA = '=HYPERLINK("http://evil.example","Klick")'


def add_uncovered_school(demo: Path) -> None:
    """A school with a leading-zero number and a formula-like name, covered by no position."""
    Repository(demo, user="britta").create(
        "schools", {"school_number": "066234", "name": FORMULA, "town": "Soest"}
    )


def rows(sheet) -> list[list[tuple]]:
    """Each row as (value, type, number format) per cell."""
    return [[(cell.value, cell.data_type, cell.number_format) for cell in row] for row in sheet.iter_rows()]


def test_a_report_file_is_a_typed_workbook_by_default(demo: Path, tmp_path: Path, ssa) -> None:
    add_uncovered_school(demo)
    target = tmp_path / "bericht.xlsx"
    result = ssa("report", "--as-of", "24.11.2026", "-o", str(target), db=demo)
    assert result.returncode == 0 and result.stderr.strip() == f"Bericht geschrieben: {target}"
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == [
        "Überblick",
        "Nach Ort",
        "Nach Schulform",
        "Nach Träger",
        "Nach Finanzierung",
        "Schulen ohne SSA",
        "Hinweise Förderregeln",
        "Befristungen",
        "Nicht geprüft",
    ]
    assert all(sheet.freeze_panes == "A2" for sheet in book.worksheets)

    assert rows(book["Überblick"]) == [
        [("Kennzahl", "s", "General"), ("Wert", "s", "General")],
        [("Stichtag", "s", "@"), (dt.datetime(2026, 11, 24), "d", "dd.mm.yyyy")],
        [("Stellen", "s", "@"), (7, "n", "#,##0")],
        [("Fachkräfte", "s", "@"), (5, "n", "#,##0")],
        [("VZÄ", "s", "@"), (5.27, "n", "#,##0.00")],
        [("Schulen", "s", "@"), (13, "n", "#,##0")],
        [("davon mit Schulsozialarbeit", "s", "@"), (6, "n", "#,##0")],
    ]

    by_town = rows(book["Nach Ort"])
    assert [value for value, _type, _format in by_town[0]] == [
        "Ort",
        "VZÄ",
        "Köpfe",
        "Schulen",
        "davon versorgt",
        "Schüler je VZÄ",
    ]
    warstein = next(row for row in by_town if row[0][0] == "Warstein")
    assert warstein == [
        ("Warstein", "s", "@"),
        (0.77, "n", "#,##0.00"),
        (0, "n", "#,##0"),
        (1, "n", "#,##0"),
        (0, "n", "#,##0"),
        (624, "n", "#,##0"),
    ]
    ense = next(row for row in by_town if row[0][0] == "Ense")
    assert ense[5] == (None, "n", "General")  # no pupils known: an empty cell, not 0

    uncovered = rows(book["Schulen ohne SSA"])
    assert uncovered[0] == [
        ("Schulnummer", "s", "General"),
        ("Schule", "s", "General"),
        ("Ort", "s", "General"),
    ]
    leading_zero = next(row for row in uncovered if row[0][0] == "066234")
    assert leading_zero == [("066234", "s", "@"), (FORMULA, "s", "@"), ("Soest", "s", "@")]


def test_a_file_without_a_known_ending_is_a_workbook_and_a_known_ending_chooses(
    demo: Path, tmp_path: Path, ssa
) -> None:
    for name, start in (
        ("bericht", b"PK\x03\x04"),
        ("bericht.html", b"<!DOCTYPE html>"),
        ("b.csv", b"\xef\xbb\xbf"),
    ):
        assert ssa("report", "-o", str(tmp_path / name), db=demo).returncode == 0
        assert (tmp_path / name).read_bytes().startswith(start), name
    assert ssa("report", "--format", "text", "-o", str(tmp_path / "x.xlsx"), db=demo).returncode == 0
    assert (tmp_path / "x.xlsx").read_text(encoding="utf-8").startswith("Schulsozialarbeit im Kreis Soest")


def test_the_screen_gets_text_and_a_workbook_is_refused_on_a_terminal(demo: Path, ssa) -> None:
    assert ssa("report", db=demo).stdout.startswith("Schulsozialarbeit im Kreis Soest")
    piped = subprocess.run(
        [sys.executable, "-m", "ssa_tui", "--db", str(demo), "report", "--format", "xlsx"],
        capture_output=True,
        timeout=120,
    )
    assert piped.returncode == 0 and piped.stdout.startswith(b"PK\x03\x04")  # a pipe takes the bytes

    leader, follower = pty.openpty()
    on_terminal = subprocess.run(
        [sys.executable, "-m", "ssa_tui", "--db", str(demo), "report", "--format", "xlsx"],
        stdout=follower,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
    )
    os.close(follower)
    os.close(leader)
    assert on_terminal.returncode == 2
    assert (
        on_terminal.stderr.strip() == "Eine Excel-Arbeitsmappe gehört in eine Datei: -o bericht.xlsx angeben."
    )


def test_the_change_since_a_snapshot_is_signed_in_the_workbook(demo: Path, tmp_path: Path, ssa) -> None:
    assert ssa("report", "--as-of", "30.06.2026", "--snapshot", "--format", "json", db=demo).returncode == 0
    repository = Repository(demo, user="britta")
    werl = repository.get("positions", 3)
    repository.update("positions", 3, {"status": "besetzt"}, expected_rev=werl["rev"])
    target = tmp_path / "bericht.xlsx"
    assert ssa("report", "--as-of", "24.11.2026", "-o", str(target), db=demo).returncode == 0
    change = rows(openpyxl.load_workbook(target)["Veränderung"])
    assert [value for value, _type, _format in change[0]] == ["Ort", "VZÄ ±", "versorgte Schulen ±"]
    assert next(row for row in change if row[0][0] == "Werl") == [
        ("Werl", "s", "@"),
        (0, "n", "+#,##0.00;-#,##0.00;0.00"),
        (2, "n", "+#,##0;-#,##0;0"),
    ]


def test_formula_like_text_in_the_csv_is_neutralised(demo: Path, tmp_path: Path, ssa) -> None:
    add_uncovered_school(demo)
    target = tmp_path / "bericht.csv"
    assert ssa("report", "--as-of", "24.11.2026", "-o", str(target), db=demo).returncode == 0
    table = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert ["066234", "'" + FORMULA, "Soest"] in table
    assert ["Warstein", "0,77", "0", "1", "0", "624"] in table  # numbers stay plain
