"""The report tab at 80 and 120 columns: figures and column labels whole, names cut first; the
layout function over any width and any lengths (hypothesis)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from ssa_tui.i18n import set_language
from ssa_tui.services.report import GROUPINGS, report_for
from ssa_tui.services.report_formats import tables
from ssa_tui.store import Repository
from ssa_tui.ui.report.layout import BAR_MIN, BAR_WIDTH, GAP, figure_columns, fit_columns, table_lines

from .conftest import FIXED_NOW

#: An employer's name longer than any screen: its table must still show every figure whole.
LONG_EMPLOYER = "Jugendhilfe- und Beratungsverbund " * 4 + "Hellweg-Börde"
BARS = set("█▏▎▍▌▋▊▉")


def shown_lines(app) -> list[str]:
    lines = []
    for static in app.query("#report-view Static"):
        lines += [strip.text.rstrip() for strip in static.render_lines(static.region.reset_offset)]
    return lines


def figures_of(line: str) -> list[str]:
    """The line's cells right of the name (and the VZÄ bar), read from the right."""
    return [token for token in line.split() if not set(token) <= BARS]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_report_tab_never_cuts_a_figure_or_a_column_label(make_app, demo_db: Path, size) -> None:
    repository = Repository(demo_db, user="britta", clock=lambda: FIXED_NOW)
    position = repository.get("positions", 1)
    repository.update("positions", 1, {**position, "carrier": LONG_EMPLOYER}, expected_rev=position["rev"])
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("9")
        await pilot.pause()
        lines = shown_lines(app)
        sections = tables(report_for(repository, FIXED_NOW.date()))
    width = max(map(cell_len, lines))
    assert width <= size[0] - 4  # the view's padding and the scroll bar take four columns
    checked = 0
    for index, (title, header, rows) in enumerate(sections):
        if not rows:
            continue
        at = lines.index(title)
        header_line = lines[at + 1]
        assert "…" not in header_line
        assert header_line.split() == " ".join(header).split()  # every label, whole, in order
        first_figure = 1 if index < len(GROUPINGS) else len(header)  # the groupings' figures
        for row, line in zip(rows, lines[at + 2 :]):
            figures = [cell for cell in row[first_figure:] if cell]
            if figures:
                assert figures_of(line)[-len(figures) :] == figures, line
                checked += 1
    assert checked >= 20
    [employer] = [line for line in lines if line.startswith(" Jugendhilfe-")]
    assert "…" in employer  # the long name gives way (its figures were checked above)


@st.composite
def tables_to_fit(draw):
    count = draw(st.integers(2, 7))
    figures = draw(st.lists(st.booleans(), min_size=count, max_size=count))
    labels = draw(st.lists(st.text("abcdefghÄ ", min_size=1, max_size=16), min_size=count, max_size=count))
    digits = st.from_regex(r"[+-]?[0-9][0-9.,]{0,11}", fullmatch=True)
    names = st.text("abcdefgh „“Ü…", max_size=120)
    row = st.tuples(*[digits if figure else names for figure in figures]).map(list)
    rows = draw(st.lists(row, min_size=1, max_size=8))
    bar = draw(st.booleans())
    fixed = sum(
        max([len(label)] + [len(r[i]) for r in rows]) if figure else len(label)
        for i, (label, figure) in enumerate(zip(labels, figures))
    )
    least = 1 + fixed + 2 * (count - 1)  # what must fit: the indent, figures, labels and gaps
    width = draw(st.integers(max(80, least), 300))
    return labels, rows, figures, bar, width


@settings(max_examples=400, deadline=None)
@given(tables_to_fit())
def test_layout_keeps_figures_and_labels_whole_within_the_width(table) -> None:
    labels, rows, figures, bar, width = table
    layout = fit_columns(labels, rows, width, figures=figures, bar=bar)
    natural = [max([len(label)] + [len(row[i]) for row in rows]) for i, label in enumerate(labels)]

    assert layout.line_width <= width  # the line never wider than the screen
    assert all(w >= len(label) for w, label in zip(layout.widths, labels))  # labels whole
    assert all(w >= natural[i] for i, w in enumerate(layout.widths) if figures[i])  # figures whole
    assert all(w <= natural[i] for i, w in enumerate(layout.widths))  # no wider than needed
    assert layout.bar == 0 or (bar and BAR_MIN <= layout.bar <= BAR_WIDTH)
    if any(w < natural[i] for i, w in enumerate(layout.widths)):
        assert layout.bar == 0  # the bar gives way before any name is cut
    elif bar:  # every name whole: the bar takes the room left, if there is enough for one
        room = width - layout.line_width + (GAP + layout.bar if layout.bar else 0) - GAP
        assert layout.bar == (min(BAR_WIDTH, room) if room >= BAR_MIN else 0)
    assert figure_columns(labels, rows) == figures  # what the drawing finds to be figures
    # The lines drawn: as wide as laid out at most, every label and figure whole.
    shares = [(n % 5) / 4 for n in range(len(rows))] if bar else None
    drawn = [line.plain for line in table_lines(labels, rows, width, shares)]
    assert all(cell_len(line) <= width for line in drawn)
    for i, label in enumerate(labels):
        assert label.strip() in drawn[0]
    for row, line in zip(rows, drawn[1:]):
        for cell, figure in zip(row, figures):
            if figure:
                assert cell in line


def test_the_catalogue_labels_fit_at_80_columns_in_both_languages(demo_db: Path) -> None:
    """Every table of the demo report in German and English at the 76 cells of an 80 column
    screen: no label and no figure cut."""
    repository = Repository(demo_db, user="britta", clock=lambda: FIXED_NOW)
    try:
        for language in ("de", "en"):
            set_language(language)
            for _title, header, rows in tables(report_for(repository, FIXED_NOW.date())):
                if rows:
                    drawn = [line.plain for line in table_lines(header, rows, 76, [1.0] * len(rows))]
                    assert "…" not in drawn[0] and drawn[0].split() == " ".join(header).split()
    finally:
        set_language("de")
