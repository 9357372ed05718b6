"""The command line as scripts and cron jobs use it: real processes, exit codes, stderr lines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ssa_tui.demo import build


def ssa(*args: str, db: Path | None = None, **kwargs) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "ssa_tui", *(["--db", str(db)] if db else []), *args]
    return subprocess.run(
        command, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60, **kwargs
    )


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "db.json"
    build(path)
    return path


def test_check_passes_on_the_demo_database(demo: Path) -> None:
    result = ssa("check", db=demo)
    assert result.returncode == 0, result.stderr
    assert "7 Stellen" in result.stdout and "5 Kontakte" in result.stdout and "12 Schulen" in result.stdout


def test_the_shipped_demo_database_passes_check() -> None:
    shipped = Path(__file__).parents[2] / "db.json"
    result = ssa("--read-only", "check", db=shipped)
    assert result.returncode == 0, result.stderr


def test_check_names_each_problem_and_exits_1(demo: Path) -> None:
    data = json.loads(demo.read_text())
    data["positions"]["1"]["hours_per_week"] = 99
    data["positions"]["2"]["staff"] = 999
    data["contacts"]["1"]["email"] = "kaputt"
    demo.write_text(json.dumps(data, ensure_ascii=False))
    result = ssa("check", db=demo)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert "Stelle #1, Feld Wochenstunden: Wochenstunden müssen größer als 0 und höchstens 41 sein." in lines
    assert any(line.startswith("Stelle #2, Feld Fachkraft: Verweist auf") for line in lines)
    assert any(line.startswith("Kontakt #1, Feld E-Mail:") for line in lines)
    assert lines[-1] == "3 Problem(e) gefunden."


def test_english_messages_with_lang_en(demo: Path) -> None:
    result = ssa("--lang", "en", "check", db=demo)
    assert result.returncode == 0 and "7 Positions" in result.stdout


@pytest.mark.parametrize("args", [["check"], ["backup"]])
def test_a_missing_database_exits_2_with_one_line(tmp_path: Path, args: list[str]) -> None:
    result = ssa(*args, db=tmp_path / "fehlt.json")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "nicht gefunden" in result.stderr
    assert not (tmp_path / "fehlt.json").exists()


def test_usage_errors_exit_2(demo: Path) -> None:
    assert ssa("gibtsnicht", db=demo).returncode == 2
    assert ssa("--lang", "fr", "check", db=demo).returncode == 2


def test_the_database_comes_from_the_environment(demo: Path) -> None:
    import os

    result = ssa("check", env={**os.environ, "SSA_TUI_DB": str(demo)})
    assert result.returncode == 0


def test_backup_writes_a_complete_copy(demo: Path, tmp_path: Path) -> None:
    target = tmp_path / "sicherung.json"
    result = ssa("backup", "-o", str(target), db=demo)
    assert result.returncode == 0 and str(target) in result.stdout
    assert target.read_bytes() == demo.read_bytes()
    default = ssa("backup", db=demo)
    assert default.returncode == 0 and "db.json.backups" in default.stdout


def test_init_makes_an_empty_database_and_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "neu.json"
    assert ssa("init", db=path).returncode == 0
    assert ssa("check", db=path).returncode == 0
    before = path.read_bytes()
    assert ssa("init", db=path).returncode == 1
    assert path.read_bytes() == before


def test_without_a_terminal_the_tui_says_so_and_exits_2(demo: Path) -> None:
    result = ssa(db=demo)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "ssa-tui braucht ein Terminal (bei SSH: ssh -t). Für Skripte: ssa-tui --help."
    ]


def test_check_names_missing_mail_settings_once_mail_is_set_up(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from ssa_tui.store import Repository

    db = tmp_path / "db.json"
    Repository(db, user="x", create=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SSA_TUI_")}
    quiet = subprocess.run(
        [sys.executable, "-m", "ssa_tui", "--db", str(db), "check"], capture_output=True, text=True, env=env
    )
    assert quiet.returncode == 0 and "Newsletter-Versand" not in quiet.stderr
    (tmp_path / "ssa-tui.toml").write_text('[mail]\nsender = "koordination@example.org"\n')
    told = subprocess.run(
        [sys.executable, "-m", "ssa_tui", "--db", str(db), "check"], capture_output=True, text=True, env=env
    )
    assert told.returncode == 0
    assert told.stderr.splitlines() == [
        'Hinweis zum Newsletter-Versand: Kein SMTP-Server: bitte host = "…" unter [mail] in ssa-tui.toml '
        "eintragen oder SSA_TUI_SMTP_HOST setzen."
    ]
