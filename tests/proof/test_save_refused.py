"""A save the store refuses while the form is open: a German message, the form stays open and
keeps what was typed, and the file the store refused is not written over.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from ssa_tui.ui.screens.record_form import RecordForm

from .test_delete import screen_text

CORRUPT = b"\x00garbage{"


def corrupt(db: Path) -> None:
    db.write_bytes(CORRUPT)


def missing(db: Path) -> None:
    db.unlink()


@pytest.mark.parametrize(("damage", "message"), [(corrupt, "beschädigt"), (missing, "nicht gefunden")])
async def test_a_refused_save_keeps_the_form_and_the_input(
    make_app, demo: Path, damage, message: str
) -> None:
    app = make_app(demo)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"Sekundarschule Soest", "enter", "enter")
        form = app.screen
        assert isinstance(form, RecordForm)
        carrier = form.query_one("#field-carrier", Input)
        carrier.focus()
        await pilot.press("end", *["backspace"] * len(carrier.value), *"AWO Soest")
        damage(demo)  # under the open form
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is form and app.is_running
        assert form.query_one("#field-carrier", Input).value == "AWO Soest"
        assert message in screen_text(app)
    if damage is corrupt:
        assert demo.read_bytes() == CORRUPT
    else:
        assert not demo.exists()
