"""Links in exchange files: names for people, ids for exact matches.

An export writes a link field twice: the names (``Verena Gröne``, ``Anna Beispiel: Sprecherin``)
and an ID column (``Fachkraft (ID)``: ``5``). The import uses the ids when the name cell still
says what the export wrote for them (two contacts may share a name); a name changed in the
spreadsheet is looked up by name (or e-mail address), and an ambiguous or unknown one refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from ..i18n import t
from ..schema import KINDS
from ..schema.fields import FieldError, Link, Links, RoleLinks
from .cells import match_text

#: Suffix of the column that carries a link field's ids: ``staff_id``, ``Fachkraft (ID)``.
ID_SUFFIX = "_id"

Title = Callable[[str, int], str]


def id_column(link: Link) -> str:
    return link.name + ID_SUFFIX


def names_text(link: Link, value: Any, title: Title) -> str:
    """The names a link value points to, as one cell (``title(kind, id)`` names a record)."""
    if link.is_empty(value):
        return ""
    if isinstance(link, RoleLinks):
        return "\n".join(
            f"{title(link.target, entry['contact'])}: {entry.get('role', '')}".rstrip(": ") for entry in value
        )
    if isinstance(link, Links):
        return "; ".join(title(link.target, item) for item in value)
    return title(link.target, value)


class Targets:
    """Every record a link may point to, looked up by name or e-mail address (match text)."""

    def __init__(self, records: Mapping[str, list[dict[str, Any]]]) -> None:
        self.ids: dict[str, set[int]] = {}
        self.index: dict[str, dict[str, list[int]]] = {}
        for kind_name, rows in records.items():
            kind = KINDS[kind_name]
            self.ids[kind_name] = {row["id"] for row in rows}
            index: dict[str, list[int]] = {}
            for row in rows:
                for key in {kind.title_field, "email"} & row.keys():
                    if row.get(key):
                        index.setdefault(match_text(row[key]), []).append(row["id"])
            self.index[kind_name] = index

    def find(self, target: str, ref: str) -> tuple[int | None, str | None]:
        """(id, None) for a unique match of ``7``, ``#7``, an e-mail address or a name; else
        (None, message)."""
        label = KINDS[target].label_one
        bare = ref.strip().lstrip("#")
        if bare.isdigit():
            if int(bare) in self.ids.get(target, ()):
                return int(bare), None
            return None, t("exchange.link_not_found", ref=ref.strip(), kind=label)
        found = sorted(set(self.index.get(target, {}).get(match_text(ref), [])))
        if len(found) == 1:
            return found[0], None
        if not found:
            return None, t("exchange.link_not_found", ref=ref.strip(), kind=label)
        ids = ", ".join(f"#{record_id}" for record_id in found)
        return None, t("exchange.link_ambiguous", ref=ref.strip(), kind=label, ids=ids)


def resolve(link: Link, names: str, ids: str, targets: Targets, title: Title) -> tuple[Any, list[str]]:
    """The link value a row means, and the problems (empty list: fine).

    ``ids`` (the ID column) wins while ``names`` is empty or unchanged from what an export
    writes for those ids; otherwise the names are looked up.
    """
    if ids.strip():
        try:
            value = link.parse(ids)
        except FieldError as error:
            return None, [str(error)]
        if not names.strip() or names_text(link, value, title).split() == names.split():
            return value, []
    if isinstance(link, RoleLinks):
        entries = []
        for line in re.split(r"[\n|]", names):
            if line.strip():
                ref, _, role = line.partition(":")
                entries.append((ref, role.strip()))
    elif isinstance(link, Links):
        entries = [(ref, "") for ref in re.split(r"[;,]", names) if ref.strip()]
    else:
        entries = [(names, "")]
    resolved, problems = [], []
    for ref, role in entries:
        target_id, problem = targets.find(link.target, ref)
        if problem:
            problems.append(problem)
        resolved.append({"contact": target_id, "role": role} if isinstance(link, RoleLinks) else target_id)
    if problems:
        return None, problems
    return (resolved if isinstance(link, (Links, RoleLinks)) else resolved[0]), []
