"""Pure validation of whole records: every problem at once, with field and message."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..i18n import t
from .fields import Audience, FieldError, match_key
from .kinds import META_FIELDS, Kind, Problem


def parse_values(kind: Kind, texts: Mapping[str, str]) -> tuple[dict[str, Any], list[Problem]]:
    """Parse text (typed in a form, or a CSV row) into stored values.

    Returns the values that parsed and one problem per field that did not; unknown field
    names are problems too (nothing is silently dropped).
    """
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, text in texts.items():
        if not kind.has_field(name):
            problems.append(Problem(name, t("error.unknown_field")))
            continue
        try:
            values[name] = kind.field(name).parse(text)
        except FieldError as error:
            problems.append(Problem(name, str(error)))
    return values, problems


class UniqueIndex:
    """The values of a kind's unique fields over a table, compared as :func:`match_key` does
    (``Anna@Example.org`` is taken by ``anna@example.org``).

    Build it once to validate many records (``ssa-tui check``, a batch of an import): checking a
    record against it costs a look-up, not a pass over the table. A batch that keeps changing the
    table passes ``current(id)`` (the record as it is now, or None) and :meth:`add` for each record
    it writes; owners changed or deleted since they were counted are then skipped.
    """

    def __init__(
        self,
        kind: Kind,
        records: Iterable[Mapping[str, Any]],
        current: Callable[[str], Mapping[str, Any] | None] | None = None,
    ) -> None:
        self.current = current
        self.owners: dict[tuple[str, str], set[str]] = {}
        for record in records:
            self.add(kind, record)

    def add(self, kind: Kind, record: Mapping[str, Any]) -> None:
        """Count ``record``'s unique values."""
        for name in kind.unique:
            value = record.get(name)
            if isinstance(value, str) and value:
                self.owners.setdefault((name, match_key(value)), set()).add(str(record.get("id")))

    def taken(self, name: str, value: str, record_id: Any) -> bool:
        """Whether a record other than ``record_id`` has ``value`` in field ``name``."""
        key = match_key(value)
        for owner in self.owners.get((name, key), set()) - {str(record_id)}:
            if self.current is None:
                return True
            now = self.current(owner)
            if now is not None and isinstance(now.get(name), str) and match_key(now[name]) == key:
                return True
        return False


def validate_record(
    kind: Kind,
    record: Mapping[str, Any],
    *,
    others: Iterable[Mapping[str, Any]] = (),
    link_exists: Callable[[str, int], bool] | None = None,
) -> list[Problem]:
    """Every problem of ``record`` as a whole: fields, rules across fields, uniqueness, links.

    ``others`` are the records of the table, or a :class:`UniqueIndex` of them (for unique
    fields; the record itself may be among them); ``link_exists`` answers
    whether a linked record exists (left out: links are only checked for their form).
    """
    problems: list[Problem] = []
    for name in record:
        if name not in META_FIELDS and not kind.has_field(name):
            problems.append(Problem(name, t("error.unknown_field")))
    for spec in kind.fields:
        problems.extend(Problem(spec.name, message) for message in spec.validate(record.get(spec.name)))
    invalid = {problem.field for problem in problems}
    for rule in kind.rules:
        problems.extend(problem for problem in rule(dict(record)) if problem.field not in invalid)
    index = others if isinstance(others, UniqueIndex) else UniqueIndex(kind, others)
    for name in kind.unique:
        value = record.get(name)
        if isinstance(value, str) and value and index.taken(name, value, record.get("id")):
            problems.append(Problem(name, t("error.unique", value=value)))
    if link_exists is not None:
        for spec in kind.fields:
            if isinstance(spec, Audience) and spec.name not in invalid:
                problems.extend(
                    Problem(spec.name, m) for m in spec.unknown_references(record.get(spec.name), link_exists)
                )
        for link in kind.links():
            if link.name in invalid:
                continue
            for target_id in link.ids(record.get(link.name)):
                if not link_exists(link.target, target_id):
                    ref = f"{t(f'kind.{link.target}.one')} #{target_id}"
                    problems.append(Problem(link.name, t("error.link", ref=ref)))
    return problems
