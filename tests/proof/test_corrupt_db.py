"""The database goes corrupt while the TUI is open: the refresh says so, keys keep working,
and nothing ever writes over the damaged file (its bytes stay exactly as they were).

Guards: the ``except StoreError`` in ``SsaApp.refresh_if_changed`` and ``SsaApp._fill`` (without
them the timer's or the tab key's exception ends the app) and the delete refusing to replace a
file it cannot read.
"""

from __future__ import annotations

from pathlib import Path

from .test_delete import screen_text
from .test_refresh import wait_for

CORRUPT = b'{"positions": {"1": '  # cut off mid-write by another program


async def test_a_corrupt_database_gives_a_message_and_is_never_written(make_app, demo: Path) -> None:
    app = make_app(demo)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        demo.write_bytes(CORRUPT)
        assert await wait_for(pilot, lambda: "beschädigt" in screen_text(app))  # the 2-s refresh
        assert app.is_running

        await pilot.press("3")  # another tab: its list cannot load, the app stays
        await pilot.pause()
        assert app.is_running and app.active_list.kind.name == "events"
        await pilot.press("1", "d", "j")  # a delete on the list loaded before the damage
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
        assert demo.read_bytes() == CORRUPT
    assert demo.read_bytes() == CORRUPT
