"""Import of CSV or xlsx rows into one table, matching rows to the records they describe.

Policy (the same in the command line and the TUI): good rows are kept — all of them written in
ONE atomic write —, bad rows are refused and listed one line per problem with the spreadsheet's
row number and the field. A dry run does the very same planning and writes nothing.

Semantics (README, "Import und Export"):

* An empty cell leaves the stored value as it is; the marker ``(leer)`` clears it. New records
  get the fields' defaults for what the row leaves empty.
* A row changes only the fields whose value differs from the stored one, on top of the record as
  stored when the row is written (never a write-back of unchanged values).
* Rows find their record by id, else by the kind's match keys compared as case-folded NFC text
  (never accent-stripped). A row that fits several records is refused and names them; two rows
  for one record are reported (identical: skipped; different: the later one refused).

Short lock: reading, parsing, validating and matching run without the lock on a snapshot; the
lock is held only to re-check each record's revision and write. A record someone changed in the
meantime gets the row's changes on top of their version unless both changed the same field
differently (then the row is refused and says so); a record deleted meanwhile is reported.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..i18n import LANGUAGES, t, text_in
from ..schema import KINDS, META_FIELDS, Kind, Problem, parse_values, validate_record
from ..schema.validate import UniqueIndex
from ..schema import fields as f
from ..store import Batch, Repository, ValidationFailed
from ..store.migrate import legacy_column, legacy_row
from ..text import printable
from .cells import CLEAR_MARKER, is_clear_marker, match_text, unneutralise
from .columns import field_for_header, german_header
from .links import ID_SUFFIX, Targets, id_column, link_targets, names_text, resolve
from .state_schools import from_state_list
from .table import FileRefused, SourceRow, read_table

Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class RowProblem:
    row: int
    field: str  # "" for a problem of the whole row
    message: str

    def line(self, kind: Kind) -> str:
        if not self.field:
            return printable(t("exchange.row_only_problem", row=self.row, message=self.message))
        label = german_header(kind, self.field) if _is_column(kind, self.field) else self.field
        return printable(t("exchange.row_problem", row=self.row, field=label, message=self.message))


def _is_column(kind: Kind, name: str) -> bool:
    return name in META_FIELDS or kind.has_field(name.removesuffix(ID_SUFFIX))


@dataclass
class ImportReport:
    kind: str
    encoding: str = "UTF-8"
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    refused_rows: set[int] = field(default_factory=set)
    problems: list[RowProblem] = field(default_factory=list)
    #: One line per planned change (dry runs): ``Zeile 3, Träger: AWO → Caritas`` / ``Zeile 4: neu – „X“``.
    changes: list[str] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    dry_run: bool = False
    #: Seconds the write lock was held (0 for a dry run) — for the benchmark and the docs.
    lock_seconds: float = 0.0

    @property
    def refused(self) -> int:
        return len(self.refused_rows)

    def refuse(self, row: int, problems: list[tuple[str, str]]) -> None:
        self.refused_rows.add(row)
        self.problems.extend(RowProblem(row, name, message) for name, message in problems)

    def summary(self) -> str:
        text = t(
            "exchange.summary",
            created=self.created,
            updated=self.updated,
            unchanged=self.unchanged,
            refused=self.refused,
        )
        if self.duplicates:
            text += " " + t("exchange.duplicates_note", count=self.duplicates)
        return text + (" " + t("exchange.dry_run_note") if self.dry_run else "")

    def lines(self) -> list[str]:
        """Every problem as one line (in row order), then the unknown columns."""
        kind = KINDS[self.kind]
        problems = sorted(self.problems, key=lambda problem: problem.row)
        lines = [problem.line(kind) for problem in problems]
        lines += [printable(t("exchange.unknown_column", column=column)) for column in self.unknown_columns]
        return lines


@dataclass
class RowPlan:
    """What one good row will do: create a record, or change ``changes`` of ``base``."""

    row: int
    values: dict[str, Any]
    base: dict[str, Any] | None = None
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass
class ImportPlan:
    """The outcome of planning: the report so far, the good rows, and the revision of every
    record of the table as planned against (to see under the lock what changed since)."""

    kind: str
    report: ImportReport
    rows: list[RowPlan]
    revisions: dict[int, int]
    #: The ids of every record the links may point to, by kind, as planned against.
    target_ids: dict[str, set[int]]


def import_file(
    repository: Repository,
    kind_name: str,
    path: Path,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import ``path`` (CSV or xlsx) into ``kind_name``; see the module doc for the rules."""
    plan = plan_import(repository, kind_name, path, dry_run=dry_run, progress=progress)
    if not dry_run and plan.rows:
        apply_import(repository, plan, progress=progress)
    return plan.report


