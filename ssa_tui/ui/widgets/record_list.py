"""The one list screen part for every record kind: filter, column header, table, count line.

Columns, cell texts and the search text come from the schema (``Kind.columns``, ``Kind.fields``,
``Field.display``); nothing here knows a particular kind except through ``marker`` (e.g. stale
positions) and ``link_name`` (how a linked record is named), which the app passes in, and the
default orders in ``sorting.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input

from ...i18n import t
from ...schema import Kind, fields
from ...text import fold, printable
from ..commands import bindings
from . import TextLine, focus_now, steady
from .record_table import RecordTable, column_widths
from .sorting import DEFAULT_SORTS, DefaultSort, column_key, sorted_ids

Marker = Callable[[dict[str, Any]], bool]
LinkName = Callable[[str, int], str]
#: Rows whose search keys are made at a time, after the list is shown (a step takes a few ms).
SEARCH_STEP = 500


def column_label(kind: Kind, name: str) -> str:
    """The short label of a list column (the catalogue has one for every column)."""
    return t(f"col.{kind.name}.{name}")


class RecordRow:
    """One record as its list shows it (like :class:`~.record_table.Row`), its texts made when
    needed: a list of 10,000 records is shown once the rows drawn and the sample the column
    widths come from have their cells; the search keys follow in steps
    (:meth:`RecordList.prepare_search`), or all at once when a filter comes first."""

    __slots__ = ("record_id", "marked", "search_key", "_record", "_list", "_cells")

    def __init__(self, record_list: RecordList, record: dict[str, Any], marked: bool) -> None:
        self.record_id: int = record["id"]
        self.marked = marked
        #: The folded text the filter finds the record by (its cells, every field, linked
        #: names); "" until :meth:`make_search_key`.
        self.search_key = ""
        self._record = record
        self._list = record_list
        self._cells: tuple[str, ...] | None = None

    @property
    def cells(self) -> tuple[str, ...]:
        """The safe cell texts (``!`` first in a list with a marker)."""
        if self._cells is None:
            self._cells = self._list.cells_of(self._record, self.marked)
        return self._cells

    def make_search_key(self) -> None:
        self.search_key = fold(" ".join((*self.cells, *self._list.search_texts(self._record))))


class RecordList(Vertical):
    """A filterable, sortable list of the records of one kind."""

    BINDINGS = bindings("list")

    def __init__(
        self,
        kind: Kind,
        *,
        marker: Marker | None = None,
        marker_legend: str = "",
        link_name: LinkName | None = None,
    ) -> None:
        super().__init__(id=f"list-{kind.name}")
        self.kind = kind
        self.marker = marker
        self.marker_legend = marker_legend
        self.link_name = link_name
        self.records: dict[int, dict[str, Any]] = {}
        self.rows_by_id: dict[int, RecordRow] = {}
        self.all_rows: list[RecordRow] = []
        self._columns = [kind.field(name) for name in kind.columns]
        self._searched = [field for field in kind.fields if field.in_form]
        self._unsearched: list[RecordRow] = []  # rows whose search keys are still to be made
        #: None: the kind's default order (``sorting.DEFAULT_SORTS``), else a column index.
        self.sort_column: int | None = None if kind.name in DEFAULT_SORTS else 0
        self.sort_reverse = DEFAULT_SORTS[kind.name].reverse if kind.name in DEFAULT_SORTS else False
        self.only_marked = False
        self.loaded = False
        self._last_query: str | None = None
        self._shown: list[RecordRow] = []

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
        return marker + [column_label(self.kind, name) for name in self.kind.columns]

    @property
    def first_column(self) -> int:
        """Index of the title column (after the marker column, if any)."""
        return 1 if self.marker else 0

    @property
    def title_column(self) -> int:
        """Index of the column that takes the width the others leave: the record's title (a
        school's name, not its number)."""
        columns = self.kind.columns
        index = columns.index(self.kind.title_field) if self.kind.title_field in columns else 0
        return index + self.first_column

    @property
    def fixed_columns(self) -> frozenset[int]:
        """Columns whose cells are dates or numbers: they give way last."""
        kinds = (fields.Date, fields.DateTime, fields.Number)
        return frozenset(
            i + self.first_column
            for i, name in enumerate(self.kind.columns)
            if isinstance(self.kind.field(name), kinds)
        ) | ({0} if self.marker else frozenset())

    # -- data --------------------------------------------------------------------------------
    def load(self, records: list[dict[str, Any]]) -> None:
        """Take a fresh set of records (on first show, and when anyone changed the database).

        The rows' texts are made when first read; the search keys in steps from here on."""
        self.records = {record["id"]: record for record in records}
        marker = self.marker
        self.rows_by_id = {
            record["id"]: RecordRow(self, record, bool(marker and marker(record))) for record in records
        }
        self._last_query = None
        self.loaded = True
        self._sort()
        self._unsearched = list(self.rows_by_id.values())
        self.apply_filter(keep_id=self.table.selected_id)
        self.call_later(self.prepare_search, self._unsearched)

    def prepare_search(self, rows: list[RecordRow]) -> None:
        """Make the search keys of ``rows`` a step at a time, so that the first filter key finds
        them made; keys typed meanwhile act between the steps."""
        if rows is not self._unsearched:
            return  # the list was loaded again meanwhile
        for row in rows[-SEARCH_STEP:]:
            row.make_search_key()
        del rows[-SEARCH_STEP:]
        if rows:
            self.call_later(self.prepare_search, rows)

    def cells_of(self, record: dict[str, Any], marked: bool) -> tuple[str, ...]:
        """A record's cell texts, made safe (control characters shown as signs)."""
        cells = [printable(field.display(record.get(field.name))) for field in self._columns]
        return ("!" if marked else "", *cells) if self.marker else tuple(cells)

    def search_texts(self, record: dict[str, Any]) -> list[str]:
        """The texts of every field of a record (linked records by name), for its search key."""
        return [self._search_text(field, record.get(field.name)) for field in self._searched]

    def _search_text(self, field: fields.Field, value: Any) -> str:
        """What the filter finds a record by: every field's text, linked records by their name."""
        if isinstance(field, fields.Link) and self.link_name is not None:
            return " ".join(self.link_name(field.target, ref) for ref in field.ids(value)) + (
                " " + field.display(value) if isinstance(field, fields.RoleLinks) else ""
            )
        return field.display(value)

    @property
    def sort(self) -> DefaultSort:
        """The order in use: the kind's default, or the column chosen with ``o``."""
        if self.sort_column is None:
            return DEFAULT_SORTS[self.kind.name]
        name = self.kind.columns[self.sort_column]
        return DefaultSort(name, column_key(name), self.sort_reverse)

    def _sort(self) -> None:
        order = self.sort
        ids = sorted_ids(self.records, order.key, self.sort_reverse)
        self.all_rows = [self.rows_by_id[record_id] for record_id in ids]

    def apply_filter(self, *, keep_id: int | None = None) -> None:
        """Show the rows whose text holds every word typed in the filter (umlauts folded)."""
        query = fold(self.filter_input.value)
        if query.split() and self._unsearched:  # a filter before every search key was made
            for row in self._unsearched:
                row.make_search_key()
            self._unsearched.clear()
        # Typing on narrows what is shown already; anything else starts from all rows.
        narrowing = self._last_query is not None and query.startswith(self._last_query) and keep_id is None
        rows = self._shown if narrowing else self.all_rows
        if self.only_marked and not narrowing:
            rows = [row for row in rows if row.marked]
        for word in query.split():
            rows = [row for row in rows if word in row.search_key]
        self._last_query, self._shown = query, rows
        widths = column_widths(
            self.labels, rows, self.size.width or 80, title=self.title_column, fixed=self.fixed_columns
        )
        self.table.show_rows(rows, widths, keep_id=keep_id)
        header = " ".join(label.ljust(w) for label, w in zip(self.labels, widths))
        self.query_one(".list-header", TextLine).show(header)
        self._update_status(len(rows))

    def _update_status(self, shown: int) -> None:
        parts = [t("list.count", shown=shown, total=len(self.all_rows))]
        label = self.sort.label
        column = column_label(self.kind, label) if self.kind.has_field(label) else t(label)
        parts.append(t("list.sorted_by", column=column) + (" ↓" if self.sort_reverse else " ↑"))
        if self.only_marked:
            parts.append(t("list.only_marked"))
        if self.marker_legend:
            parts.append(self.marker_legend)
        self.query_one(".list-status", TextLine).show(" · ".join(parts))

    def sort_by_next(self, *, reverse: bool = False) -> None:
        if reverse:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column = (
                0 if self.sort_column is None else (self.sort_column + 1) % len(self.kind.columns)
            )
            self.sort_reverse = False
        self._sort()
        self._last_query = None
        self.apply_filter(keep_id=self.table.selected_id)

    def toggle_only_marked(self) -> None:
        """Show only the marked rows (stale positions), or all rows again."""
        self.only_marked = not self.only_marked
        self._last_query = None
        self.apply_filter(keep_id=self.table.selected_id)

    @property
    def selected(self) -> dict[str, Any] | None:
        record_id = self.table.selected_id
        return self.records.get(record_id) if record_id is not None else None

    # -- keys and events ---------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Esc (and its footer entry „Esc Filter leeren“) only while there is a filter to leave."""
        if action == "clear_filter":
            return self.screen.focused is self.filter_input or bool(self.filter_input.value)
        return True

    def action_clear_filter(self) -> None:
        """Esc: empty the filter and go back to the list (the next key is a command again)."""
        self.filter_input.value = ""
        focus_now(self.table)
        self._last_query = None
        self.apply_filter(keep_id=self.table.selected_id)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.apply_filter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        focus_now(self.table)

    def on_key(self, event: events.Key) -> None:
        """Enter in the filter goes to the list while the key is still being handled, so that a
        second Enter in the same burst opens the record (Input's own Enter only posts a message,
        which would act after the next key)."""
        if event.key == "enter" and self.app.focused is self.filter_input:
            event.stop()
            event.prevent_default()
            focus_now(self.table)

    def on_resize(self) -> None:
        if self.loaded:
            self.apply_filter(keep_id=self.table.selected_id)
