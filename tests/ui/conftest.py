from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from ssa_tui.demo import build
from ssa_tui.store import Repository
from ssa_tui.store.repository import OFFICE_TIME
from ssa_tui.ui.app import SsaApp, build_app

FIXED_NOW = datetime(2026, 11, 24, 10, 0, tzinfo=OFFICE_TIME)


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots must not depend on the caller's colour or theme settings."""
    for name in ("NO_COLOR", "TEXTUAL_THEME", "COLORTERM", "TEXTUAL_COLOR_SYSTEM"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "db.json"
    build(path)
    return path


@pytest.fixture
def make_app(demo_db: Path):
    """An app on the demo database for user ``britta`` (or ``user``) with a frozen clock."""

    def make(*, read_only: bool = False, db: Path | None = None, user: str = "britta") -> SsaApp:
        repository = Repository(db or demo_db, user=user, read_only=read_only, clock=lambda: FIXED_NOW)
        return build_app(repository, clock=lambda: FIXED_NOW)

    return make
