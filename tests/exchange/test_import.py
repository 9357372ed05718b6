"""CSV import as the contact form delivers it: real files, the real command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ssa_tui.exchange.importer import import_file
from ssa_tui.schema import KINDS
from ssa_tui.store import Repository, audit

BAD_ROWS = (
    "Name;E-Mail;PLZ;Ort;Telefon\r\n"
    "Gute Zeile;gut@example.org;59494;Soest;02921 30-3947\r\n"
    "Falsche Mail;keine-mail;59494;Soest;\r\n"
    "Falsche PLZ;plz@example.org;59555;Soest;\r\n"
    ";ohne-name@example.org;;;\r\n"
    '"Böse \x1b]0;owned\x07\x1b[31mName";boese@example.org;;;\r\n'
    f"{'x' * 5000};lang@example.org;;;\r\n"
)


def test_bad_rows_get_one_line_each_good_rows_are_kept(demo: Path, tmp_path: Path, ssa) -> None:
    csv_file = tmp_path / "kontakte.csv"
    csv_file.write_text(BAD_ROWS, encoding="utf-8")
    result = ssa("--user", "britta", "import", "contacts", str(csv_file), db=demo)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [
        "Zeile 3, Feld E-Mail: Keine gültige E-Mail-Adresse.",
        "Zeile 4, Feld PLZ: Die Postleitzahl 59555 gehört nicht zu Soest (erlaubt: 59494).",
        "Zeile 5, Feld Name: Pflichtfeld – bitte ausfüllen.",
        "Zeile 6, Feld Name: Enthält Steuerzeichen, die nicht erlaubt sind.",
        "Zeile 7, Feld Name: Zu lang: höchstens 200 Zeichen.",
    ]
    assert "1 neu, 0 geändert, 0 unverändert, 5 abgelehnt." in result.stdout
    assert ssa("check", db=demo).returncode == 0
    repository = Repository(demo, user="x")
    assert [c["name"] for c in repository.records("contacts")][-1] == "Gute Zeile"
    [change] = [c for c in audit.read(demo) if c.user == "britta"]
    assert change.action == "create" and change.after["name"] == "Gute Zeile"


def test_a_german_excel_file_in_windows_1252_is_read(demo: Path, tmp_path: Path, ssa) -> None:
    csv_file = tmp_path / "excel.csv"
    csv_file.write_bytes(
        "Name;Organisation;Ort\r\nJürgen Müller;Caritasverband;Möhnesee\r\n".encode("cp1252")
    )
    result = ssa("import", "contacts", str(csv_file), db=demo)
    assert result.returncode == 0, result.stderr
    assert "Windows-1252" in result.stderr
    assert Repository(demo, user="x").records("contacts")[-1]["town"] == "Möhnesee"


def test_bom_comma_crlf_and_line_breaks_in_quoted_cells(demo: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "form.csv"
    csv_file.write_bytes(
        '\ufeffname,organisation,notes\r\n"Anna Beispiel","AWO","Zeile eins\r\nZeile zwei"\r\nBernd,DRK,\r\n'.encode()
    )
    report = import_file(Repository(demo, user="x"), "contacts", csv_file)
    assert (report.created, report.refused) == (2, 0)
    anna = [c for c in Repository(demo, user="x").records("contacts") if c["name"] == "Anna Beispiel"][0]
    assert anna["notes"] == "Zeile eins\nZeile zwei"


def test_matching_updates_instead_of_duplicating_and_a_second_import_creates_nothing(
    demo: Path, tmp_path: Path
) -> None:
    csv_file = tmp_path / "stellen.csv"
    csv_file.write_text(
        "Schule;Ort;Wochenstunden;Status;Fachkraft\n"
        "Grundschule Werl;Werl;25;vakant;\n"  # matches the demo record by school + town
        "Neue Schule;Soest;10;besetzt;britta.thulfaut@kreis-soest.de\n"  # staff by e-mail
        "Dritte Schule;Soest;12;besetzt;Verena Gröne\n",  # staff by name
        encoding="utf-8",
    )
    repository = Repository(demo, user="x")
    first = import_file(repository, "positions", csv_file)
    assert (first.created, first.updated, first.refused) == (2, 1, 0), first.lines()
    werl = [p for p in repository.records("positions") if p["school"] == "Grundschule Werl"]
    assert len(werl) == 1 and werl[0]["hours_per_week"] == 25
    assert [p["staff"] for p in repository.records("positions")[-2:]] == [1, 2]
    second = import_file(repository, "positions", csv_file)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3)


def test_unknown_links_and_columns_are_reported(demo: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "stellen.csv"
    csv_file.write_text(
        "Schule;Fachkraft;Lieblingsfarbe\nX-Schule;niemand@example.org;blau\n", encoding="utf-8"
    )
    report = import_file(Repository(demo, user="x"), "positions", csv_file)
    assert report.lines() == [
        "Zeile 2, Feld Fachkraft: „niemand@example.org“ nicht gefunden (Kontakt).",
        "Unbekannte Spalte „Lieblingsfarbe“ – nicht übernommen.",
    ]


def test_a_dry_run_leaves_the_database_byte_for_byte(demo: Path, tmp_path: Path, ssa) -> None:
    csv_file = tmp_path / "kontakte.csv"
    csv_file.write_text(BAD_ROWS, encoding="utf-8")
    before = demo.read_bytes()
    result = ssa("import", "contacts", str(csv_file), "--dry-run", db=demo)
    assert result.returncode == 1 and "Probelauf" in result.stdout
    assert demo.read_bytes() == before


@pytest.mark.parametrize("kind", ["positions", "contacts", "groups", "events", "suggestions"])
def test_export_then_import_of_the_same_kind_changes_nothing(
    demo: Path, tmp_path: Path, ssa, kind: str
) -> None:
    exported = tmp_path / f"{kind}.csv"
    assert ssa("export", kind, "--format", "csv", "-o", str(exported), db=demo).returncode == 0
    before = demo.read_bytes()
    result = ssa("import", kind, str(exported), db=demo)
    assert result.returncode == 0, result.stderr
    count = Repository(demo, user="x").count(kind)
    assert f"0 neu, 0 geändert, {count} unverändert, 0 abgelehnt." in result.stdout
    assert demo.read_bytes() == before


def test_six_imports_at_the_same_moment_keep_every_row(demo: Path, tmp_path: Path, ssa) -> None:
    files = []
    for n in range(6):
        csv_file = tmp_path / f"import{n}.csv"
        csv_file.write_text(
            "Thema;Vorgeschlagen von\n" + "".join(f"Thema {n}-{i};Schule {n}\n" for i in range(40)),
            encoding="utf-8",
        )
        files.append(csv_file)
    command = [sys.executable, "-m", "ssa_tui", "--db", str(demo), "import", "suggestions"]
    processes = [
        subprocess.Popen([*command, str(f)], stdout=subprocess.PIPE, stderr=subprocess.PIPE) for f in files
    ]
    assert all(p.wait(timeout=120) == 0 for p in processes)
    topics = {s["topic"] for s in Repository(demo, user="x").records("suggestions")}
    assert {f"Thema {n}-{i}" for n in range(6) for i in range(40)} <= topics
    assert ssa("check", db=demo).returncode == 0


def test_usage_problems_exit_2(demo: Path, tmp_path: Path, ssa) -> None:
    assert ssa("import", "newsletters", str(tmp_path / "x.csv"), db=demo).returncode == 2
    assert ssa("import", "contacts", str(tmp_path / "fehlt.csv"), db=demo).returncode == 2
    assert ssa("export", "contacts", "--format", "ics", db=demo).returncode == 2
    assert ssa("export", "wasauchimmer", db=demo).returncode == 2


def test_read_only_import_is_refused_and_writes_nothing(demo: Path, tmp_path: Path, ssa) -> None:
    csv_file = tmp_path / "k.csv"
    csv_file.write_text("Name\nNeu\n", encoding="utf-8")
    before = demo.read_bytes()
    result = ssa("--read-only", "import", "contacts", str(csv_file), db=demo)
    assert result.returncode == 2 and "Nur Lesezugriff" in result.stderr
    assert demo.read_bytes() == before


def test_accepted_headers_cover_every_form_field() -> None:
    from ssa_tui.exchange.columns import field_for_header

    for kind in KINDS.values():
        for field in kind.fields:
            assert field_for_header(kind, field.name) == field.name
            assert field_for_header(kind, kind.field_label(field.name)) == field.name


def test_the_readme_lists_every_accepted_header() -> None:
    from ssa_tui.exchange.columns import accepted_headers

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for kind in ("positions", "contacts", "groups", "events", "suggestions"):
        for name, german, _english in accepted_headers(KINDS[kind]):
            assert f"`{name}` / {german}" in readme
