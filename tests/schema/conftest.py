from __future__ import annotations

from pathlib import Path

import pytest

from ssa_tui.demo import build


@pytest.fixture(scope="module")
def demo_values(tmp_path_factory):
    """Records of the demo database by kind (real values of every field type)."""
    repository = build(Path(tmp_path_factory.mktemp("demo")) / "db.json")
    return repository.records
