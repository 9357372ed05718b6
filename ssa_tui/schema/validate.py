"""Pure validation of whole records: every problem at once, with field and message."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..i18n import t
from .fields import Audience, FieldError
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


def validate_record(
    kind: Kind,
    record: Mapping[str, Any],
    *,
    others: Iterable[Mapping[str, Any]] = (),
    link_exists: Callable[[str, int], bool] | None = None,
) -> list[Problem]:
    """Every problem of ``record`` as a whole: fields, rules across fields, uniqueness, links.

    ``others`` are the other records of the table (for unique fields); ``link_exists`` answers
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
    for name in kind.unique:
        value = record.get(name)
        if isinstance(value, str) and value:
            folded = value.casefold()
            for other in others:
                if other.get("id") != record.get("id") and str(other.get(name, "")).casefold() == folded:
                    problems.append(Problem(name, t("error.unique", value=value)))
                    break
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
