"""Refusals of ``write_output`` and ``make_private_dir`` that need an odd file system state.

Each case builds that state for real (a file where a folder belongs, a name too long for the file
system, a settings file named by the environment) and checks the German message and that
nothing was written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ssa_tui.store import Repository
from ssa_tui.store.files import OutputFailed, ProtectedPath, make_private_dir, write_output


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SSA_TUI_CONFIG", raising=False)
    path = tmp_path / "db.json"
    Repository(path, user="anna", create=True)
    return path


def test_the_settings_file_named_by_the_environment_is_protected(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = tmp_path / "anderswo" / "team.toml"
    settings.parent.mkdir()
    settings.write_text('[roles]\nanna = "admin"\n')
    monkeypatch.setenv("SSA_TUI_CONFIG", str(settings))
    with pytest.raises(ProtectedPath) as refused:
        write_output(settings, b"[roles]\nmallory = 'admin'\n", db_path=db, replace=True)
    assert (
        str(refused.value)
        == f"{settings} gehört zur Datenbank oder zur Verwaltung und wird nicht überschrieben."
    )
    assert settings.read_text() == '[roles]\nanna = "admin"\n'
    monkeypatch.delenv("SSA_TUI_CONFIG")
    assert write_output(settings, b"x", db_path=db, replace=True) == settings  # only while it is the settings


def test_a_file_where_a_folder_belongs_is_named(db: Path, tmp_path: Path) -> None:
    (tmp_path / "blockiert").write_text("eine Datei")
    with pytest.raises(OutputFailed) as refused:
        make_private_dir(tmp_path / "blockiert" / "unter", db)
    assert str(refused.value) == (
        f"Datei {tmp_path / 'blockiert' / 'unter'} konnte nicht geschrieben werden (ist kein Ordner)."
    )
    assert (tmp_path / "blockiert").read_text() == "eine Datei"


def test_a_name_too_long_for_the_file_system_is_a_clear_error(db: Path, tmp_path: Path) -> None:
    target = tmp_path / ("x" * 300 + ".csv")
    with pytest.raises(OutputFailed) as refused:
        write_output(target, b"a;b\n", db_path=db)
    assert str(refused.value) == f"Datei {target} konnte nicht geschrieben werden (Name zu lang)."
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("db.json")) == []
