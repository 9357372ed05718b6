"""What every test directory shares: pilot tests start once the TUI has read its database.

The TUI draws its first frame before it reads the database; keys typed meanwhile are held and
act after the first load (``OrderedKeys``; the tmux tests in ``tests/ui/test_keys.py`` and
``tests/ui/test_exit.py`` prove that in a real terminal). A pilot test that presses a key at
once and then asserts after ``pilot.pause()`` would race that load: ``pause()`` returns when
the process looks idle, which on a busy machine can be before the held key has acted. So the
pilot is handed over after the first load (or once the app is ending), bounded by PATIENCE.
"""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

import pytest

PATIENCE = 30.0  # seconds; only a bound for a broken start, never a measurement


@pytest.fixture(autouse=True)
def pilot_after_the_first_load(monkeypatch: pytest.MonkeyPatch) -> None:
    from ssa_tui.ui.app import SsaApp

    run_test = SsaApp.run_test

    @asynccontextmanager
    async def run_test_after_first_load(self: SsaApp, *args, **kwargs):
        async with run_test(self, *args, **kwargs) as pilot:
            deadline = asyncio.get_running_loop().time() + PATIENCE
            while not (self.started or self.return_code is not None):  # loaded, or ending
                assert asyncio.get_running_loop().time() < deadline, "the TUI did not finish its first load"
                await asyncio.sleep(0.01)
            yield pilot

    monkeypatch.setattr(SsaApp, "run_test", run_test_after_first_load)
