"""Shared helpers of the proof tests: a demo db and the command line as a real process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ssa_tui.demo import build


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "db.json"
    build(path)
    return path


def ssa(*args: str, db: Path | None = None, **kwargs) -> subprocess.CompletedProcess[bytes]:
    """``ssa-tui`` as a process; stdout and stderr as the raw bytes the terminal would get."""
    command = [sys.executable, "-m", "ssa_tui", *(["--db", str(db)] if db else []), *args]
    return subprocess.run(command, capture_output=True, stdin=subprocess.DEVNULL, timeout=120, **kwargs)
