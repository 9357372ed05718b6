"""The committee report as a scrolling view: totals, VZÄ per group as Rich bars, the lists.

It shows the report of the app's current day (a kept snapshot of that day as it was kept) and
is computed when the tab is shown (not at start: the first screen stays quick); all figures come from ``services/report.py``, the
tables' rows from ``services/report_formats.py`` (the same rows as the text and CSV forms).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.bar import Bar
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...i18n import t
from ...services.report import GROUPINGS, report_for
from ...services.report_formats import headline, tables
from ...services import Repository, StoreError
from ...text import printable

BAR_WIDTH = 24


class ReportView(VerticalScroll):
    """The "Auswertung" tab's content."""

    def __init__(self, repository: Repository, *, clock: Callable[[], datetime]) -> None:
        super().__init__(id="report-view")
        self.repository = repository
        self.clock = clock

    def compose(self) -> ComposeResult:
        yield Static(id="report-body")

    def show_report(self) -> None:
        """Compute the report of today and show it (replacing what was shown)."""
        try:
            report = report_for(self.repository, self.clock().date())
        except StoreError as failure:
            self.notify(printable(str(failure)), severity="error", markup=False)
            return
        parts: list = [Text("\n".join(headline(report)), style="bold")]
        for index, (title, header, rows) in enumerate(tables(report)):
            groups = report.data[GROUPINGS[index]] if index < len(GROUPINGS) else None
            parts += [Text(""), _table(title, header, rows, groups)]
        self.query_one("#report-body", Static).update(Group(*parts))


def _table(title: str, header: list[str], rows: list[list[str]], groups: list[dict] | None) -> Table | Group:
    """One section as a Rich table; a grouping gets a bar of its VZÄ after the VZÄ column."""
    if not rows:
        return Group(Text(title, style="bold"), Text("  " + t("report.none")))
    table = Table(title=Text(title, style="bold"), title_justify="left", box=None, padding=(0, 1))
    largest = max((group["fte"] for group in groups), default=0) if groups else 0
    for column, name in enumerate(header):
        table.add_column(Text(name), justify="left" if column == 0 or not groups else "right", no_wrap=True)
        if groups and column == 1:
            table.add_column("", width=BAR_WIDTH)
    for row_index, row in enumerate(rows):
        cells: list = [
            Text(cell, justify="left" if column == 0 or not groups else "right")
            for column, cell in enumerate(row)
        ]
        if groups:
            fte = groups[row_index]["fte"]
            end = BAR_WIDTH * fte / largest if largest > 0 else 0
            cells.insert(2, Bar(BAR_WIDTH, 0, end, width=BAR_WIDTH, color="steel_blue"))
        table.add_row(*cells)
    return table
