"""Checking a whole database and the files beside it, and writing backups."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..i18n import os_reason, t
from ..schema import KINDS, UniqueIndex, validate_record
from ..store import DatabaseUnusable, Repository
from ..store.audit import audit_path
from ..store.config import os_account
from ..store.files import OutputFailed, make_private_dir, write_output
from ..store.sidefiles import fsync_dir, write_temp
from ..store.storage import backups_dir


@dataclass(frozen=True)
class RecordProblem:
    kind: str
    record_id: int
    field: str
    message: str

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind].label_one

    @property
    def field_label(self) -> str:
        return KINDS[self.kind].field_label(self.field)


def check_database(repository: Repository) -> list[RecordProblem]:
    """Every problem of every record: fields, rules, uniqueness, links that lead nowhere."""
    problems: list[RecordProblem] = []

    def link_exists(kind: str, record_id: int) -> bool:
        return repository.get(kind, record_id) is not None

    for name, kind in KINDS.items():
        records = repository.records(name)
        index = UniqueIndex(kind, records)  # once a table: check stays linear in its size
        for record in records:
            for problem in validate_record(kind, record, others=index, link_exists=link_exists):
                problems.append(RecordProblem(name, record["id"], problem.field, problem.message))
    return problems


def check_files(repository: Repository) -> list[str]:
    """Set-up problems of the files beside the database, one line each with its fix.

    What the running account cannot do there makes writes fail later (replace the database,
    append to the audit log, keep backups) or makes backups copies instead of free hard links.
    Root may do everything, so it finds nothing here (``ssa-tui team doctor`` looks deeper).
    """
    path = repository.path
    account = os_account()
    folder = path.parent
    found = []
    if not _may_replace(path):
        found.append(t("store.check_cannot_replace", path=path, folder=folder, account=account))
    elif not _may_link(path):
        found.append(t("store.check_cannot_link", path=path, account=account))
    for side in (audit_path(path), backups_dir(path)):
        if side.exists() and not os.access(side, os.W_OK | (os.X_OK if side.is_dir() else 0)):
            found.append(t("store.check_side_unwritable", path=side, account=account))
    return found


def _may_replace(path: Path) -> bool:
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return False
    info, mine = os.stat(folder), os.geteuid()
    sticky = bool(info.st_mode & stat.S_ISVTX)  # only owners may replace files there
    return not sticky or mine in (0, info.st_uid, os.stat(path).st_uid)


def _may_link(path: Path) -> bool:
    """Whether the kernel lets this account hard-link ``path`` (``fs.protected_hardlinks``)."""
    try:
        protected = Path("/proc/sys/fs/protected_hardlinks").read_text().strip() == "1"
    except OSError:
        protected = False
    info = os.stat(path)
    if not protected or os.geteuid() in (0, info.st_uid):
        return True
    return stat.S_ISREG(info.st_mode) and os.access(path, os.R_OK | os.W_OK)


def write_backup(repository: Repository, target: Path | None = None, *, replace: bool = False) -> Path:
    """Copy the database as it is now to ``target`` (default: the backups folder), atomically.

    One open of the file sees one complete version (writers replace it, never edit in place).
    The copy is 0660 in the db's group; ``-o`` goes through :func:`write_output`, which refuses
    the database's own files and symlinks and replaces an existing file only with ``replace``.
    """
    try:
        with open(repository.path, "rb") as handle:
            payload = handle.read()
    except OSError as error:
        raise DatabaseUnusable(t("store.unreadable", path=repository.path, detail=os_reason(error))) from None
    repository.storage.parse(payload)  # refuse to back up a damaged file as if it were fine
    if target is not None:
        return write_output(target, payload, db_path=repository.path, replace=replace)
    folder = make_private_dir(backups_dir(repository.path), repository.path)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"{repository.path.stem}-manual-{stamp}.json"
    try:
        os.replace(write_temp(target, payload, repository.path), target)
        fsync_dir(folder)
    except OSError as error:
        raise OutputFailed(t("files.failed", path=target, detail=os_reason(error))) from None
    return target
