"""Recent changes from the audit log, newest first, narrowed by typing (person, kind, title)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Input

from ...i18n import t
from ...store import Repository, audit
from ...team.audit_text import describe
from ...text import fold
from ..widgets import TextLine, steady
from ..widgets.record_table import RecordTable, Row


class AuditScreen(Screen[None]):
    """The audit log as a list; the filter narrows it as you type."""

    BINDINGS = [Binding("escape", "close", t("cmd.close")), Binding("slash", "filter", t("cmd.filter"))]

    def __init__(self, repository: Repository) -> None:
        super().__init__()
        changes = list(reversed(audit.select(repository.path)))
        self.rows = [Row.build(n, [describe(change)]) for n, change in enumerate(changes)]

    def compose(self) -> ComposeResult:
        yield TextLine(t("team.audit_title"), classes="list-header")
        yield steady(Input(placeholder=t("team.audit_filter"), compact=True, classes="list-filter"))
        yield RecordTable()
        yield TextLine(classes="list-status")
        yield Footer()

    def on_mount(self) -> None:
        self._show("")
        self.query_one(RecordTable).focus()

    def _show(self, query: str) -> None:
        words = fold(query).split()
        rows = [row for row in self.rows if all(word in row.search_key for word in words)]
        table = self.query_one(RecordTable)
        table.show_rows(rows, [max(20, self.size.width)])
        self.query_one(".list-status", TextLine).show(
            t("team.audit_count", shown=len(rows), total=len(self.rows))
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show(event.value)

    def on_input_submitted(self) -> None:
        self.query_one(RecordTable).focus()

    def action_filter(self) -> None:
        self.query_one(Input).focus()

    def action_close(self) -> None:
        self.dismiss(None)
