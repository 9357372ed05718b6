"""The settings file: where it is found, what it may hold, and who may rewrite it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ssa_tui.store import DatabaseUnusable, ReadOnlyError, Repository
from ssa_tui.store.config import load_config


def test_without_a_file_everyone_edits_and_tables_are_empty(db: Path) -> None:
    config = load_config(db)
    assert (config.path, config.exists, config.roles, config.emails, config.mail) == (
        db.parent / "ssa-tui.toml",
        False,
        {},
        {},
        {},
    )
    assert Repository(db, user="wer-auch-immer").role == "editor"


def test_the_file_beside_the_db_gives_roles_emails_and_the_raw_mail_table(db: Path) -> None:
    (db.parent / "ssa-tui.toml").write_text(
        '[roles]\nbritta = "editor"\ncron-import = "editor"\npraktikum = "viewer"\n'
        '[emails]\nbritta = "britta@example.org"\n'
        '[mail]\nhost = "smtp.example.org"\nport = 587\n'
    )
    config = load_config(db)
    assert config.roles == {"britta": "editor", "cron-import": "editor", "praktikum": "viewer"}
    assert config.emails == {"britta": "britta@example.org"}
    assert config.mail == {"host": "smtp.example.org", "port": 587}
    assert Repository(db, user="cron-import").role == "editor"
    assert Repository(db, user="fremd").role == "viewer"


def test_a_mail_only_file_restricts_nobody(db: Path) -> None:
    (db.parent / "ssa-tui.toml").write_text('[mail]\nhost = "smtp.example.org"\n')
    assert Repository(db, user="anna").role == "editor"


def test_option_beats_variable_beats_the_file_beside_the_db(db: Path, tmp_path: Path, monkeypatch) -> None:
    (db.parent / "ssa-tui.toml").write_text('[roles]\nanna = "viewer"\n')
    by_variable = tmp_path / "variable.toml"
    by_variable.write_text('[roles]\nanna = "editor"\n')
    by_option = tmp_path / "option.toml"
    by_option.write_text('[roles]\nbernd = "editor"\n')
    assert load_config(db).roles == {"anna": "viewer"}
    monkeypatch.setenv("SSA_TUI_CONFIG", str(by_variable))
    assert load_config(db).path == by_variable
    assert Repository(db, user="anna").role == "editor"
    assert Repository(db, user="anna", config=by_option).role == "viewer"
    assert Repository(db, user="bernd", config=by_option).role == "editor"


def test_an_explicit_file_that_is_missing_is_an_error_not_a_free_for_all(db: Path, tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnusable) as refused:
        Repository(db, user="anna", config=tmp_path / "fehlt.toml")
    assert str(refused.value) == (
        f"Einstellungsdatei {tmp_path / 'fehlt.toml'} nicht gefunden (angegeben mit --config oder $SSA_TUI_CONFIG)."
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('roles = "editor"\n', "„roles“ muss ein Abschnitt sein"),
        (
            '[roles]\nanna = "admin"\n',
            "[roles] anna = 'admin': diese Rolle gibt es nicht – erlaubt: editor, viewer.",
        ),
        ("[roles]\nanna = 1\n", "[roles] anna = 1: diese Rolle gibt es nicht"),
        ('[roles]\nanna = ["editor"]\n', "[roles] anna = ['editor']: diese Rolle"),
        (
            '[role]\nanna = "editor"\n',
            "unbekannter Abschnitt [role] – erlaubt sind [roles], [emails], [mail].",
        ),
        (
            '[emails]\nanna = "keine-adresse"\n',
            "[emails] anna = 'keine-adresse': keine gültige E-Mail-Adresse.",
        ),
        ("[emails]\nanna = 3\n", "[emails] anna = 3: keine gültige E-Mail-Adresse."),
        ('mail = "smtp"\n', "„mail“ muss ein Abschnitt sein"),
    ],
)
def test_a_wrong_shape_is_one_message_naming_file_and_problem(db: Path, text: str, problem: str) -> None:
    path = db.parent / "ssa-tui.toml"
    path.write_text(text)
    with pytest.raises(DatabaseUnusable) as refused:
        Repository(db, user="anna")
    assert str(refused.value).startswith(f"Einstellungsdatei {path}: ")
    assert problem in str(refused.value)


def test_syntax_encoding_and_unreadable_files_are_named(db: Path) -> None:
    path = db.parent / "ssa-tui.toml"
    path.write_text("[roles\n")
    with pytest.raises(DatabaseUnusable, match=f"^Einstellungsdatei {path} ist kein gültiges TOML: "):
        load_config(db)
    path.write_bytes(b'[roles]\nanna = "\xff"\n')
    with pytest.raises(DatabaseUnusable, match="nicht in UTF-8"):
        load_config(db)
    path.unlink()
    path.mkdir()
    with pytest.raises(DatabaseUnusable, match=f"^Einstellungsdatei {path} ist nicht lesbar: "):
        load_config(db)


def test_refusals_name_the_user_and_the_role(db: Path) -> None:
    (db.parent / "ssa-tui.toml").write_text('[roles]\nanna = "viewer"\nbritta = "editor"\n')
    before = db.read_bytes()
    with pytest.raises(ReadOnlyError) as listed:
        Repository(db, user="anna").create("contacts", {"name": "x"})
    assert str(listed.value) == "Nur Lesezugriff für anna (Rolle: viewer) – Änderungen sind nicht erlaubt."
    with pytest.raises(ReadOnlyError) as unlisted:
        Repository(db, user="cron-import").create("contacts", {"name": "x"})
    assert str(unlisted.value) == (
        "Nur Lesezugriff für cron-import (Rolle: viewer, nicht unter [roles] in "
        f"{db.parent / 'ssa-tui.toml'} eingetragen) – Änderungen sind nicht erlaubt."
    )
    with pytest.raises(ReadOnlyError) as option:
        Repository(db, user="britta", read_only=True).create("contacts", {"name": "x"})
    assert "für britta (Rolle: viewer, --read-only)" in str(option.value)
    assert db.read_bytes() == before


def test_the_cli_takes_config_before_and_after_the_command(db: Path, tmp_path: Path) -> None:
    settings = tmp_path / "team.toml"
    settings.write_text('[roles]\nanna = "viewer"\n')
    before = db.read_bytes()
    for args in (["--config", str(settings), "backup"], ["backup", "--config", str(settings)]):
        result = _ssa("--db", str(db), "--user", "anna", *args)
        assert result.returncode == 0, result.stderr
    settings.write_text('roles = "editor"\n')
    result = _ssa("--db", str(db), "--user", "anna", "--config", str(settings), "check")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f'Einstellungsdatei {settings}: „roles“ muss ein Abschnitt sein ([roles] mit Zeilen wie name = "…"), '
        "kein einzelner Wert."
    ]
    assert db.read_bytes() == before


def _ssa(*args: str, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ssa_tui", *args], capture_output=True, text=True, timeout=60, **kwargs
    )
