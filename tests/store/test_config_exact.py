"""The settings file read and checked, and who could rewrite it: exact values and messages.

Real files in ``tmp_path``. The protection check is asked for the account ``nobody`` (the tests
may run as root, whom the check never asks), with real modes and groups on real folders.
"""

from __future__ import annotations

import os
import pwd
from pathlib import Path

import pytest

from ssa_tui.store import DatabaseUnusable
from ssa_tui.store.config import config_is_protected, load_config


def write_config(folder: Path, text: str) -> Path:
    path = folder / "ssa-tui.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_settings_file_read_has_exactly_what_it_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSA_TUI_CONFIG", raising=False)
    path = write_config(tmp_path, '[roles]\nanna = "editor"\n')
    config = load_config(tmp_path / "db.json")
    assert (config.path, config.exists, config.roles, config.emails, config.mail, config.has_roles) == (
        path,
        True,
        {"anna": "editor"},
        {},
        {},
        True,
    )
    assert config.role_of("anna") == "editor" and config.role_of("bernd") == "viewer"


def test_without_a_settings_file_everyone_edits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SSA_TUI_CONFIG", raising=False)
    config = load_config(tmp_path / "db.json")
    assert (config.exists, config.roles, config.mail, config.has_roles) == (False, {}, {}, False)
    assert config.role_of("bernd") == "editor"


def test_a_long_bad_role_is_shown_cut_to_60_characters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSA_TUI_CONFIG", raising=False)
    role = "x" * 100
    path = write_config(tmp_path, f'[roles]\nanna = "{role}"\n')
    with pytest.raises(DatabaseUnusable) as refused:
        load_config(tmp_path / "db.json")
    shown = repr(role)[:60]
    assert len(shown) == 60
    assert str(refused.value) == (
        f"Einstellungsdatei {path}: [roles] anna = {shown}: diese Rolle gibt es nicht – erlaubt: editor, viewer."
    )


NOBODY = pwd.getpwnam("nobody")


def unprotected(path: Path, place: Path) -> str:
    return (
        f"Einstellungsdatei {path} ist nicht geschützt: {place} ist für das Konto nobody beschreibbar, "
        "so könnte jede Person, die als nobody schreibt, ihre Rolle ändern. Abhilfe: "
        f"sudo install -D -o root -g root -m 644 {path} /etc/ssa-tui/ssa-tui.toml und "
        "--config /etc/ssa-tui/ssa-tui.toml angeben (oder $SSA_TUI_CONFIG)."
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder nobody may write, in a chain of folders nobody may write (owned by root)."""
    if os.geteuid() != 0:
        pytest.skip("needs root to give files to other accounts")
    path = tmp_path / "etc"
    path.mkdir(mode=0o755)
    os.chmod(path, 0o755)
    for parent in path.parents:
        info = parent.stat()
        if info.st_mode & 0o002 and not info.st_mode & 0o1000:
            pytest.skip(f"{parent} is writable for everyone")
    return path


def test_a_file_of_nobodys_group_is_protected_unless_the_group_may_write(folder: Path) -> None:
    path = write_config(folder, "")
    os.chown(path, 0, NOBODY.pw_gid)
    os.chmod(path, 0o644)
    assert config_is_protected(path, uid=NOBODY.pw_uid) is None
    os.chmod(path, 0o664)
    assert config_is_protected(path, uid=NOBODY.pw_uid) == unprotected(path, path)


def test_a_folder_writable_for_everyone_without_sticky_bit_is_a_way_in(folder: Path) -> None:
    path = write_config(folder, "")
    os.chmod(path, 0o644)
    os.chmod(folder, 0o777)
    assert config_is_protected(path, uid=NOBODY.pw_uid) == unprotected(path, folder)
    os.chmod(folder, 0o1777)  # sticky and root's: nobody may not replace root's file
    assert config_is_protected(path, uid=NOBODY.pw_uid) is None


def test_a_file_writable_for_everyone_is_a_way_in(folder: Path) -> None:
    path = write_config(folder, "")
    os.chmod(path, 0o646)
    assert config_is_protected(path, uid=NOBODY.pw_uid) == unprotected(path, path)


def test_a_missing_file_is_judged_by_the_folders_on_the_way(folder: Path) -> None:
    path = folder / "missing.toml"
    assert config_is_protected(path, uid=NOBODY.pw_uid) is None
    os.chmod(folder, 0o777)
    assert config_is_protected(path, uid=NOBODY.pw_uid) == unprotected(path, folder)


def test_a_file_nobody_owns_is_a_way_in(folder: Path) -> None:
    path = write_config(folder, "")
    os.chmod(path, 0o444)
    os.chown(path, NOBODY.pw_uid, 0)
    assert config_is_protected(path, uid=NOBODY.pw_uid) == unprotected(path, path)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            'roles = "editor"\n',
            '„roles“ muss ein Abschnitt sein ([roles] mit Zeilen wie name = "…"), kein einzelner Wert.',
        ),
        (
            '[role]\nanna = "editor"\n',
            "unbekannter Abschnitt [role] – erlaubt sind [roles], [emails], [mail].",
        ),
        ("[emails]\nanna = 3\n", "[emails] anna = 3: keine gültige E-Mail-Adresse."),
    ],
)
def test_a_wrong_shape_is_named_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, problem: str
) -> None:
    monkeypatch.delenv("SSA_TUI_CONFIG", raising=False)
    path = write_config(tmp_path, text)
    with pytest.raises(DatabaseUnusable) as refused:
        load_config(tmp_path / "db.json")
    assert str(refused.value) == f"Einstellungsdatei {path}: {problem}"


def test_encoding_and_unreadable_files_are_named_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSA_TUI_CONFIG", raising=False)
    path = tmp_path / "ssa-tui.toml"
    path.write_bytes(b'[roles]\nanna = "\xff"\n')
    with pytest.raises(DatabaseUnusable) as refused:
        load_config(tmp_path / "db.json")
    assert str(refused.value) == f"Einstellungsdatei {path} ist nicht in UTF-8 geschrieben."
    path.unlink()
    path.mkdir()
    with pytest.raises(DatabaseUnusable) as refused:
        load_config(tmp_path / "db.json")
    assert str(refused.value) == f"Einstellungsdatei {path} ist nicht lesbar: ist ein Ordner"


def test_a_syntax_error_is_named_with_the_parsers_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSA_TUI_CONFIG", raising=False)
    path = write_config(tmp_path, "[roles\n")
    with pytest.raises(DatabaseUnusable) as refused:
        load_config(tmp_path / "db.json")
    assert str(refused.value) == (
        f"Einstellungsdatei {path} ist kein gültiges TOML: Expected ']' at the end of a table declaration "
        "(at line 1, column 7)"
    )
