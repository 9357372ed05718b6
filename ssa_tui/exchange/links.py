"""Links in exchange files: names for people, an ID column for exact matches.

The link text itself (names, ``Name (#id)`` where a name is shared, ids) is the schema's grammar
(:meth:`Link.format_text` / :meth:`Link.parse_text`); this module supplies the look-up of names
and adds the ID column (``Fachkraft (ID)``: ``5``). The import uses the ids while the name cell
still says what an export writes for them; a name changed in the spreadsheet is looked up by name
or e-mail address, and an unknown or ambiguous one is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..schema import KINDS, Kind
from ..schema.fields import Ambiguous, FieldError, Link
from .cells import match_text

#: Suffix of the column that carries a link field's ids: ``staff_id``, ``Fachkraft (ID)``.
ID_SUFFIX = "_id"


def id_column(link: Link) -> str:
    return link.name + ID_SUFFIX


def link_targets(kind: Kind) -> set[str]:
    """The kinds the links of ``kind`` point to."""
    return {link.target for link in kind.links()}


class Targets:
    """The records links may point to: their names by id, and ids by name or e-mail address."""

    def __init__(self, records: Mapping[str, list[dict[str, Any]]]) -> None:
        self.titles: dict[str, dict[int, str]] = {}
        self.index: dict[str, dict[str, list[int]]] = {}
        for kind_name, rows in records.items():
            kind = KINDS[kind_name]
            self.titles[kind_name] = {row["id"]: kind.title_of(row) for row in rows}
            index: dict[str, list[int]] = {}
            for row in rows:
                for key in {kind.title_field, "email"} & row.keys():
                    if isinstance(row.get(key), str) and row[key]:
                        index.setdefault(match_text(row[key]), []).append(row["id"])
            self.index[kind_name] = index

    def title_of(self, kind: str, record_id: int) -> str | None:
        return self.titles.get(kind, {}).get(record_id)

    def resolve(self, kind: str, name: str) -> int | Ambiguous | None:
        """The one record of ``kind`` named ``name`` (or with that e-mail address)."""
        found = sorted(set(self.index.get(kind, {}).get(match_text(name), [])))
        if len(found) > 1:
            return Ambiguous(tuple((record_id, self.titles[kind][record_id]) for record_id in found))
        return found[0] if found else None


def names_text(link: Link, value: Any, targets: Targets) -> str:
    """A link value as a cell for people: names (``Name (#id)`` where a name is shared)."""
    return link.format_text(value, targets.title_of, targets.resolve)


def resolve(link: Link, names: str, ids: str, targets: Targets) -> tuple[Any, list[str]]:
    """The link value a row means, and its problems (empty list: fine).

    ``ids`` (the ID column) wins while ``names`` is empty or unchanged from what an export writes
    for those ids; otherwise the names are looked up.
    """
    try:
        if ids.strip():
            value = link.parse(ids)
            if not names.strip() or names_text(link, value, targets).split() == names.split():
                return value, []
        return link.parse_text(names, targets.resolve), []
    except FieldError as error:
        return None, [str(error)]
