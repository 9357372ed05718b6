"""Excel workbooks (.xlsx): written with XlsxWriter, read with openpyxl.

Written with typed cells so that Excel and LibreOffice Calc open them right without an import
dialog: codes (postal code, school number, phone) and every other text from the database as
string cells — never a formula, whatever the text starts with —, hours and counts as numbers with
a German-looking format, dates and date-times as real dates shown ``TT.MM.JJJJ`` /
``TT.MM.JJJJ HH:MM``; German headers, a frozen header row, columns as wide as their content.

Read back as Excel and Calc save them: numbers where text was written (codes get their leading
zeros back from the field's length, see :func:`ssa_tui.exchange.importer.cell_text`), dates as
date cells.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..i18n import t
from ..schema import Kind
from ..schema import fields as f
from ..store import StoreError
from .cells import is_clear_marker
from .columns import column_names, german_header
from .links import ID_SUFFIX, Targets, names_text
from .table import FileRefused, SourceRow, Table

HOURS_FORMAT = "#,##0.0#"  # 19,5 / 20,0 in a German Excel
COUNT_FORMAT = "#,##0"
#: Number cell kinds and their formats (format codes are written the English way; Excel and
#: Calc show them with the reader's separators: ``1.234,50`` in a German office).
NUMBER_FORMATS = {
    "number": HOURS_FORMAT,
    "count": COUNT_FORMAT,
    "whole": "0",  # a record's number or revision: 1234, never 1.234
    "decimal2": "#,##0.00",  # full-time equivalents: 1,50
    "signed2": "+#,##0.00;-#,##0.00;0.00",  # a change: +0,50 / -1,00
    "signed_count": "+#,##0;-#,##0;0",
}
DECIMAL_KINDS = ("decimal2", "signed2")
DATE_FORMAT = "dd.mm.yyyy"
DATETIME_FORMAT = "dd.mm.yyyy hh:mm"
MAX_WIDTH = 60
EXCEL_CELL_MAX = 32_767  # characters in one cell (Excel's limit; XlsxWriter cuts longer ones)


@dataclass
class Sheet:
    """One worksheet: a name (≤ 31 characters), the kind, and its records in order."""

    name: str
    kind: Kind
    records: list[dict[str, Any]]


@dataclass
class Grid:
    """One worksheet of cells already typed (a report's table, a round's sheet): a name, the
    German header and rows of ``(kind, value)`` cells, ``kind`` as :func:`cell_value` gives it
    or a key of :data:`NUMBER_FORMATS`."""

    name: str
    header: list[str]
    rows: Iterable[list[tuple[str, Any]]]


class TooLongForExcel(StoreError):
    """A text longer than an Excel cell holds: cut, it would import back changed (or not at all)."""


def cell_value(kind: Kind, name: str, record: dict[str, Any], targets: Targets) -> tuple[str, Any]:
    """(type, value) of one cell; a text too long for a cell refuses the whole export."""
    cell = _cell_value(kind, name, record, targets)
    if cell[0] == "string" and len(cell[1]) > EXCEL_CELL_MAX:
        raise TooLongForExcel(
            t(
                "exchange.cell_too_long",
                kind=kind.label_one,
                id=record.get("id"),
                field=german_header(kind, name),
                length=len(cell[1]),
            )
        )
    return cell


def _cell_value(kind: Kind, name: str, record: dict[str, Any], targets: Targets) -> tuple[str, Any]:
    """(type, value) of one cell: ``blank``, ``string``, ``date``, ``datetime`` or a key of
    :data:`NUMBER_FORMATS` (ids ``whole``: 12, never 12,0)."""
    if name == "id":
        return "whole", record.get("id")
    if name.endswith(ID_SUFFIX) and not kind.has_field(name):
        link = kind.field(name[: -len(ID_SUFFIX)])
        value = record.get(link.name)
        if link.is_empty(value):
            return "blank", None
        if isinstance(value, int) and not isinstance(value, bool):
            return "whole", value
        return "string", link.format(value)
    spec = kind.field(name)
    value = record.get(name)
    if spec.is_empty(value):
        return "blank", None
    if isinstance(spec, f.Link):
        return "string", names_text(spec, value, targets)
    if isinstance(spec, f.Number) and isinstance(value, (int, float)) and not isinstance(value, bool):
        return ("count" if isinstance(spec, f.Integer) else "number"), value
    if isinstance(spec, f.Date) and isinstance(value, str):
        return "date", dt.date.fromisoformat(value)
    if isinstance(spec, f.DateTime) and isinstance(value, str):
        if len(value) == 10:
            return "date", dt.date.fromisoformat(value)
        return "datetime", dt.datetime.fromisoformat(value)
    return "string", spec.format(value)


def quote_marker(text: str) -> str:
    """A stored text that reads like the clear marker gets a ``'`` (string cells need no other
    protection: a string cell is never a formula)."""
    return "'" + text if is_clear_marker(text) else text


def write_workbook(sheets: Sequence[Sheet | Grid], targets: Targets | None = None) -> bytes:
    """The workbook's bytes: one worksheet per entry of ``sheets`` (a kind's records, or a
    :class:`Grid` of cells already typed)."""
    import xlsxwriter

    out = io.BytesIO()
    options = {
        "in_memory": True,
        "strings_to_numbers": False,
        "strings_to_formulas": False,
        "strings_to_urls": False,
    }
    with xlsxwriter.Workbook(out, options) as book:
        formats = {
            "header": book.add_format({"bold": True, "bg_color": "#DDE5EE", "bottom": 1}),
            "date": book.add_format({"num_format": DATE_FORMAT}),
            "datetime": book.add_format({"num_format": DATETIME_FORMAT}),
            "string": book.add_format({"num_format": "@"}),
            "lines": book.add_format({"num_format": "@", "text_wrap": True, "valign": "top"}),
            **{kind: book.add_format({"num_format": code}) for kind, code in NUMBER_FORMATS.items()},
        }
        for sheet in sheets:
            grid = sheet if isinstance(sheet, Grid) else _grid(sheet, targets or Targets({}))
            _write_grid(book.add_worksheet(grid.name[:31]), grid, formats)
    return out.getvalue()


def _grid(sheet: Sheet, targets: Targets) -> Grid:
    names = column_names(sheet.kind)
    return Grid(
        sheet.name,
        [german_header(sheet.kind, name) for name in names],
        ([cell_value(sheet.kind, name, record, targets) for name in names] for record in sheet.records),
    )


def _write_grid(worksheet, grid: Grid, formats: dict[str, Any]) -> None:
    widths = []
    for column, header in enumerate(grid.header):
        worksheet.write_string(0, column, header, formats["header"])
        widths.append(len(header) + 2)
    row = 0
    for row, cells in enumerate(grid.rows, 1):
        for column, (kind, value) in enumerate(cells):
            if kind == "blank" or value is None:
                continue
            if kind in NUMBER_FORMATS:
                worksheet.write_number(row, column, value, formats[kind])
                shown = len(f"{value:,.2f}" if kind in DECIMAL_KINDS else f"{value:,}")
            elif kind in ("date", "datetime"):
                moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
                worksheet.write_datetime(row, column, moment, formats[kind])
                shown = 16 if kind == "datetime" else 10
            else:
                shape = "lines" if "\n" in value else "string"  # office hours, notes: shown as lines
                worksheet.write_string(row, column, quote_marker(value), formats[shape])
                shown = max((len(line) for line in value.splitlines()), default=0)
            widths[column] = max(widths[column], min(shown + 2, MAX_WIDTH))
    for column, width in enumerate(widths):
        worksheet.set_column(column, column, width)
    worksheet.freeze_panes(1, 0)
    if row:
        worksheet.autofilter(0, 0, row, len(grid.header) - 1)


# -- reading -----------------------------------------------------------------------------------


def read_xlsx(path: Path, sheet_names: Sequence[str] = ()) -> Table:
    """The header and the data rows of a workbook's only sheet, or of the one whose name is in
    ``sheet_names`` (any case); several sheets and none of those names: refused, never a guess
    (the first sheet of a whole-database export is the positions, not the contacts)."""
    from openpyxl import load_workbook

    name = Path(path).name
    with _reading(name):
        book = load_workbook(path, read_only=True, data_only=True)
    wanted = {sheet.casefold() for sheet in sheet_names}
    # Hidden sheets (a spreadsheet's helper lists for its dropdowns) are not what people see.
    visible = [sheet for sheet in book.worksheets if sheet.sheet_state == "visible"] or book.worksheets
    if not visible:  # chartsheets only
        book.close()
        raise FileRefused(t("exchange.not_a_workbook", path=name))
    if len(visible) == 1:
        sheet = visible[0]
    else:
        chosen = [sheet for sheet in visible if sheet.title.casefold() in wanted]
        if not chosen:
            book.close()
            listed = ", ".join(f"„{sheet.title}“" for sheet in visible)
            raise FileRefused(
                t("exchange.which_sheet", path=name, sheets=listed, wanted=(list(sheet_names) or ["?"])[0])
            )
        sheet = chosen[0]
    rows = sheet.iter_rows()
    with _reading(name):
        first = next(rows, ())
    header = ["" if cell.value is None else str(cell.value).strip() for cell in first]
    return Table(header, _rows(book, rows, header, name), "UTF-8", text_cells_neutralised=False)


@contextmanager
def _reading(name: str) -> Iterator[None]:
    """A workbook that is damaged (a cut zip, broken XML inside) is refused as a whole with one
    line; openpyxl's warnings (e.g. a date serial out of range) are not shown to staff."""
    from xml.etree.ElementTree import ParseError
    from zlib import error as ZlibError

    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    except (
        zipfile.BadZipFile,
        InvalidFileException,
        ParseError,
        ZlibError,
        EOFError,
        KeyError,
        ValueError,
        TypeError,  # an attribute of the wrong type in the workbook's XML (sheetId="x")
        IndexError,
        AttributeError,
        OSError,
    ):
        raise FileRefused(t("exchange.not_a_workbook", path=name)) from None


def _rows(book, rows: Iterator, header: list[str], name: str) -> Iterator[SourceRow]:
    try:
        number = 1
        while True:
            with _reading(name):
                cells = next(rows, None)
            if cells is None:
                return
            number += 1  # read-only sheets yield empty rows too: the number stays the sheet's
            values = [_value(cell) for cell in cells]
            if any(value not in (None, "") for value in values):
                yield SourceRow(number, values, _error_cell(cells, header))
    finally:
        book.close()


def _error_cell(cells, header: list[str]) -> str | None:
    """An error value (``#N/A``, ``#DIV/0!``) is no value for a field: the row is refused."""
    for column, cell in enumerate(cells):
        if getattr(cell, "data_type", None) == "e":
            label = header[column] if column < len(header) and header[column] else str(column + 1)
            return t("exchange.error_cell", column=label, value=cell.value)
    return None


def _value(cell) -> Any:
    """A cell's value; a date cell whose format shows no time becomes a date."""
    value = getattr(cell, "value", None)
    if isinstance(value, dt.datetime) and "h" not in (getattr(cell, "number_format", "") or "").casefold():
        return value.date()
    return value
