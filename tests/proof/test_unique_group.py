"""A group's name is unique, case-insensitively: the form refuses a second „ak kollegiale
fallberatung“ and keeps the input; an import takes a file's two spellings of one name once.

Guards: ``match_key`` (``casefold``) in ``schema/fields.py`` and the unique index of the store.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from ssa_tui.services import Repository
from ssa_tui.ui.screens.record_form import RecordForm

from .conftest import ssa
from .test_delete import screen_text


def group_names(db: Path) -> list[str]:
    return [group["name"] for group in Repository(db, user="t").records("groups")]


async def test_the_form_refuses_a_name_that_differs_only_in_case(make_app, demo: Path) -> None:
    before = demo.read_bytes()
    app = make_app(demo)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("2", "n", *"ak kollegiale fallberatung", "ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, RecordForm)
        assert app.screen.query_one("#field-name", Input).value == "ak kollegiale fallberatung"
        assert "„ak kollegiale fallberatung“ gibt es schon." in screen_text(app)
    assert demo.read_bytes() == before


def test_an_import_takes_two_spellings_of_one_name_once(demo: Path) -> None:
    sheet = demo.parent / "arbeitskreise.csv"
    sheet.write_text("Name;Region\nAK Neu;Süd\nAK NEU;West\n", encoding="utf-8")
    result = ssa("import", "groups", str(sheet), db=demo)
    assert result.returncode == 1
    assert result.stderr.decode().strip().splitlines() == [
        "Zeile 3: betrifft denselben Datensatz wie Zeile 2, aber mit anderen Werten – nicht übernommen."
    ]
    assert group_names(demo) == ["AK Schulsozialarbeit Kreis Soest", "AK Kollegiale Fallberatung", "AK Neu"]
