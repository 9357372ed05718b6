"""A table of records that renders only the visible lines (Textual's Line API).

Filling a ``DataTable`` costs about 90 µs a row, so re-filling it on each keystroke of a filter
over 10,000 records would be slow. Here the rows are prepared once (display text already made
safe, a folded search key per row), a filter is a list comprehension over those keys, and
``render_line`` draws just the lines on screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from textual.binding import Binding
from textual.events import Click
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...text import fold, printable


@dataclass(frozen=True)
class Row:
    """One record as the table shows it: safe cell texts and a search key."""

    record_id: int
    cells: tuple[str, ...]
    search_key: str
    marked: bool = False

    @classmethod
    def build(cls, record_id: int, cells: list[str], marked: bool = False, search: list[str] = ()) -> Row:
        """``search``: more text the filter finds the record by (all its fields, linked names)."""
        safe = tuple(printable(cell) for cell in cells)
        return cls(record_id, safe, fold(" ".join((*safe, *search))), marked)


class RecordTable(ScrollView, can_focus=True):
    """Rows of records with a cursor (``selected_id``)."""

    COMPONENT_CLASSES = {"record-table--cursor", "record-table--marked"}
    BINDINGS = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
    ]

    cursor: reactive[int] = reactive(0)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self.widths: list[int] = []

    # -- data --------------------------------------------------------------------------------
    def show_rows(self, rows: list[Row], widths: list[int], *, keep_id: int | None = None) -> None:
        """Show ``rows``; the cursor stays on ``keep_id`` if it is still there, else goes to the top."""
        self.rows = rows
        self.widths = widths
        self.virtual_size = Size(sum(widths) + len(widths), len(rows))
        index = next((i for i, row in enumerate(rows) if row.record_id == keep_id), 0) if keep_id else 0
        self.cursor = index
        self.scroll_to(y=max(0, index - self.size.height // 2), animate=False)
        self.refresh()

    @property
    def selected_id(self) -> int | None:
        return self.rows[self.cursor].record_id if 0 <= self.cursor < len(self.rows) else None

    # -- drawing -----------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.size.width
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        row = self.rows[index]
        style = self.rich_style
        if row.marked:
            style = style + self.get_component_rich_style("record-table--marked")
        if index == self.cursor:
            style = style + self.get_component_rich_style("record-table--cursor", partial=not self.has_focus)
        text = " ".join(_fit(cell, w) for cell, w in zip(row.cells, self.widths))
        return Strip([Segment(_fit(text, width), style)], width)

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old - self.scroll_offset.y)
        self.refresh_line(new - self.scroll_offset.y)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- moving ------------------------------------------------------------------------------
    def _move_to(self, index: int) -> None:
        if not self.rows:
            return
        self.cursor = max(0, min(index, len(self.rows) - 1))
        top, height = self.scroll_offset.y, self.size.height
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)

    def action_cursor(self, step: int) -> None:
        self._move_to(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self._move_to(self.cursor + direction * max(1, self.size.height - 1))

    def action_jump(self, index: int) -> None:
        self._move_to(index if index >= 0 else len(self.rows) - 1)

    def on_click(self, event: Click) -> None:
        self._move_to(self.scroll_offset.y + event.y)


def _fit(text: str, width: int) -> str:
    """``text`` cut or padded to exactly ``width`` cells (an ellipsis marks a cut)."""
    if len(text) > width:
        return text[: max(0, width - 1)] + "…" if width > 0 else ""
    return text.ljust(width)


#: At least this many cells for the title column (a school name) when the others can give way:
#: 24 characters and the ellipsis of a cut name.
TITLE_MIN = 25
#: The other columns grow up to this many cells for their content; past that only with room to
#: spare once the title column shows its longest text in full.
CELL_MAX = 30


def column_widths(
    labels: list[str],
    rows: list[Row],
    available: int,
    *,
    title: int = 0,
    fixed: frozenset[int] = frozenset(),
    sample: int = 400,
) -> list[int]:
    """Widths that fill ``available`` cells; labels are never cut.

    Every column but the ``title`` column is as wide as its content (from a sample, at most
    :data:`CELL_MAX`) and never narrower than its label; the title column takes what the others
    leave. When that is less than :data:`TITLE_MIN`, the widest other column gives way, one cell
    at a time, down to its label; ``fixed`` columns (dates, numbers: a cut one is unreadable)
    give way only when no other can. On a wide screen, room the title does not need goes to the
    columns cut at :data:`CELL_MAX` (an organisation's long name), up to their content.
    """
    content = [len(label) for label in labels]
    for row in rows[:sample]:
        for i, cell in enumerate(row.cells):
            content[i] = max(content[i], len(cell))
    wanted = [
        width if i == title else min(width, max(CELL_MAX, len(labels[i]))) for i, width in enumerate(content)
    ]
    budget = available - (len(labels) - 1)  # one space between columns
    title_goal = min(TITLE_MIN, wanted[title])
    others = [i for i in range(len(labels)) if i != title]
    for givers in ([i for i in others if i not in fixed], others):
        while budget - sum(wanted[i] for i in others) < title_goal:
            shrinkable = [i for i in givers if wanted[i] > len(labels[i])]
            if not shrinkable:
                break  # these columns are down to their labels
            wanted[max(shrinkable, key=wanted.__getitem__)] -= 1
    spare = budget - sum(wanted[i] for i in others) - content[title]
    for i in sorted(others, key=lambda i: content[i] - wanted[i]):  # the least cut first: whole texts
        grow = max(0, min(spare, content[i] - wanted[i]))
        wanted[i] += grow
        spare -= grow
    wanted[title] = max(len(labels[title]), budget - sum(wanted[i] for i in others))
    return wanted
