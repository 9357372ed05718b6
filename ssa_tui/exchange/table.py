"""What every import source becomes: a header and a stream of numbered rows.

CSV cells are text; workbook cells are typed (numbers, dates, text) and turned into text by
:func:`ssa_tui.exchange.importer.cell_text`, which knows the field each column feeds.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..store import StoreError

#: The longest cell read at all (characters): far above every field's bound, so a long cell is
#: refused at its field with its row; a longer one stops the read with a message, never a crash.
MAX_CELL_CHARS = 1 << 20

#: File endings an import reads, by format.
IMPORT_SUFFIXES = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx"}
#: Spreadsheet files read neither way (binary): refused with one line, not read as broken CSV.
OTHER_SPREADSHEETS = (".xls", ".xlsb", ".ods", ".numbers")


class FileRefused(StoreError):
    """The file as a whole cannot be imported (duplicate columns, broken CSV, not a workbook)."""


@dataclass
class SourceRow:
    """One data row: the row number a spreadsheet shows (header = 1), its cells, and why it
    cannot be read (e.g. undecodable bytes), if so."""

    number: int
    cells: list[Any]
    problem: str | None = None


@dataclass
class Table:
    header: list[str]
    rows: Iterable[SourceRow]
    encoding: str = "UTF-8"
    #: CSV text cells carry the export's ``'`` before formula-like text; workbook cells do not.
    text_cells_neutralised: bool = True


def read_table(path: Path, sheet_names: Sequence[str] = ()) -> Table:
    """The rows of a CSV or xlsx file, by its ending (CSV for anything else but another
    spreadsheet program's own format). ``sheet_names``: what the wanted sheet of a workbook with
    several sheets may be called (a whole-database export has one per kind)."""
    from ..i18n import t

    path = Path(path)
    if path.suffix.casefold() in OTHER_SPREADSHEETS:
        raise FileRefused(t("exchange.other_spreadsheet", path=path.name))
    if IMPORT_SUFFIXES.get(path.suffix.casefold()) == "xlsx":
        from .xlsx import read_xlsx

        return read_xlsx(path, sheet_names)
    from .csv_read import read_csv

    return read_csv(path)
