"""Recent changes from the audit log, newest first, narrowed by typing (person, kind, title).

Below the list: what the highlighted change did, field by field (before → after, links by name as
the forms show them). ``r`` sets the record back to its state before that change
(``services.audit.restore``: role first, a new revision, audited, links checked again).
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from ...i18n import t
from ...schema import KINDS
from ...services import audit as audit_service
from ...services import Repository, StoreError
from ...services.audit import Change
from ...services.records import CurrentNames
from ...team.audit_text import describe
from ...text import fold, printable
from ..commands import bindings
from ..widgets import TextLine, focus_now, steady
from ..widgets.record_table import RecordTable, Row


class AuditScreen(Screen[None]):
    """The audit log as a list with the highlighted change's fields below it."""

    BINDINGS = bindings("audit")
    COMMAND_SCOPE = "audit"
    DEFAULT_CSS = """
    AuditScreen > .list-header { height: 1; background: $panel; text-style: bold; }
    AuditScreen > .list-filter { height: 1; }
    AuditScreen > RecordTable { height: 1fr; }
    AuditScreen > .list-status { height: 1; color: $text-muted; }
    AuditScreen > #audit-detail { height: auto; max-height: 50%; border-top: solid $panel; }
    """

    def __init__(self, repository: Repository) -> None:
        super().__init__()
        self.repository = repository
        self.changes: list[Change] = []
        self.rows: list[Row] = []
        self.names = CurrentNames(repository)

    def compose(self) -> ComposeResult:
        yield TextLine(t("team.audit_title"), classes="list-header")
        yield steady(Input(placeholder=t("team.audit_filter"), compact=True, classes="list-filter"))
        yield RecordTable()
        yield TextLine(classes="list-status")
        yield Static(id="audit-detail")
        yield Footer()

    def on_mount(self) -> None:
        self._load()
        table = self.query_one(RecordTable)
        self.watch(table, "cursor", lambda _cursor: self._show_detail(), init=False)
        focus_now(table)

    def _load(self) -> None:
        """Read the log (again, after a restore added to it); row ids index ``self.changes``."""
        self.changes = list(reversed(audit_service.changes(self.repository.path)))
        self.rows = [Row.build(n, [describe(change)]) for n, change in enumerate(self.changes)]
        self._show(self.query_one(Input).value)

    def _show(self, query: str) -> None:
        words = fold(query).split()
        rows = [row for row in self.rows if all(word in row.search_key for word in words)]
        table = self.query_one(RecordTable)
        table.show_rows(rows, [max(20, self.size.width)])
        self.query_one(".list-status", TextLine).show(
            t("team.audit_count", shown=len(rows), total=len(self.rows))
        )
        self._show_detail()

    def _field_changes(self, change: Change) -> list[audit_service.FieldChange]:
        """The change's fields with links by name as stored now (the names are read again after
        anyone writes); ids while the database cannot be read (the refresh says why)."""
        try:
            return audit_service.field_changes(change, self.names.get())
        except StoreError:
            return audit_service.field_changes(change, None)

    @property
    def selected(self) -> Change | None:
        index = self.query_one(RecordTable).selected_id
        return self.changes[index] if index is not None else None

    def _show_detail(self) -> None:
        """Before → after for every field the highlighted change touched."""
        detail = self.query_one("#audit-detail", Static)
        change = self.selected
        self.refresh_bindings()  # `r` is offered only for a change that can be undone
        if change is None:
            detail.update("")
            return
        fields = self._field_changes(change)
        if not fields:
            detail.update(Text(t("audit.detail_empty")))
            return
        table = Table(expand=True, show_edge=False, box=None, padding=(0, 1))
        table.add_column(t("audit.detail_field"), style="bold", no_wrap=True)
        table.add_column(t("audit.detail_before"), ratio=1)
        table.add_column("", width=1)
        table.add_column(t("audit.detail_after"), ratio=1)
        for field in fields:
            table.add_row(Text(field.label), Text(printable(field.before)), "→", Text(printable(field.after)))
        detail.update(table)

    # -- keys --------------------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        self._show(event.value)

    def on_input_submitted(self) -> None:
        focus_now(self.query_one(RecordTable))

    def action_filter(self) -> None:
        focus_now(self.query_one(Input))

    def action_close(self) -> None:
        """Esc: leave the filter (emptied) first, then the view."""
        filter_input = self.query_one(Input)
        if self.focused is filter_input or filter_input.value:
            filter_input.value = ""
            focus_now(self.query_one(RecordTable))
            return
        self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restore":
            if self.repository.read_only:
                return False
            change = self.selected
            return None if change is None or not audit_service.restorable(change) else True
        return True

    def action_restore(self) -> None:
        from ..screens.dialogs import ConfirmScreen

        change = self.selected
        if change is None or not audit_service.restorable(change):
            return
        kind = KINDS[change.kind]
        values = {"kind": kind.label_one, "id": change.id, "title": printable(kind.title_of(change.before))}
        gone = self.repository.get(change.kind, change.id) is None
        question = t("audit.restore_deleted_ask" if gone else "audit.restore_ask", **values)
        self.app.push_screen(ConfirmScreen(question), lambda yes: self._restore(change) if yes else None)

    def _restore(self, change: Change) -> None:
        try:
            record = audit_service.restore(self.repository, change)
        except StoreError as failure:
            self.notify(printable(str(failure)), severity="error", markup=False)
            return
        kind = KINDS[change.kind]
        self.notify(
            t(
                "audit.restored",
                kind=kind.label_one,
                id=record["id"],
                title=printable(kind.title_of(record)),
                rev=record["rev"],
            ),
            markup=False,
        )
        self._load()
