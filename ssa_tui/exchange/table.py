"""What every import source becomes: a header and a stream of numbered rows.

CSV cells are text; workbook cells are typed (numbers, dates, text) and turned into text by
:func:`ssa_tui.exchange.importer.cell_text`, which knows the field each column feeds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..store import StoreError

#: The longest cell read at all (characters): far above every field's bound, so a long cell is
#: refused at its field with its row; a longer one stops the read with a message, never a crash.
MAX_CELL_CHARS = 1 << 20

#: File endings an import reads, by format.
IMPORT_SUFFIXES = {".csv": "csv", ".txt": "csv", ".xlsx": "xlsx"}


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


def read_table(path: Path) -> Table:
    """The rows of a CSV or xlsx file, by its ending (CSV for anything else)."""
    path = Path(path)
    if IMPORT_SUFFIXES.get(path.suffix.casefold()) == "xlsx":
        from .xlsx import read_xlsx

        return read_xlsx(path)
    from .csv_read import read_csv

    return read_csv(path)
