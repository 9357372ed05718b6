"""The one list screen part for every record kind: filter, column header, table, count line.

Columns, cell texts and the search key come from the schema (``Kind.columns``,
``Field.display``); nothing here knows a particular kind except through ``marker`` (e.g. stale
positions), which the app passes in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input

from ...i18n import t
from ...schema import Kind
from ...text import fold
from . import TextLine, steady
from .record_table import RecordTable, Row, column_widths

Marker = Callable[[dict[str, Any]], bool]


class RecordList(Vertical):
    """A filterable, sortable list of the records of one kind."""

    def __init__(self, kind: Kind, *, marker: Marker | None = None, marker_legend: str = "") -> None:
        super().__init__(id=f"list-{kind.name}")
        self.kind = kind
        self.marker = marker
        self.marker_legend = marker_legend
        self.records: dict[int, dict[str, Any]] = {}
        self.all_rows: list[Row] = []
        self.sort_column = 0
        self.sort_reverse = False
        self.loaded = False
        self._last_query: str | None = None
        self._shown: list[Row] = []

    def compose(self) -> ComposeResult:
        yield steady(
            Input(
                placeholder=t("list.filter_placeholder"),
                id=f"filter-{self.kind.name}",
                classes="list-filter",
                compact=True,
            )
        )
        yield TextLine(classes="list-header")
        yield RecordTable(id=f"table-{self.kind.name}")
        yield TextLine(classes="list-status")

    @property
    def table(self) -> RecordTable:
        return self.query_one(RecordTable)

    @property
    def filter_input(self) -> Input:
        return self.query_one(Input)

    @property
    def labels(self) -> list[str]:
        marker = ["!"] if self.marker else []
        return marker + [self.kind.field_label(name) for name in self.kind.columns]

    # -- data --------------------------------------------------------------------------------
    def load(self, records: list[dict[str, Any]]) -> None:
        """Take a fresh set of records (on first show, and when anyone changed the database)."""
        self.records = {record["id"]: record for record in records}
        fields = [self.kind.field(name) for name in self.kind.columns]
        rows = []
        for record in records:
            marked = bool(self.marker and self.marker(record))
            cells = [field.display(record.get(field.name)) for field in fields]
            if self.marker:
                cells.insert(0, "!" if marked else "")
            rows.append(Row.build(record["id"], cells, marked))
        self.all_rows = rows
        self._last_query = None
        self.loaded = True
        self._sort()
        self.apply_filter(keep_id=self.table.selected_id)

    def _sort(self) -> None:
        name = self.kind.columns[self.sort_column]

        def key(row: Row) -> tuple[bool, Any]:
            value = self.records[row.record_id].get(name)
            if isinstance(value, str):
                value = fold(value)
            return value is None or value == "", value if value is not None else 0

        self.all_rows.sort(key=lambda row: row.record_id)
        self.all_rows.sort(key=key, reverse=self.sort_reverse)

    def apply_filter(self, *, keep_id: int | None = None) -> None:
        """Show the rows whose text holds every word typed in the filter (umlauts folded)."""
        query = fold(self.filter_input.value)
        # Typing on narrows what is shown already; anything else starts from all rows.
        narrowing = self._last_query is not None and query.startswith(self._last_query) and keep_id is None
        rows = self._shown if narrowing else self.all_rows
        for word in query.split():
            rows = [row for row in rows if word in row.search_key]
        self._last_query, self._shown = query, rows
        widths = column_widths(self.labels, rows, self.size.width or 80)
        self.table.show_rows(rows, widths, keep_id=keep_id)
        header = " ".join(label[:w].ljust(w) for label, w in zip(self.labels, widths))
        self.query_one(".list-header", TextLine).show(header)
        self._update_status(len(rows))

    def _update_status(self, shown: int) -> None:
        parts = [t("list.count", shown=shown, total=len(self.all_rows))]
        column = self.kind.field_label(self.kind.columns[self.sort_column])
        parts.append(t("list.sorted_by", column=column) + (" ↓" if self.sort_reverse else " ↑"))
        if self.marker_legend:
            parts.append(self.marker_legend)
        self.query_one(".list-status", TextLine).show(" · ".join(parts))

    def sort_by_next(self, *, reverse: bool = False) -> None:
        if reverse:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column = (self.sort_column + 1) % len(self.kind.columns)
            self.sort_reverse = False
        self._sort()
        self._last_query = None
        self.apply_filter(keep_id=self.table.selected_id)

    @property
    def selected(self) -> dict[str, Any] | None:
        record_id = self.table.selected_id
        return self.records.get(record_id) if record_id is not None else None

    # -- events ------------------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.apply_filter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()

    def on_resize(self) -> None:
        if self.loaded:
            self.apply_filter(keep_id=self.table.selected_id)