# -- planning (no lock) ----------------------------------------------------------------------


def sheet_names(kind_name: str) -> list[str]:
    """What a kind's sheet is called in a workbook of several (as the export names it, in
    either language, or the kind's own name); the current language's name first."""
    labels = [t(f"kind.{kind_name}"), *(text_in(language, f"kind.{kind_name}") for language in LANGUAGES)]
    return list(dict.fromkeys([*labels, kind_name]))


def plan_import(
    repository: Repository,
    kind_name: str,
    path: Path,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportPlan:
    """Read, parse, validate and match every row against the database as it is now."""
    kind = KINDS[kind_name]
    table = read_table(path, sheet_names(kind_name))
    if kind_name == "schools":
        table = from_state_list(table)
    report = ImportReport(kind_name, encoding=table.encoding, dry_run=dry_run)
    columns = [field_for_header(kind, header) or legacy_column(kind_name, header) for header in table.header]
    _refuse_duplicate_columns(table.header, columns)
    report.unknown_columns = [h for h, name in zip(table.header, columns) if name is None and h]
    planner = _Planner(repository, kind, report)
    plans = []
    for done, source in enumerate(table.rows, 1):
        plan = planner.plan(source, columns, neutralised=table.text_cells_neutralised)
        if plan is not None:
            plans.append(plan)
        if progress and done % 500 == 0:
            progress(done, None)
    report.created = sum(plan.base is None for plan in plans)
    report.updated = len(plans) - report.created
    revisions = {record["id"]: record.get("rev") for record in planner.snapshot[kind_name]}
    target_ids = {name: set(planner.by_id[name]) for name in link_targets(kind)}
    return ImportPlan(kind_name, report, plans, revisions, target_ids)


def _refuse_duplicate_columns(header: list[str], columns: list[str | None]) -> None:
    seen: dict[str, str] = {}
    for text, name in zip(header, columns):
        if name is None:
            continue
        if name in seen:
            raise FileRefused(t("exchange.duplicate_column", first=seen[name], second=text))
        seen[name] = text


def cell_text(kind: Kind, name: str, value: Any, *, neutralised: bool = True) -> str | None:
    """A cell as the text its field parses — None for the clear marker ``(leer)``: CSV text with
    the export's ``'`` taken off, or a workbook's typed value as Excel or Calc saved it (codes get
    their leading zeros back)."""
    if value is None:
        return ""
    if isinstance(value, str):
        if is_clear_marker(value):
            return None
        if neutralised or is_clear_marker(value[1:]):  # a workbook only quotes the marker
            value = unneutralise(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")
    spec = kind.field(name) if kind.has_field(name) else None
    if isinstance(value, bool):
        return t("bool.yes") if value else t("bool.no")
    if isinstance(value, dt.datetime) and not isinstance(spec, f.Date):
        return value.strftime("%d.%m.%Y %H:%M")  # the workbook reader gives dates as dates
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(spec, (f.PostalCode, f.SchoolNumber)) and isinstance(value, int):
        return str(value).zfill(spec.max_length)  # the field's known length restores the zeros
    if isinstance(spec, f.Phone) and isinstance(value, int):
        return "0" + str(value)  # a German number starts with 0; a spreadsheet dropped it
    if isinstance(spec, f.Number):
        return f.format_german_number(value)
    return str(value)


class _Planner:
    """Plans rows one by one against a snapshot of the records (see :func:`plan_import`)."""

    def __init__(self, repository: Repository, kind: Kind, report: ImportReport) -> None:
        self.kind = kind
        self.report = report
        self.snapshot = {name: repository.records(name) for name in {*link_targets(kind), kind.name}}
        self.by_id = {name: {r["id"]: r for r in rows} for name, rows in self.snapshot.items()}
        self.targets = Targets({name: self.snapshot[name] for name in link_targets(kind)})
        self.matcher = Matcher(kind, self.snapshot[kind.name])
        #: The record (or new-record key) each earlier row addressed: → (row, what it said).
        self.seen: dict[tuple, tuple[int, dict[str, Any]]] = {}
        self.checker = Checker(kind, self.snapshot[kind.name], self.link_exists)

    def link_exists(self, kind: str, record_id: int) -> bool:
        return record_id in self.by_id[kind]

    def plan(self, source: SourceRow, columns: list[str | None], *, neutralised: bool) -> RowPlan | None:
        row, report = source.number, self.report
        if source.problem:
            report.refuse(row, [("", source.problem)])
            return None
        texts = {
            name: cell_text(self.kind, name, cell, neutralised=neutralised)
            for name, cell in zip(columns, source.cells)
            if name is not None and (name == "id" or name not in META_FIELDS)
        }
        record_id = texts.pop("id", "") or ""
        values, problems = self._values(legacy_row(self.kind.name, texts))
        if problems:
            report.refuse(row, problems)
            return None
        base, problem = self.matcher.find(values, record_id)
        if problem:
            report.refuse(row, [("", problem)])
            return None
        if self._repeated(row, base, values):
            return None
        if base is None:
            record = {**self.kind.blank(), **values}
            if self._invalid(row, record):
                return None
            if report.dry_run:  # the change list is what a dry run is for; an import keeps no copy
                report.changes.append(
                    printable(t("exchange.change_new", row=row, title=self.kind.title_of(record)))
                )
            return RowPlan(row, values)
        changes = changed_fields(self.kind, base, values)
        if not changes:
            report.unchanged += 1
            return None
        if self._invalid(row, {**base, **changes}):
            return None
        if report.dry_run:
            report.changes.extend(self.change_lines(row, base, changes))
        return RowPlan(row, values, base, changes)

    def _values(self, texts: dict[str, str | None]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        """The row's values: empty cells left out, ``(leer)`` as the field's empty value."""
        values: dict[str, Any] = {}
        problems: list[tuple[str, str]] = []
        for link in self.kind.links():
            names, ids = texts.pop(link.name, ""), texts.pop(id_column(link), "")
            if names is None or ids is None:
                values[link.name] = link.empty()
            elif names.strip() or ids.strip():
                value, messages = resolve(link, names, ids, self.targets)
                problems += [(link.name, message) for message in messages]
                values[link.name] = value
        filled = {}
        for name, text in texts.items():
            if text is None:
                values[name] = self.kind.field(name).empty()
            elif text.strip():
                filled[name] = text
        parsed, parse_problems = parse_values(self.kind, filled)
        problems += [(p.field, p.message) for p in parse_problems]
        return {**values, **parsed}, problems

    def _repeated(self, row: int, base: dict | None, values: dict) -> bool:
        """Report a second row for one record: identical → skipped, different → refused.

        Rows are told apart by their record, else by their match key, else by a digest of all
        they say (a row without any key can only be an identical repetition)."""
        if base is not None:
            key: tuple = ("id", base["id"])
        else:
            said = repr(sorted(values.items())).encode()
            key = self.matcher.new_key(values) or ("row", hashlib.blake2b(said, digest_size=16).digest())
        earlier = self.seen.get(key)
        if earlier is None:
            self.seen[key] = (row, values)
            return False
        if earlier[1] == values:
            self.report.duplicates += 1
            self.report.problems.append(RowProblem(row, "", t("exchange.duplicate_row", first=earlier[0])))
        else:
            self.report.refuse(row, [("", t("exchange.same_record", first=earlier[0]))])
        return True

    def _invalid(self, row: int, record: dict[str, Any]) -> bool:
        problems = self.checker.problems(record, owner=record.get("id") or -row)
        if problems:
            self.report.refuse(row, [(p.field, p.message) for p in problems])
        return bool(problems)

    def change_lines(self, row: int, base: dict[str, Any], changes: dict[str, Any]) -> list[str]:
        return [
            printable(
                t(
                    "exchange.change",
                    row=row,
                    field=self.kind.field_label(name),
                    before=self.shown(name, base.get(name)),
                    after=self.shown(name, value),
                )
            )
            for name, value in changes.items()
        ]

    def shown(self, name: str, value: Any) -> str:
        spec = self.kind.field(name)
        if spec.is_empty(value):
            return CLEAR_MARKER
        text = names_text(spec, value, self.targets) if isinstance(spec, f.Link) else spec.format(value)
        text = text.replace("\n", " | ")
        return text if len(text) <= 60 else text[:59] + "…"


def changed_fields(kind: Kind, record: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """The values that differ from ``record``: the only ones an import row writes.

    A field the row is matched by (e-mail, name …) that differs only in case or spacing is no
    change: the row found the record by it, the stored spelling stays.
    """
    keys = {name for names in kind.match_keys for name in names}
    return {
        name: value
        for name, value in values.items()
        if record.get(name) != value
        and not (name in keys and match_text(record.get(name)) == match_text(value))
    }


class Checker:
    """Validates records for an import — fields, rules, links, and unique values against the
    schema's :class:`UniqueIndex` (a look-up per row, not a pass over the table) — and adds each
    record it passes to the index, so that rows are checked against each other too."""

    def __init__(
        self, kind: Kind, records: list[dict[str, Any]], link_exists: Callable[[str, int], bool]
    ) -> None:
        self.kind = kind
        self.link_exists = link_exists
        self.unique = UniqueIndex(kind, records)

    def problems(self, record: dict[str, Any], *, owner: int) -> list[Problem]:
        """Every problem of ``record`` (owned by ``owner``: its id, or minus its row when new)."""
        probe = {**record, "id": owner}
        problems = validate_record(self.kind, probe, others=self.unique, link_exists=self.link_exists)
        if not problems:
            self.unique.add(self.kind, probe)
        return problems


class Matcher:
    """Finds the record a row describes: by id, else by the kind's first match key that the row
    fills, compared as :func:`match_text` (case-folded NFC)."""

    def __init__(self, kind: Kind, records: list[dict[str, Any]]) -> None:
        self.kind = kind
        self.by_id = {record["id"]: record for record in records}
        self.indexes: dict[tuple[str, ...], dict[tuple[str, ...], list[dict[str, Any]]]] = {
            keys: {} for keys in kind.match_keys
        }
        for record in records:
            self.remember(record)

    @staticmethod
    def _key(values: dict[str, Any], names: tuple[str, ...]) -> tuple[str, ...] | None:
        key = tuple(match_text(values.get(name)) for name in names)
        return key if all(key) else None

    def remember(self, record: dict[str, Any]) -> None:
        for names, index in self.indexes.items():
            key = self._key(record, names)
            if key is not None:
                index.setdefault(key, []).append(record)

    def new_key(self, values: dict[str, Any]) -> tuple | None:
        """The key two new rows for the same record share (first match key they fill)."""
        for names in self.kind.match_keys:
            key = self._key(values, names)
            if key is not None:
                return ("new", names, key)
        return None

    def find(self, values: dict[str, Any], record_id: str) -> tuple[dict[str, Any] | None, str | None]:
        """(record or None, None), or (None, message) for a row that fits several records."""
        bare = record_id.strip().lstrip("#")
        if bare.isdigit() and int(bare) in self.by_id:
            return self.by_id[int(bare)], None
        for names, index in self.indexes.items():
            key = self._key(values, names)
            if key is None:
                continue
            found = index.get(key, [])
            if len(found) > 1:
                which = ", ".join(f"#{r['id']} „{self.kind.title_of(r)}“" for r in found)
                return None, t("exchange.ambiguous", records=which)
            return (found[0] if found else None), None
        return None, None


# -- writing (under the lock) ----------------------------------------------------------------


def apply_import(repository: Repository, plan: ImportPlan, *, progress: Progress | None = None) -> None:
    """Write the planned rows in one batch, re-checking each record's revision under the lock.

    A row's check from planning still holds unless someone else's write since can affect it
    (:class:`Meanwhile`); only such rows are checked again here, and the store is told not to
    repeat the rest — so the lock is held for the writing, not for a second validation.
    """
    kind, report = KINDS[plan.kind], plan.report
    report.created = report.updated = 0
    with _no_cyclic_gc(), repository.batch() as batch:
        started = time.perf_counter()
        meanwhile = Meanwhile(kind, batch, plan)
        rematch = Matcher(kind, meanwhile.moved) if meanwhile.moved else None
        for done, row in enumerate(plan.rows, 1):
            base = row.base
            if base is None and rematch is not None:
                base, problem = rematch.find(row.values, "")
                if problem:
                    report.refuse(row.row, [("", problem)])
                    continue
            recheck = meanwhile.checker if meanwhile.affects(row, base) else None
            if base is None:
                _create(batch, kind, row, report, recheck)
            else:
                _update(batch, kind, row, base, report, recheck)
            if progress and done % 500 == 0:
                progress(done, len(plan.rows))
    report.lock_seconds = time.perf_counter() - started


class Meanwhile:
    """What others wrote between planning and the lock, as far as it can affect a row: records of
    the table created or changed (``moved``) and link targets deleted."""

    def __init__(self, kind: Kind, batch: Batch, plan: ImportPlan) -> None:
        self.kind = kind
        current = batch.records(kind.name)
        self.moved = [r for r in current if plan.revisions.get(r["id"]) != r.get("rev")]
        self.moved_ids = {r["id"] for r in self.moved}
        self.moved_unique = UniqueIndex(kind, self.moved)
        self.gone = {
            target: {i for i in ids if not batch.link_exists(target, i)}
            for target, ids in plan.target_ids.items()
        }
        changed = bool(self.moved) or any(self.gone.values())
        self.checker = Checker(kind, current, batch.link_exists) if changed else None

    def affects(self, row: RowPlan, base: dict[str, Any] | None) -> bool:
        if self.checker is None:
            return False
        if base is not None and base["id"] in self.moved_ids:
            return True
        for link in self.kind.links():
            if any(i in self.gone.get(link.target, ()) for i in link.ids(row.values.get(link.name))):
                return True
        owner = base["id"] if base is not None else None
        return any(
            isinstance(row.values.get(name), str)
            and row.values[name]
            and self.moved_unique.taken(name, row.values[name], owner)
            for name in self.kind.unique
        )


def _create(batch: Batch, kind: Kind, row: RowPlan, report: ImportReport, recheck: Checker | None) -> None:
    if recheck is not None:
        problems = recheck.problems({**kind.blank(), **row.values}, owner=-row.row)
        if problems:
            report.refuse(row.row, [(p.field, p.message) for p in problems])
            return
    try:
        batch.create(kind.name, row.values, checked=True)
    except ValidationFailed as failure:  # e.g. the address of an erased person
        report.refuse(row.row, [(p.field, p.message) for p in failure.problems])
        return
    report.created += 1


@contextlib.contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while the lock is held: tens of thousands of new dicts
    would make it walk the whole database again and again, and nothing here makes cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _update(
    batch: Batch,
    kind: Kind,
    row: RowPlan,
    base: dict[str, Any],
    report: ImportReport,
    recheck: Checker | None,
) -> None:
    """Write the row's changes on top of the record as stored now.

    Only the fields the row changed against the version it was planned on are written, so a
    change someone saved meanwhile in another field stays; the same field changed differently
    by both refuses the row. (A new row that found a record created meanwhile: its values.)
    """
    current = batch.get(kind.name, base["id"])
    if current is None:
        report.refuse(row.row, [("", t("exchange.gone_meanwhile", id=base["id"]))])
        return
    if row.base is None:
        changes = changed_fields(kind, current, row.values)
    else:
        changes = changed_fields(kind, current, row.changes)
        clashing = [name for name in changes if current.get(name) != base.get(name)]
        if clashing:
            fields = ", ".join(kind.field_label(name) for name in clashing)
            message = t("exchange.changed_meanwhile", user=current.get("updated_by") or "?", fields=fields)
            report.refuse(row.row, [("", message)])
            return
    if not changes:
        report.unchanged += 1
        return
    if recheck is not None:
        problems = recheck.problems({**current, **changes}, owner=current["id"])
        if problems:
            report.refuse(row.row, [(p.field, p.message) for p in problems])
            return
    try:
        batch.update(kind.name, base["id"], changes, expected_rev=current["rev"], checked=True)
    except ValidationFailed as failure:
        report.refuse(row.row, [(p.field, p.message) for p in failure.problems])
        return
    report.updated += 1
