"""Deleting honours the revision: a stale delete is refused with a Conflict and the record kept;
deleting what another session deleted already gives a clear message, never a traceback.

Guards: ``expected_rev=expected_rev`` in ``services/records.py`` ``delete_record`` (the mutation
``expected_rev=None`` deletes the other person's newer version) — through the service and the TUI.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from ssa_tui.services import Repository
from ssa_tui.services.records import delete_record
from ssa_tui.store.errors import Conflict, NotFound
from ssa_tui.ui.screens.dialogs import ConfirmScreen

GROUP = 2  # „AK Kollegiale Fallberatung“: nothing links to it


def anna(db: Path) -> Repository:
    return Repository(db, user="anna")


def test_a_stale_delete_is_refused_and_the_record_kept(demo: Path) -> None:
    mine = Repository(demo, user="britta")
    seen = mine.get("groups", GROUP)
    anna(demo).update("groups", GROUP, {"venue": "Soest"}, expected_rev=seen["rev"])
    with pytest.raises(Conflict) as refused:
        delete_record(mine, "groups", GROUP, expected_rev=seen["rev"])
    kept = Repository(demo, user="t").get("groups", GROUP)
    assert kept is not None and (kept["rev"], kept["venue"]) == (seen["rev"] + 1, "Soest")
    assert str(refused.value) == (
        f"Arbeitskreis #{GROUP} wurde inzwischen von anna geändert (Version {seen['rev'] + 1}, "
        f"Ihre Vorlage: {seen['rev']}). Nichts wurde überschrieben."
    )


def test_deleting_an_already_deleted_record_says_so(demo: Path) -> None:
    mine = Repository(demo, user="britta")
    seen = mine.get("groups", GROUP)
    anna(demo).delete("groups", GROUP, expected_rev=seen["rev"])
    before = demo.read_bytes()
    with pytest.raises(NotFound) as refused:
        delete_record(mine, "groups", GROUP, expected_rev=seen["rev"])
    assert str(refused.value) == f"Arbeitskreis #{GROUP} gibt es nicht."
    assert demo.read_bytes() == before


# -- the same through the TUI's keys -------------------------------------------------------------


def screen_text(app) -> str:
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"</text>", "\n", svg))).replace("\xa0", " ")


async def ask_to_delete_group(pilot) -> None:
    """Tab 2, filter to the group, Enter back to the list, ``d``: the question is up."""
    await pilot.pause()
    await pilot.press("2", "slash", *"Fallberatung", "enter")
    assert pilot.app.active_list.selected["id"] == GROUP
    await pilot.press("d")
    assert isinstance(pilot.app.screen, ConfirmScreen)


async def test_tui_stale_delete_is_refused_with_a_message(make_app, demo: Path) -> None:
    app = make_app(demo)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ask_to_delete_group(pilot)
        anna(demo).update("groups", GROUP, {"venue": "Soest"}, expected_rev=1)  # while the question is up
        await pilot.press("j")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, ConfirmScreen)
        assert "wurde inzwischen von anna geändert" in screen_text(app)
    kept = Repository(demo, user="t").get("groups", GROUP)
    assert kept is not None and kept["venue"] == "Soest"


async def test_tui_delete_of_a_deleted_record_gives_a_message(make_app, demo: Path) -> None:
    app = make_app(demo)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await ask_to_delete_group(pilot)
        anna(demo).delete("groups", GROUP, expected_rev=1)
        await pilot.press("j")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, ConfirmScreen)
        assert f"Arbeitskreis #{GROUP} gibt es nicht." in screen_text(app)
