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
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..i18n import t
from ..schema import Kind
from ..schema import fields as f
from .cells import is_clear_marker
from .columns import column_names, german_header
from .links import ID_SUFFIX, Title, names_text
from .table import FileRefused, SourceRow, Table

HOURS_FORMAT = "#,##0.0#"  # 19,5 / 20,0 in a German Excel
COUNT_FORMAT = "#,##0"
DATE_FORMAT = "dd.mm.yyyy"
DATETIME_FORMAT = "dd.mm.yyyy hh:mm"
MAX_WIDTH = 60


@dataclass
class Sheet:
    """One worksheet: a name (≤ 31 characters), the kind, and its records in order."""

    name: str
    kind: Kind
    records: list[dict[str, Any]]


def cell_value(kind: Kind, name: str, record: dict[str, Any], title: Title) -> tuple[str, Any]:
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
        return "string", names_text(spec, value, title)
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


def write_workbook(sheets: list[Sheet], title: Title) -> bytes:
    """The workbook's bytes: one sheet per entry of ``sheets``."""
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
            "number": book.add_format({"num_format": HOURS_FORMAT}),
            "count": book.add_format({"num_format": COUNT_FORMAT}),
            "date": book.add_format({"num_format": DATE_FORMAT}),
            "datetime": book.add_format({"num_format": DATETIME_FORMAT}),
            "string": book.add_format({"num_format": "@"}),
        }
        for sheet in sheets:
            _write_sheet(book.add_worksheet(sheet.name[:31]), sheet, formats, title)
    return out.getvalue()


def _write_sheet(worksheet, sheet: Sheet, formats: dict[str, Any], title: Title) -> None:
    names = column_names(sheet.kind)
    widths = []
    for column, name in enumerate(names):
        header = german_header(sheet.kind, name)
        worksheet.write_string(0, column, header, formats["header"])
        widths.append(len(header) + 2)
    for row, record in enumerate(sheet.records, 1):
        for column, name in enumerate(names):
            kind, value = cell_value(sheet.kind, name, record, title)
            if kind == "blank" or value is None:
                continue
            if kind in ("number", "count"):
                worksheet.write_number(row, column, value, formats[kind])
                shown = len(f"{value:,}")
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
    if sheet.records:
        worksheet.autofilter(0, 0, len(sheet.records), len(names) - 1)


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
