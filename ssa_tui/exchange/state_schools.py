"""The state's list of schools (Schulministerium NRW, open data ``schuldaten.csv``) as rows of
our ``schools``: read by its headers, the district's schools only.

The list covers all of NRW (about 6,000 schools, semicolon CSV, UTF-8 or Latin-1, sometimes a
line before the header). Its columns are mapped by name: ``Schulnummer``, ``Schulbezeichnung_1``
to ``_3`` (the name), ``Schulform`` (a numeric key) and ``Ort``; rows of towns outside the
Kreis Soest are left out. Pupil numbers are published apart and are not part of this list.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import Any

from ..domain import TOWNS
from ..text import fold
from .table import SourceRow, Table

#: The state's school form keys (key_schulformschluessel.csv) for the forms of our list.
SCHOOL_FORM_KEYS = {
    "02": "Grundschule",
    "04": "Hauptschule",
    "08": "Förderschule",
    "10": "Realschule",
    "14": "Sekundarschule",
    "15": "Gesamtschule",
    "20": "Gymnasium",
    "25": "Weiterbildungskolleg",
    "30": "Berufskolleg",
}
COLUMNS = ["school_number", "name", "school_type", "town"]
_NAME_COLUMNS = ("schulbezeichnung_1", "schulbezeichnung_2", "schulbezeichnung_3")
#: Lines of notes the state's file may carry before its header.
_LINES_BEFORE_HEADER = 5


def from_state_list(table: Table) -> Table:
    """``table`` as rows of ``schools`` if it is the state's list; else ``table`` as it was."""
    rows = iter(table.rows)
    header, skipped = table.header, []
    while not _is_state_header(header) and len(skipped) < _LINES_BEFORE_HEADER:
        source = next(rows, None)
        if source is None:
            break
        skipped.append(source)
        header = [_text(cell) for cell in source.cells]
    if not _is_state_header(header):
        return Table(table.header, chain(skipped, rows), table.encoding, table.text_cells_neutralised)
    column = {_key(name): index for index, name in enumerate(header)}
    return Table(COLUMNS, _district_rows(rows, column), table.encoding, table.text_cells_neutralised)


def _district_rows(rows: Iterator[SourceRow], column: dict[str, int]) -> Iterator[SourceRow]:
    for source in rows:
        if source.problem:
            yield source  # refused with its reason by the importer
            continue

        def cell(name: str, cells: list[Any] = source.cells) -> str:
            index = column.get(name)
            return _text(cells[index]) if index is not None and index < len(cells) else ""

        town = _district_town(cell("ort"))
        if town is None:
            continue
        name = " ".join(part for part in (cell(key) for key in _NAME_COLUMNS) if part)
        school_type = SCHOOL_FORM_KEYS.get(cell("schulform").zfill(2), "")
        yield SourceRow(source.number, [cell("schulnummer").zfill(6), name, school_type, town])


def _district_town(place: str) -> str | None:
    """``Lippstadt`` → ``Lippstadt``, ``Wickede`` → ``Wickede (Ruhr)``; None outside the district."""
    folded = fold(place)
    for town in TOWNS:
        if folded and (fold(town) == folded or fold(town).startswith(folded + " (")):
            return town
    return None


def _is_state_header(header: list[str]) -> bool:
    return {"schulnummer", "schulbezeichnung_1"} <= {_key(name) for name in header}


def _key(name: str) -> str:
    return name.strip().casefold()


def _text(cell: Any) -> str:
    """A cell as text (a workbook gives numbers: ``2.0`` is the key ``2``)."""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return "" if cell is None else str(cell).strip()
