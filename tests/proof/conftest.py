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


@pytest.fixture
def make_app():
    """The TUI for ``user`` on ``db`` with a frozen clock (as in tests/ui)."""
    from datetime import datetime

    from ssa_tui.store.repository import OFFICE_TIME
    from ssa_tui.ui.app import build_app

    now = datetime(2026, 11, 24, 10, 0, tzinfo=OFFICE_TIME)

    def make(db: Path, *, user: str = "britta"):
        from ssa_tui.store import Repository

        return build_app(Repository(db, user=user, clock=lambda: now), clock=lambda: now)

    return make


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "TEXTUAL_THEME", "COLORTERM", "TEXTUAL_COLOR_SYSTEM"):
        monkeypatch.delenv(name, raising=False)
