"""The list's column widths, for any labels, texts and screen width (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ssa_tui.ui.widgets.record_table import CELL_MAX, TITLE_MIN, Row, column_widths


@st.composite
def tables(draw):
    count = draw(st.integers(2, 7))
    labels = draw(st.lists(st.text("abcdefgh", min_size=1, max_size=12), min_size=count, max_size=count))
    lengths = st.lists(st.integers(0, 90), min_size=count, max_size=count)
    rows = [
        Row(n, tuple("x" * length for length in cells), "")
        for n, cells in enumerate(draw(st.lists(lengths, max_size=8)))
    ]
    title = draw(st.integers(0, count - 1))
    fixed = frozenset(draw(st.sets(st.integers(0, count - 1).filter(lambda i: i != title))))
    available = draw(st.integers(sum(map(len, labels)) + count - 1, 320))  # at least the labels fit
    return labels, rows, available, title, fixed


@settings(max_examples=400, deadline=None)
@given(tables())
def test_widths_fill_the_line_and_cut_only_what_must_be_cut(table) -> None:
    labels, rows, available, title, fixed = table
    widths = column_widths(labels, rows, available, title=title, fixed=fixed)
    content = [max([len(label)] + [len(row.cells[i]) for row in rows]) for i, label in enumerate(labels)]
    others = [i for i in range(len(labels)) if i != title]

    assert sum(widths) + len(labels) - 1 == available  # the line is filled, never overfilled
    assert all(width >= len(label) for width, label in zip(widths, labels))  # labels are never cut
    assert all(widths[i] <= content[i] for i in others)  # no other column wider than its text
    # The title keeps TITLE_MIN cells (or its whole text) whenever the others can give way.
    if sum(len(labels[i]) for i in others) + len(labels) - 1 + min(TITLE_MIN, content[title]) <= available:
        assert widths[title] >= min(TITLE_MIN, content[title])
    # Room the title does not need goes to the columns cut at CELL_MAX.
    if widths[title] > content[title]:
        assert all(widths[i] == content[i] for i in others)
    # A column is cut below CELL_MAX only when the title needs the room.
    if any(widths[i] < min(content[i], CELL_MAX) for i in others):
        assert widths[title] <= max(TITLE_MIN, len(labels[title]))


def test_a_wide_screen_shows_an_organisation_in_full() -> None:
    """At 200 columns the contacts' organisation (40 characters) is no longer cut at 30."""
    labels = ["Name", "Funktion", "Organisation", "E-Mail"]
    organisation = "Kreis Soest – Koordinierungsstelle Schul"
    rows = [Row(1, ("Britta Thulfaut", "Koordination", organisation, "b@example.org"), "")]
    widths = column_widths(labels, rows, 200)
    assert widths[2] == len(organisation) and widths[1] == len("Koordination") and widths[0] > 100
    narrow = column_widths(labels, rows, 80)
    assert narrow[0] >= len("Britta Thulfaut") and narrow[2] < len(organisation) and sum(narrow) + 3 == 80
