"""A broken settings file (``roles = "editor"`` instead of a ``[roles]`` table) stops every entry
point with one German line naming the file and exit 2 — for a command and for the TUI, which
is started on a real pseudo-terminal so that the "needs a terminal" exit cannot stand in for it.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ssa


@pytest.fixture
def broken(demo: Path) -> Path:
    settings = demo.parent / "ssa-tui.toml"
    settings.write_text('roles = "editor"\n', encoding="utf-8")
    return settings


def assert_one_line_naming(stderr: bytes, settings: Path) -> None:
    lines = stderr.decode().strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"Einstellungsdatei {settings}:") and "„roles“" in lines[0]
    assert "Traceback" not in lines[0]


@pytest.mark.parametrize("command", [["check"], ["backup"], ["export", "groups"]])
def test_a_command_refuses_a_broken_settings_file(demo: Path, broken: Path, command: list[str]) -> None:
    before = demo.read_bytes()
    result = ssa(*command, db=demo)
    assert result.returncode == 2
    assert_one_line_naming(result.stderr, broken)
    assert result.stdout == b"" and demo.read_bytes() == before


def test_the_tui_refuses_a_broken_settings_file(demo: Path, broken: Path) -> None:
    controller, terminal = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "ssa_tui", "--db", str(demo)],
            stdin=terminal,
            stdout=terminal,
            stderr=subprocess.PIPE,
            env={**os.environ, "TERM": "xterm-256color"},
        )
        try:
            _out, stderr = process.communicate(timeout=120)  # a started TUI would never end by itself
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    finally:
        os.close(terminal)
        os.close(controller)
    assert process.returncode == 2
    assert_one_line_naming(stderr, broken)
