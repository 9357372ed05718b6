"""How each list is ordered before anyone presses ``o``: the order people look things up in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...text import fold

SortKey = Callable[[dict[str, Any]], Any]


@dataclass(frozen=True)
class DefaultSort:
    label: str  # i18n key, or a field name of the kind (its short column label is shown)
    key: SortKey  # None or "" sorts last whatever the direction
    reverse: bool = False


def _text(value: Any) -> str:
    return fold(value) if isinstance(value, str) else ""


def _surname(record: dict[str, Any]) -> Any:
    name = _text(record.get("name")).split()
    return (name[-1], " ".join(name)) if name else None


def _town_school(record: dict[str, Any]) -> Any:
    town, school = _text(record.get("town")), _text(record.get("school"))
    return (town or "\uffff", school) if town or school else None


#: Kinds not listed here start sorted by their first column.
DEFAULT_SORTS: dict[str, DefaultSort] = {
    "contacts": DefaultSort("list.sort.surname", _surname),
    "events": DefaultSort("start", lambda record: record.get("start") or None, reverse=True),
    "positions": DefaultSort("list.sort.town_school", _town_school),
}


def column_key(name: str) -> SortKey:
    """Sort by one field: text folded (umlauts, case), numbers and dates as they are."""

    def key(record: dict[str, Any]) -> Any:
        value = record.get(name)
        if value is None or value == "":
            return None
        return fold(value) if isinstance(value, str) else value

    return key


def sorted_ids(records: dict[int, dict[str, Any]], key: SortKey, reverse: bool) -> list[int]:
    """Record ids in ``key`` order (ties in id order); records without a value come last."""
    keyed = [(key(record), record_id) for record_id, record in sorted(records.items())]
    filled = [item for item in keyed if item[0] is not None]
    # Stable sort: ties keep id order in both directions. Text and numbers in one field (an old
    # import stored a number as text) are kept apart instead of crashing the comparison.
    filled.sort(key=lambda item: (isinstance(item[0], str), item[0]), reverse=reverse)
    return [record_id for _value, record_id in filled] + [i for value, i in keyed if value is None]
