"""The committee report as a scrolling view: totals, VZÄ per group as bars, the lists.

It shows the report of the app's current day (a kept snapshot of that day as it was kept) and
is computed when the tab is shown (not at start: the first screen stays quick); all figures come from ``services/report.py``, the
tables' rows from ``services/report_formats.py`` (the same rows as the text and CSV forms), laid
out for the screen's width by ``layout.py`` (figures and column labels whole, names cut first).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...i18n import t
from ...services.report import GROUPINGS, report_for
from ...services.report_formats import headline, tables
from ...services import Repository, StoreError
from ...text import printable
from .layout import FittedTable


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


def _table(
    title: str, header: list[str], rows: list[list[str]], groups: list[dict] | None
) -> FittedTable | Group:
    """One section; a grouping gets a bar of its VZÄ after the VZÄ column where there is room."""
    if not rows:
        return Group(Text(title, style="bold"), Text("  " + t("report.none")))
    shares = None
    if groups:
        largest = max(group["fte"] for group in groups)
        shares = [group["fte"] / largest if largest > 0 else 0.0 for group in groups]
    return FittedTable(title, header, rows, shares)
