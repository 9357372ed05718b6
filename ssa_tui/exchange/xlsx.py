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
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..i18n import t
from ..schema import Kind
from ..schema import fields as f
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


def cell_value(kind: Kind, name: str, record: dict[str, Any], targets: Targets) -> tuple[str, Any]:
    """(type, value) of one cell: ``number``, ``date``, ``datetime`` or ``string``."""
    if name == "id":
        return "number", record.get("id")
    if name.endswith(ID_SUFFIX) and not kind.has_field(name):
        link = kind.field(name[: -len(ID_SUFFIX)])
        value = record.get(link.name)
        if isinstance(value, int) and not isinstance(value, bool):
            return "number", value
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
                worksheet.write_string(row, column, quote_marker(value), formats["string"])
                shown = max((len(line) for line in value.splitlines()), default=0)
            widths[column] = max(widths[column], min(shown + 2, MAX_WIDTH))
    for column, width in enumerate(widths):
        worksheet.set_column(column, column, width)
    worksheet.freeze_panes(1, 0)
    if row:
        worksheet.autofilter(0, 0, row, len(grid.header) - 1)


# -- reading -----------------------------------------------------------------------------------


def read_xlsx(path: Path, sheet_name: str | None = None) -> Table:
    """The header and the data rows of the sheet named ``sheet_name`` (else the first sheet)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError):
        raise FileRefused(t("exchange.not_a_workbook", path=Path(path).name)) from None
    sheet = book[sheet_name] if sheet_name in book.sheetnames else book.worksheets[0]
    rows = sheet.iter_rows()
    first = next(rows, ())
    header = ["" if cell.value is None else str(cell.value).strip() for cell in first]
    return Table(header, _rows(book, rows), "UTF-8", text_cells_neutralised=False)


def _rows(book, rows: Iterator) -> Iterator[SourceRow]:
    try:
        for number, cells in enumerate(rows, 2):  # read-only sheets yield empty rows too
            values = [_value(cell) for cell in cells]
            if any(value not in (None, "") for value in values):
                yield SourceRow(number, values)
    finally:
        book.close()


def _value(cell) -> Any:
    """A cell's value; a date cell whose format shows no time becomes a date."""
    value = getattr(cell, "value", None)
    if isinstance(value, dt.datetime) and "h" not in (getattr(cell, "number_format", "") or "").casefold():
        return value.date()
    return value
