"""Every command against broken environment values, paths and database shapes (issue 10).

Each case must end with the documented exit code and one clear line on stderr — never a
traceback — and leave the database as it was.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ssa_tui.demo import build

#: A command line per command (ids and files that exist in the demo db or are made below).
COMMANDS = {
    "tui": [],
    "check": ["check"],
    "backup": ["backup"],
    "import": ["import", "contacts", "{csv}", "--dry-run"],
    "export": ["export", "contacts", "--format", "csv"],
    "render": ["newsletter", "render", "1", "--out", "{out}"],
    "send": ["newsletter", "send", "1", "--dry-run"],
    "audit": ["audit"],
    "report": ["report", "--format", "json"],
    "round": ["round", "status", "1"],
    "person": ["person", "export", "1"],
    "unsubscribe": ["unsubscribe", "nobody@example.org"],
}

#: (what is broken, how to break it, exit code) — applied before each command.
BREAKS = {
    "lock-timeout-nan": ({"SSA_TUI_LOCK_TIMEOUT": "nan"}, None, 2),
    "db-missing": ({}, "missing", 2),
    "db-corrupt": ({}, "corrupt", 2),
    "db-wrong-shape": ({}, "shape", 2),
    "roles-not-a-table": ({}, "roles", 2),
}


def run(db: Path, args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ssa_tui", "--db", str(db), "--user", "anna", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("broken", BREAKS)
def test_every_command_says_one_line_and_exits_with_the_documented_code(
    tmp_path: Path, command: str, broken: str
) -> None:
    db = tmp_path / "db.json"
    build(db)
    csv = tmp_path / "k.csv"
    csv.write_text("Name;E-Mail\nNeu;neu@example.org\n", encoding="utf-8")
    extra, damage, code = BREAKS[broken]
    if damage == "missing":
        db.unlink()
    elif damage == "corrupt":
        db.write_bytes(db.read_bytes()[:200])
    elif damage == "shape":
        db.write_text(
            '{"_meta": {"1": {"format": 2, "next_ids": {}}}, "contacts": {"1": {"name": "ohne id"}}}'
        )
    elif damage == "roles":
        (tmp_path / "ssa-tui.toml").write_text('roles = "editor"\n')
    before = db.read_bytes() if db.exists() else None
    env = {k: v for k, v in os.environ.items() if not k.startswith("SSA_TUI_")} | extra
    args = [part.format(csv=csv, out=tmp_path / "out") for part in COMMANDS[command]]
    result = run(db, args, env)
    assert "Traceback" not in result.stderr
    if command == "audit" and damage != "missing":
        # The audit log is read on its own, without the db's lock: nothing there stops it.
        assert result.returncode in (0, code)
    elif command == "tui":
        assert result.returncode == 2  # no terminal here, or the broken value: either way exit 2
    else:
        assert result.returncode == code, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert (db.read_bytes() if db.exists() else None) == before


@pytest.mark.parametrize(
    "args",
    [
        ["export", "contacts", "-o", "{missing}/x.csv"],
        ["export", "contacts", "-o", "{folder}"],
        ["backup", "-o", "{missing}/b.json"],
        ["newsletter", "render", "1", "--out", "{file}"],
        ["export", "contacts", "-o", "{db}"],
        ["import", "contacts", "{missing}/nothing.csv"],
    ],
    ids=[
        "export-missing-folder",
        "export-onto-folder",
        "backup-missing-folder",
        "render-onto-file",
        "export-onto-db",
        "import-missing",
    ],
)
def test_bad_paths_are_one_line_and_exit_2(tmp_path: Path, args: list[str]) -> None:
    db = tmp_path / "db.json"
    build(db)
    (tmp_path / "ordner").mkdir()
    (tmp_path / "datei.txt").write_text("x")
    before = db.read_bytes()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SSA_TUI_")}
    env["SSA_TUI_MAIL_FROM"] = "koordination@example.org"  # rendering needs a sender first
    filled = [
        part.format(
            missing=tmp_path / "fehlt", folder=tmp_path / "ordner", file=tmp_path / "datei.txt", db=db
        )
        for part in args
    ]
    result = run(db, filled, env)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert db.read_bytes() == before
