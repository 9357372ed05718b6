"""Import of CSV rows into one table, matching rows to the records they describe.

Policy (the same in the command line and the TUI): good rows are kept — all of them written in
ONE atomic write —, bad rows are refused and listed one line per problem with the spreadsheet's
row number and the field. A dry run does the very same work and then writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..i18n import t
from ..schema import KINDS, META_FIELDS, Kind, parse_values
from ..schema.fields import Link, Links, RoleLinks
from ..store import Batch, Repository, ValidationFailed
from ..store.migrate import legacy_column, legacy_row
from ..text import fold, printable
from .columns import field_for_header
from .csv_read import read_csv
from .state_schools import from_state_list


@dataclass(frozen=True)
class RowProblem:
    row: int
    field: str
    message: str

    def line(self, kind: Kind) -> str:
        label = (
            kind.field_label(self.field)
            if self.field in META_FIELDS or kind.has_field(self.field)
            else self.field
        )
        return printable(t("exchange.row_problem", row=self.row, field=label, message=self.message))


@dataclass
class ImportReport:
    kind: str
    encoding: str = "UTF-8"
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused_rows: set[int] = field(default_factory=set)
    problems: list[RowProblem] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def refused(self) -> int:
        return len(self.refused_rows)

    def summary(self) -> str:
        text = t(
            "exchange.summary",
            created=self.created,
            updated=self.updated,
            unchanged=self.unchanged,
            refused=self.refused,
        )
        return text + (" " + t("exchange.dry_run_note") if self.dry_run else "")

    def lines(self) -> list[str]:
        """Every problem as one line, then the unknown columns."""
        kind = KINDS[self.kind]
        lines = [problem.line(kind) for problem in self.problems]
        lines += [printable(t("exchange.unknown_column", column=column)) for column in self.unknown_columns]
        return lines


class _DryRun(Exception):
    """Leaves the batch without writing."""


Progress = Callable[[int, int], None]


def import_csv(
    repository: Repository,
    kind_name: str,
    path: Path,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import ``path`` into ``kind_name``; see the module doc for what is kept and refused."""
    kind = KINDS[kind_name]
    table = read_csv(path)
    if kind_name == "schools":
        table = from_state_list(table) or table
    report = ImportReport(kind_name, encoding=table.encoding, dry_run=dry_run)
    columns = [field_for_header(kind, header) or legacy_column(kind_name, header) for header in table.header]
    report.unknown_columns = [h for h, name in zip(table.header, columns) if name is None and h]
    try:
        with repository.batch() as batch:
            matcher = _Matcher(kind, batch)
            for done, (row_number, cells) in enumerate(table.rows, 1):
                _import_row(kind, batch, matcher, report, row_number, dict(_pairs(columns, cells)))
                if progress:
                    progress(done, len(table.rows))
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def _pairs(columns: list[str | None], cells: list[str]):
    """(field, cell) of the columns that map to fields; Windows line breaks inside cells become \\n."""
    for name, cell in zip(columns, cells):
        if name is not None and (name == "id" or name not in META_FIELDS):
            yield name, cell.replace("\r\n", "\n").replace("\r", "\n")


def _import_row(
    kind: Kind, batch: Batch, matcher: _Matcher, report: ImportReport, row: int, texts: dict[str, str]
) -> None:
    def refuse(problems: list[tuple[str, str]]) -> None:
        report.refused_rows.add(row)
        report.problems.extend(RowProblem(row, name, message) for name, message in problems)

    record_id = texts.pop("id", "").strip()
    texts = legacy_row(kind.name, texts)
    link_problems = _resolve_links(kind, batch, texts)
    values, problems = parse_values(kind, texts)
    if problems or link_problems:
        refuse(link_problems + [(p.field, p.message) for p in problems])
        return
    existing = matcher.find(values, record_id)
    try:
        if existing is None:
            record = batch.create(kind.name, values)
            report.created += 1
        elif all(existing.get(name) == value for name, value in values.items()):
            report.unchanged += 1
            return
        else:
            record = batch.update(kind.name, existing["id"], values, expected_rev=existing["rev"])
            report.updated += 1
    except ValidationFailed as failure:
        refuse([(p.field, p.message) for p in failure.problems])
        return
    matcher.remember(record)


def _resolve_links(kind: Kind, batch: Batch, texts: dict[str, str]) -> list[tuple[str, str]]:
    """Turn names and e-mail addresses in link cells into ids (in place); list what is not found."""
    problems = []
    for link in kind.links():
        text = texts.get(link.name, "")
        if not text.strip():
            continue
        if isinstance(link, RoleLinks):
            parts = []
            for entry in text.replace("|", "\n").splitlines():
                if entry.strip():
                    ref, _, role = entry.partition(":")
                    parts.append((ref, ":" + role if role else ""))
        elif isinstance(link, Links):
            parts = [(ref, "") for ref in text.replace(";", ",").split(",") if ref.strip()]
        else:
            parts = [(text, "")]
        resolved = []
        for ref, rest in parts:
            target_id = _find_target(batch, link, ref.strip())
            if target_id is None:
                problems.append(
                    (
                        link.name,
                        t("exchange.link_not_found", ref=ref.strip(), kind=KINDS[link.target].label_one),
                    )
                )
            resolved.append(f"{target_id}{rest}")
        if any(name == link.name for name, _message in problems):
            del texts[link.name]  # reported once, as not found — not again as malformed
        else:
            texts[link.name] = ("\n" if isinstance(link, RoleLinks) else ", ").join(resolved)
    return problems


def _find_target(batch: Batch, link: Link, ref: str) -> int | None:
    """The id a reference names: ``7`` or ``#7``, an e-mail address, or a record's title."""
    if ref.lstrip("#").isdigit():
        return int(ref.lstrip("#")) if batch.get(link.target, int(ref.lstrip("#"))) else None
    target = KINDS[link.target]
    wanted = fold(ref)
    key = "email" if "@" in ref and target.has_field("email") else target.title_field
    matches = [r["id"] for r in batch.records(link.target) if fold(str(r.get(key) or "")) == wanted]
    return matches[0] if len(matches) == 1 else None


class _Matcher:
    """Finds the record a row describes: by id, else by the kind's match keys (folded)."""

    def __init__(self, kind: Kind, batch: Batch) -> None:
        self.kind = kind
        self.batch = batch
        self.indexes: dict[tuple[str, ...], dict[tuple[str, ...], dict[str, Any]]] = {
            keys: {} for keys in kind.match_keys
        }
        for record in batch.records(kind.name):
            self.remember(record)

    @staticmethod
    def _key(record: dict[str, Any], names: tuple[str, ...]) -> tuple[str, ...] | None:
        values = tuple(fold(str(record.get(name) or "")) for name in names)
        return values if all(values) else None

    def remember(self, record: dict[str, Any]) -> None:
        for names, index in self.indexes.items():
            key = self._key(record, names)
            if key is not None:
                index[key] = record

    def find(self, values: dict[str, Any], record_id: str) -> dict[str, Any] | None:
        if record_id.lstrip("#").isdigit():
            found = self.batch.get(self.kind.name, int(record_id.lstrip("#")))
            if found is not None:
                return found
        for names, index in self.indexes.items():
            key = self._key(values, names)
            if key is not None:
                found = index.get(key)
                # The index may hold an older version of a record changed earlier in this batch.
                return self.batch.get(self.kind.name, found["id"]) if found else None
        return None
