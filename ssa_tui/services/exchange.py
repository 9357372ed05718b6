"""Import and export as application functions, called by the TUI's exchange screens and the CLI.

Each checks the role first (viewers may export — reading —, never import), takes plain values
and raises a :class:`~ssa_tui.store.StoreError` with a German message. The TUI passes file
*names* in the exchange folder (never paths); the CLI passes paths, refused when they are
protected, missing their folder, a folder, or an existing file without ``--force``.
"""

from __future__ import annotations

from pathlib import Path

from ..exchange.exporter import ALL, Export, export, export_all
from ..exchange.importer import ImportReport, Progress, import_file
from ..exchange.links import Title
from ..exchange.table import IMPORT_SUFFIXES
from ..i18n import t
from ..schema import KINDS
from ..store import ReadOnlyError, Repository, StoreError
from ..store.files import (
    OutputExists,
    exchange_dir,
    exchange_file,
    exchange_files,
    refuse_protected,
    write_output,
)

#: Kinds a file may be imported into.
IMPORT_KINDS = ("positions", "contacts", "groups", "events", "suggestions")


class OutputUnusable(StoreError):
    """The target of an export cannot be written at all (missing folder, a folder)."""


def titles(repository: Repository) -> Title:
    """``title(kind, id)`` for link names, each table read once."""
    cache: dict[str, dict[int, str]] = {}

    def title(kind: str, record_id: int) -> str:
        if kind not in cache:
            cache[kind] = {r["id"]: KINDS[kind].title_of(r) for r in repository.records(kind)}
        return cache[kind].get(record_id, f"#{record_id}")

    return title


# -- import ------------------------------------------------------------------------------------


def import_path(
    repository: Repository, kind: str, path: Path, *, dry_run: bool = False, progress: Progress | None = None
) -> ImportReport:
    """Import a CSV or xlsx file (CLI: any readable path) — editors and admins only."""
    if repository.read_only:
        raise ReadOnlyError(repository.refusal())
    return import_file(repository, kind, Path(path), dry_run=dry_run, progress=progress)


def import_from_exchange(
    repository: Repository, kind: str, name: str, *, dry_run: bool = False, progress: Progress | None = None
) -> ImportReport:
    """Import the file ``name`` from the exchange folder (the TUI)."""
    if repository.read_only:
        raise ReadOnlyError(repository.refusal())
    return import_path(
        repository, kind, exchange_file(repository.path, name), dry_run=dry_run, progress=progress
    )


def importable_files(repository: Repository) -> list[str]:
    """The CSV and xlsx files in the exchange folder an import can pick from."""
    return [
        name for name in exchange_files(repository.path) if Path(name).suffix.casefold() in IMPORT_SUFFIXES
    ]


def exchange_folder(repository: Repository) -> Path:
    return exchange_dir(repository.path)


# -- export ------------------------------------------------------------------------------------


def export_records(
    repository: Repository, kind: str, fmt: str, *, record_ids: list[int] | None = None
) -> Export:
    """The file content of ``kind`` (or ``all``) in ``fmt``; only ``record_ids`` when given, in
    that order (the TUI exports what its filter shows)."""
    if kind == ALL:
        tables = {name: repository.records(name) for name in KINDS}
        return export_all(tables, fmt, titles(repository))
    records = repository.records(kind)
    if record_ids is not None:
        by_id = {record["id"]: record for record in records}
        records = [by_id[record_id] for record_id in record_ids if record_id in by_id]
    return export(kind, records, fmt, titles(repository))


def export_to_exchange(
    repository: Repository,
    kind: str,
    fmt: str,
    name: str,
    *,
    record_ids: list[int] | None = None,
    replace: bool = False,
) -> tuple[Path, Export]:
    """Write an export as ``name`` in the exchange folder; an existing file only with ``replace``."""
    target = exchange_file(repository.path, name)
    if target.exists() and not replace:
        raise OutputExists(target)
    result = export_records(repository, kind, fmt, record_ids=record_ids)
    return write_output(target, result.payload, db_path=repository.path, replace=replace), result


def export_to_path(
    repository: Repository, kind: str, fmt: str, target: Path, *, replace: bool = False
) -> Export:
    """Write an export to a path of the caller's (CLI ``-o``), checked before any work."""
    target = Path(target)
    if target.is_dir():
        raise OutputUnusable(t("exchange.output_is_folder", path=target))
    if not target.absolute().parent.is_dir():
        raise OutputUnusable(t("exchange.output_folder_missing", folder=target.absolute().parent))
    refuse_protected(repository.path, target)
    if target.exists() and not replace:
        raise OutputExists(target)
    result = export_records(repository, kind, fmt)
    write_output(target, result.payload, db_path=repository.path, replace=replace)
    return result
