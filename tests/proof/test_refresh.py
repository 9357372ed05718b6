"""The open TUI shows what another session wrote, without a key press (the 2-second refresh).

Guards: ``set_interval(2.0, self.refresh_if_changed)`` in ``ui/app.py``. The test waits on the
list's content, bounded (30 s), instead of sleeping a fixed time.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from ssa_tui.services import Repository


async def wait_for(pilot, condition, *, bound: float = 30.0) -> bool:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + bound
    while not condition():
        if loop.time() > deadline:
            return False
        await pilot.pause(0.1)
    return True


async def test_a_record_written_elsewhere_appears_without_a_key(make_app, demo: Path) -> None:
    app = make_app(demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")  # groups
        shown = lambda: [row.record_id for row in app.active_list.table.rows]  # noqa: E731
        assert await wait_for(pilot, lambda: len(shown()) == 2)
        new = Repository(demo, user="anna").create("groups", {"name": "AK Ganztag"})
        assert await wait_for(pilot, lambda: new["id"] in shown()), shown()
        assert sorted(shown()) == [1, 2, new["id"]]
