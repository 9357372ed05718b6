"""The state's list of schools (Schulministerium NRW, open data ``schuldaten.csv``) as rows of
our ``schools``: read by its headers, the district's schools only.

The list covers all of NRW (about 6,000 schools, semicolon CSV, UTF-8 or Latin-1, sometimes a
line before the header). Its columns are mapped by name: ``Schulnummer``, ``Schulbezeichnung_1``
to ``_3`` (the name), ``Schulform`` (a numeric key) and ``Ort``; rows of towns outside the
Kreis Soest are left out. Pupil numbers are published apart and are not part of this list.
"""

from __future__ import annotations

from ..domain import TOWNS
from ..text import fold
from .csv_read import CsvTable

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
_NAME_COLUMNS = ("schulbezeichnung_1", "schulbezeichnung_2", "schulbezeichnung_3")


def _district_town(place: str) -> str | None:
    """``Lippstadt`` → ``Lippstadt``, ``Wickede`` → ``Wickede (Ruhr)``; None outside the district."""
    folded = fold(place.strip())
    for town in TOWNS:
        if folded and (fold(town) == folded or fold(town).startswith(folded + " (")):
            return town
    return None


def from_state_list(table: CsvTable) -> CsvTable | None:
    """``table`` as rows of ``schools`` if it is the state's list (else None)."""
    lines = [(1, table.header), *table.rows[:5]]
    found = [
        (number, cells) for number, cells in lines if {"schulnummer", "schulbezeichnung_1"} <= _keys(cells)
    ]
    if not found:
        return None
    header_number, header = found[0]
    column = {key: index for index, key in enumerate(_keys_in_order(header))}
    rows = []
    for number, cells in table.rows:
        if number <= header_number:
            continue

        def cell(name: str, cells: list[str] = cells) -> str:
            index = column.get(name)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        town = _district_town(cell("ort"))
        if town is None:
            continue
        name = " ".join(part for part in (cell(key) for key in _NAME_COLUMNS) if part)
        school_type = SCHOOL_FORM_KEYS.get(cell("schulform").zfill(2), "")
        rows.append((number, [cell("schulnummer"), name, school_type, town]))
    return CsvTable(["school_number", "name", "school_type", "town"], rows, table.encoding, table.delimiter)


def _keys_in_order(cells: list[str]) -> list[str]:
    return [cell.strip().casefold() for cell in cells]


def _keys(cells: list[str]) -> set[str]:
    return set(_keys_in_order(cells))
