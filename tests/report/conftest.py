from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from ssa_tui.demo import build
from ssa_tui.store import Repository
from ssa_tui.store.repository import OFFICE_TIME
from ssa_tui.ui.app import SsaApp, build_app


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


FIXED_NOW = datetime(2026, 11, 24, 10, 0, tzinfo=OFFICE_TIME)


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots must not depend on the caller's colour or theme settings."""
    for name in ("NO_COLOR", "TEXTUAL_THEME", "COLORTERM", "TEXTUAL_COLOR_SYSTEM"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def make_app(demo: Path):
    """An app on the demo database for user ``britta`` with a frozen clock (24.11.2026)."""

    def make(*, read_only: bool = False) -> SsaApp:
        repository = Repository(demo, user="britta", read_only=read_only, clock=lambda: FIXED_NOW)
        return build_app(repository, clock=lambda: FIXED_NOW)

    return make
