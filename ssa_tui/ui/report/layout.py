"""The report's tables laid out for the width of the screen.

What gives way when the line is short, in this order: the VZÄ bar (it repeats a figure shown
beside it) shrinks from :data:`BAR_WIDTH` cells down to :data:`BAR_MIN`, then is dropped; then
the names (towns, school types, employers, titles) are cut, the longest first, down to their
column's label. Figures (numbers, school numbers) and the short column labels of the catalogue
are never cut — at 80 columns and more they always fit. Only on a screen too narrow even for
them are names cut below their labels and, as a last resort, the line.

``column_widths`` of the record lists does not fit here: it lets fixed columns give way down to
their labels (``0,50`` under ``VZÄ`` would be cut), widens the title column to fill the whole
line and knows no bar.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

#: Cells before the first column and between two columns.
INDENT = 1
GAP = 2
#: The bar of a table's largest VZÄ on a wide screen, and the least bar worth showing.
BAR_WIDTH = 24
BAR_MIN = 6
BAR_COLUMN = 1  # the bar follows this column (VZÄ)
BAR_STYLE = "steel_blue"
_EIGHTHS = " ▏▎▍▌▋▊▉"


@dataclass(frozen=True)
class Layout:
    """Cells per column, and of the bar after :data:`BAR_COLUMN` (0: no bar)."""

    widths: tuple[int, ...]
    bar: int = 0

    @property
    def line_width(self) -> int:
        return INDENT + sum(self.widths) + GAP * (len(self.widths) - 1) + (GAP + self.bar if self.bar else 0)


def is_figure(cell: str) -> bool:
    """A number as the report shows it (``1,50``, ``2.030``, ``+1``, ``990601``) or nothing."""
    bare = cell.lstrip("+-±").replace(".", "").replace(",", "")
    return not cell or bare.isdigit()


def figure_columns(header: list[str], rows: list[list[str]]) -> list[bool]:
    """Which columns hold figures only (and at least one)."""
    return [
        any(row[i] for row in rows) and all(is_figure(row[i]) for row in rows) for i in range(len(header))
    ]


def fit_columns(
    header: list[str], rows: list[list[str]], width: int, *, figures: list[bool], bar: bool = False
) -> Layout:
    """Column widths for a line of at most ``width`` cells (see the module's docstring)."""
    natural = [max([cell_len(label)] + [cell_len(row[i]) for row in rows]) for i, label in enumerate(header)]
    floor = [natural[i] if figures[i] else cell_len(label) for i, label in enumerate(header)]
    names = [i for i in range(len(header)) if not figures[i]]
    room = width - Layout(tuple(floor)).line_width  # what the names' texts and the bar can have
    wanted = sum(natural[i] - floor[i] for i in names)
    if room >= wanted:
        rest = room - wanted - GAP
        return Layout(tuple(natural), min(BAR_WIDTH, rest) if bar and rest >= BAR_MIN else 0)
    widths = list(natural)
    # Cut the longest name first, one cell at a time: first down to its label, then (a screen
    # too narrow for the labels) down to one cell.
    for least in ([floor[i] for i in range(len(header))], [1] * len(header)):
        while Layout(tuple(widths)).line_width > width:
            cuttable = [i for i in names if widths[i] > least[i]]
            if not cuttable:
                break
            widths[max(cuttable, key=widths.__getitem__)] -= 1
    return Layout(tuple(widths))


def bar_text(share: float, width: int) -> str:
    """A bar of ``share`` (0–1) of ``width`` cells, in eighths of a cell."""
    eighths = int(8 * width * max(0.0, min(1.0, share)) + 1e-9)
    text = "█" * (eighths // 8) + (_EIGHTHS[eighths % 8] if eighths % 8 else "")
    return text.ljust(width)


def _cell(text: str, width: int, *, right: bool) -> Text:
    cell = Text(text, no_wrap=True, overflow="ellipsis")
    if cell.cell_len > width:
        cell.truncate(width, overflow="ellipsis")
    cell.align("right" if right else "left", width)
    return cell


def table_lines(
    header: list[str], rows: list[list[str]], width: int, shares: list[float] | None = None
) -> list[Text]:
    """The header and rows of a table as lines of at most ``width`` cells (stored text is never
    read as markup). ``shares``: each row's VZÄ as a share of the largest, for a bar if room."""
    figures = figure_columns(header, rows)
    layout = fit_columns(header, rows, width, figures=figures, bar=shares is not None)
    right = [figures[i] and i > 0 for i in range(len(header))]
    lines = []
    for index, line in enumerate([header, *rows]):
        text = Text(" " * INDENT, no_wrap=True, overflow="ellipsis", style="bold" if index == 0 else "")
        for i, (cell, cells) in enumerate(zip(line, layout.widths)):
            if i:
                text.append(" " * GAP)
            text.append_text(_cell(cell, cells, right=right[i]))
            if i == BAR_COLUMN and layout.bar:
                text.append(" " * GAP)
                bar = "" if index == 0 else bar_text(shares[index - 1], layout.bar)
                text.append(bar.ljust(layout.bar), style=BAR_STYLE)
        text.rstrip()
        if text.cell_len > width:  # only a screen too narrow for the labels
            text.truncate(width, overflow="ellipsis")
        lines.append(text)
    return lines


class FittedTable:
    """A titled table that lays itself out for the width it is drawn at."""

    def __init__(
        self, title: str, header: list[str], rows: list[list[str]], shares: list[float] | None = None
    ) -> None:
        self.title, self.header, self.rows, self.shares = title, header, rows, shares

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Text(self.title, style="bold")
        yield from table_lines(self.header, self.rows, options.max_width, self.shares)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)
