"""Pictures of every screen at 80×24 and 160×50 (pytest-textual-snapshot; review the SVGs).

Update after an intended change with ``pytest tests/ui/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import pytest

SIZES = [(80, 24), (160, 50)]
TABS = ["1", "2", "3", "4", "5", "6"]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
@pytest.mark.parametrize("tab", TABS)
def test_tab(snap_compare, make_app, tab: str, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), press=[tab], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
def test_form_with_an_error(snap_compare, make_app, size: tuple[int, int]) -> None:
    keys = ["n", *"Schule am Markt", "tab", *"12345", "ctrl+s"]
    assert snap_compare(make_app(), press=keys, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x50"])
def test_help_screen(snap_compare, make_app, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), press=["question_mark"], terminal_size=size)


def test_viewer(snap_compare, make_app) -> None:
    assert snap_compare(make_app(read_only=True), press=["4"], terminal_size=(80, 24))
