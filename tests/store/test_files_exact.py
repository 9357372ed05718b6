"""File names and output targets: each refusal with its exact German message, each bound.

Real files and folders in ``tmp_path``; the hostile cases as such are in
``tests/security/test_files_hostile.py``, here the texts and the limits are pinned.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ssa_tui.store.files import (
    MAX_NAME_BYTES,
    OutputExists,
    OutputFailed,
    ProtectedPath,
    UnsafeFileName,
    check_file_name,
    exchange_dir,
    exchange_file,
    protected_paths,
    write_output,
)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SSA_TUI_EXCHANGE_DIR", raising=False)
    monkeypatch.delenv("SSA_TUI_CONFIG", raising=False)
    path = tmp_path / "db.json"
    path.write_text("{}", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Bitte einen Dateinamen angeben."),
        ("   ", "Bitte einen Dateinamen angeben."),
        ("a/b.csv", "Nur ein Dateiname im Austauschordner, kein Pfad: a/b.csv"),
        ("a\\b.csv", "Nur ein Dateiname im Austauschordner, kein Pfad: a\\\\b.csv"),
        (".", "Nur ein Dateiname im Austauschordner, kein Pfad: ."),
        ("..", "Nur ein Dateiname im Austauschordner, kein Pfad: .."),
        (".versteckt", "Der Dateiname darf nicht mit „.“, „-“ oder „~“ beginnen: .versteckt"),
        ("-rf", "Der Dateiname darf nicht mit „.“, „-“ oder „~“ beginnen: -rf"),
        ("~datei", "Der Dateiname darf nicht mit „.“, „-“ oder „~“ beginnen: ~datei"),
        ("a\x07b", "Der Dateiname enthält Steuerzeichen: a\\x07b"),
        ("a\x1fb", "Der Dateiname enthält Steuerzeichen: a\\x1fb"),
        ("a\x7fb", "Der Dateiname enthält Steuerzeichen: a\\x7fb"),
        ("a\x9fb", "Der Dateiname enthält Steuerzeichen: a\\x9fb"),
        ("ä\x1b", "Der Dateiname enthält Steuerzeichen: \\xe4\\x1b"),
        ("x" * (MAX_NAME_BYTES + 1), "Der Dateiname ist zu lang: " + "x" * (MAX_NAME_BYTES + 1)),
        ("ä" * 101, "Der Dateiname ist zu lang: " + "\\xe4" * 101),  # 202 bytes
    ],
)
def test_a_name_that_is_not_plain_is_refused_with_its_message(name: str, message: str) -> None:
    with pytest.raises(UnsafeFileName) as refused:
        check_file_name(name)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    "name",
    ["liste.csv", "a b.csv", "x" * MAX_NAME_BYTES, "ä" * 100, "a\xa0b.csv", "a~b.-", "Übersicht 2026.xlsx"],
)
def test_a_plain_name_is_taken_as_it_is(name: str) -> None:
    assert check_file_name(name) == name


def test_the_exchange_folder_is_made_only_when_asked(db: Path) -> None:
    folder = db.parent / "exchange"
    assert exchange_dir(db, create=False) == folder and not folder.exists()
    assert exchange_dir(db) == folder and folder.is_dir()


def test_a_symlink_in_the_exchange_folder_is_refused_by_name(db: Path, tmp_path: Path) -> None:
    (exchange_dir(db) / "link.csv").symlink_to(tmp_path / "anywhere")
    with pytest.raises(UnsafeFileName) as refused:
        exchange_file(db, "link.csv")
    assert (
        str(refused.value) == "link.csv ist ein symbolischer Link – aus Sicherheitsgründen nicht verwendet."
    )


def test_the_protected_paths_are_the_db_its_side_files_and_the_admins(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = db.parent
    expected = [
        db,
        folder / "db.json.lock",
        folder / "db.json.audit.jsonl",
        folder / "db.json.backups",
        folder / "db.json.sends",
        folder / "db.json.errors.log",
        folder / "ssa-tui.toml",
        folder / "templates",
    ]
    assert protected_paths(db) == [*expected, db.resolve()]
    monkeypatch.setenv("SSA_TUI_CONFIG", "/etc/ssa-tui/ssa-tui.toml")
    assert protected_paths(db) == [*expected, Path("/etc/ssa-tui/ssa-tui.toml"), db.resolve()]


@pytest.mark.parametrize("inside", ["db.json.sends/x.txt", "db.json.backups/db-1.json", "templates/mail.j2"])
def test_a_file_inside_a_protected_folder_is_refused_with_its_message(db: Path, inside: str) -> None:
    target = db.parent / inside
    target.parent.mkdir()
    with pytest.raises(ProtectedPath) as refused:
        write_output(target, b"x", db_path=db)
    assert (
        str(refused.value)
        == f"{target} gehört zur Datenbank oder zur Verwaltung und wird nicht überschrieben."
    )
    assert not target.exists()


@pytest.mark.parametrize("name", ["db.json", "db.json.audit.jsonl", "db.json.neu", "ssa-tui.toml"])
def test_the_db_and_its_side_files_are_refused_with_the_message(db: Path, name: str) -> None:
    target = db.parent / name
    with pytest.raises(ProtectedPath) as refused:
        write_output(target, b"x", db_path=db)
    assert (
        str(refused.value)
        == f"{target} gehört zur Datenbank oder zur Verwaltung und wird nicht überschrieben."
    )


def test_an_output_symlink_is_refused_by_name(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "liste.csv"
    target.parent.mkdir()
    target.symlink_to(tmp_path / "elsewhere")
    with pytest.raises(UnsafeFileName) as refused:
        write_output(target, b"x", db_path=db, replace=True)
    assert (
        str(refused.value) == "liste.csv ist ein symbolischer Link – aus Sicherheitsgründen nicht verwendet."
    )
    assert not (tmp_path / "elsewhere").exists()


def test_an_existing_output_asks_for_confirmation(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "liste.csv"
    target.write_bytes(b"alt")
    with pytest.raises(OutputExists) as refused:
        write_output(target, b"neu", db_path=db)
    assert str(refused.value) == f"Die Datei {target} gibt es schon – nur mit Bestätigung (--force) ersetzen."
    assert refused.value.target == target and target.read_bytes() == b"alt"
    assert write_output(target, b"neu", db_path=db, replace=True) == target
    assert target.read_bytes() == b"neu"


def test_a_temp_file_that_cannot_be_made_names_the_target_and_the_cause(db: Path, tmp_path: Path) -> None:
    target = tmp_path / ("x" * 240 + ".csv")  # fits, but its temp file's name does not
    with pytest.raises(OutputFailed) as refused:
        write_output(target, b"x", db_path=db)
    assert str(refused.value) == f"Datei {target} konnte nicht geschrieben werden (Name zu lang)."
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.json"]


def test_a_missing_folder_and_a_folder_as_target_have_their_messages(db: Path, tmp_path: Path) -> None:
    with pytest.raises(OutputFailed) as refused:
        write_output(tmp_path / "fehlt" / "a.csv", b"x", db_path=db)
    assert str(refused.value) == f"Ordner nicht gefunden: {tmp_path / 'fehlt'}"
    (tmp_path / "ordner").mkdir()
    with pytest.raises(OutputFailed) as refused:
        write_output(tmp_path / "ordner", b"x", db_path=db, replace=True)
    assert str(refused.value) == f"{tmp_path / 'ordner'} ist keine Datei."
