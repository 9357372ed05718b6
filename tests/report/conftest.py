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


@pytest.fixture
def ssa():
    """Run the real command line; returns the completed process (bytes of stdout kept as text)."""

    def run(*args: str, db: Path | None = None) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "ssa_tui", *(["--db", str(db)] if db else []), *args]
        return subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300)

    return run
