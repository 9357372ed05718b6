"""The tab bar: every tab's name shows at 80 columns and wider, a click chooses the tab.

Guards ``ui/widgets/tab_bar.py`` (layouts, the click's column arithmetic) and its wiring in
``ui/app.py`` (the pane shown, the list focused, the report computed on a click).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssa_tui.i18n import text_in
from ssa_tui.ui.app import REPORT_TAB, TAB_KINDS
from ssa_tui.ui.widgets.tab_bar import TabBar, TabLabel

GERMAN_FULL = "1 Stellen  2 Arbeitskreise  3 Termine  4 Kontakte  5 Newsletter  6 Themen  7 Schulen  8 Träger  9 Auswertung"
GERMAN_SHORT = "1 Stellen 2 AKs 3 Termine 4 Kontakte 5 News 6 Themen 7 Schulen 8 Träger 9 Ausw."


def bar_line(app) -> str:
    bar = app.query_one(TabBar)
    return bar.render_lines(bar.region.reset_offset)[0].text


@pytest.mark.parametrize(("width", "line"), [(160, GERMAN_FULL), (110, GERMAN_FULL), (80, GERMAN_SHORT)])
async def test_every_tab_shows_in_the_widest_names_that_fit(make_app, width: int, line: str) -> None:
    app = make_app()
    async with app.run_test(size=(width, 24)):
        assert bar_line(app).rstrip() == " " + line


def labels(language: str) -> list[TabLabel]:
    def label(tab_id: str, key: str) -> TabLabel:
        return TabLabel(tab_id, text_in(language, key), text_in(language, f"{key}.short"))

    return [*(label(f"tab-{kind}", f"tab.{kind}") for kind in TAB_KINDS), label(REPORT_TAB, "report.tab")]


@given(width=st.integers(min_value=80, max_value=400), language=st.sampled_from(["de", "en"]))
def test_from_80_columns_every_name_fits_unbroken(width: int, language: str) -> None:
    bar = TabBar(labels(language), active=REPORT_TAB)
    spans = bar.spans(width)
    assert [tab_id for tab_id, _, _ in spans] == [tab.tab_id for tab in labels(language)]
    ends = [column + len(text) for _, text, column in spans]
    assert ends[-1] <= width  # the last name ends inside the bar
    assert all(end < column for end, (_, _, column) in zip(ends, spans[1:]))  # names never touch
    assert all(text.startswith(f"{number} ") for number, (_, text, _) in enumerate(spans, 1))


@pytest.mark.parametrize("number", [1, 4, 9])
async def test_a_click_on_a_name_shows_that_tab(make_app, number: int) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")  # away from the first tab, so every click changes something
        bar = app.query_one(TabBar)
        tab_id, text, column = bar.spans(bar.size.width)[number - 1]
        await pilot.click(TabBar, offset=(column + len(text) - 1, 0))  # the name's last letter
        await pilot.pause()
        assert app.active_kind == tab_id.removeprefix("tab-")
        shown = [pane.id for pane in app.query(".tab-pane") if pane.display]
        assert shown == [tab_id]
        if tab_id == REPORT_TAB:
            body = app.query_one("#report-body")
            shown_text = "\n".join(strip.text for strip in body.render_lines(body.region.reset_offset))
            assert "Bericht zum 24.11.2026" in shown_text
        else:
            assert app.focused is app.active_list.table
        assert bar_line(app)[column : column + len(text)] == text


async def test_a_click_between_names_changes_nothing(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        bar = app.query_one(TabBar)
        _, text, column = bar.spans(bar.size.width)[0]
        await pilot.click(TabBar, offset=(column + len(text), 0))  # the space after "1 Stellen"
        await pilot.click(TabBar, offset=(column - 1, 0))  # the space before it
        await pilot.pause()
        assert app.active_kind == "groups" and app.focused is app.active_list.table
