"""The audit log: one JSON line per change, appended beside the database.

``db.json.audit.jsonl`` holds who changed which record when, with the record before and after.
Lines are appended under the database's write lock, so they are in the order of the writes, and
before the database file is replaced: a change that cannot be audited is not made.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from ..i18n import os_reason, t
from .errors import DatabaseUnusable, WriteFailed
from .sidefiles import open_side_file, write_temp


def audit_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".audit.jsonl")


@dataclass(frozen=True)
class Change:
    """One change of one record (``before`` None: created; ``after`` None: deleted)."""

    at: str
    user: str
    kind: str
    id: int
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def to_json(self) -> str:
        # orjson: the same compact UTF-8 as json.dumps(ensure_ascii=False), several times faster
        # (an import writes thousands of these under the lock).
        return orjson.dumps(self.__dict__).decode("utf-8")


def append(db_path: Path, changes: Iterable[Change]) -> Callable[[], None]:
    """Append ``changes`` whole and fsync them; return an undo that takes them off again.

    Called with the write lock held, before the database is replaced. One write of complete
    lines; when it cannot be done whole (unwritable file, disk full) the file is cut back to
    where it was and :class:`WriteFailed` names the audit file. A torn last line left by a
    crash gets its line ended first, so the new entry never glues to it.
    """
    path = audit_path(db_path)
    payload = "".join(change.to_json() + "\n" for change in changes).encode("utf-8")
    if not payload:
        return lambda: None
    try:
        fd = open_side_file(path, db_path, os.O_RDWR | os.O_APPEND)
    except OSError as error:
        raise WriteFailed(t("store.audit_failed", path=path, detail=os_reason(error))) from None
    size = 0
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            payload = b"\n" + payload
        if os.write(fd, payload) != len(payload):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        os.fsync(fd)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, size)
        raise WriteFailed(t("store.audit_failed", path=path, detail=os_reason(error))) from None
    finally:
        os.close(fd)

    def undo() -> None:
        with contextlib.suppress(OSError):
            os.truncate(path, size)

    return undo


def read(db_path: Path) -> Iterator[Change]:
    """Every change in the log, oldest first; a torn or damaged line is skipped.

    An audit log that exists but cannot be read raises :class:`DatabaseUnusable` naming it.
    """
    path = audit_path(db_path)
    try:
        handle = open(path, "rb")
    except FileNotFoundError:
        return
    except OSError as error:
        raise DatabaseUnusable(t("store.audit_unreadable", path=path, detail=os_reason(error))) from None
    with handle:
        while True:
            try:
                line = handle.readline()
            except OSError as error:  # e.g. a folder in its place
                raise DatabaseUnusable(
                    t("store.audit_unreadable", path=path, detail=os_reason(error))
                ) from None
            if not line:
                return
            try:
                yield Change(**json.loads(line))
            except (ValueError, TypeError):
                continue


def changed_fields(change: Change) -> list[str]:
    """Names of the fields that differ between before and after (meta stamps left out)."""
    before, after = change.before or {}, change.after or {}
    skip = {"rev", "updated_at", "updated_by", "created_at"}
    return sorted(
        name for name in set(before) | set(after) if name not in skip and before.get(name) != after.get(name)
    )


def select(
    db_path: Path,
    *,
    user: str | None = None,
    since: str | None = None,
    kind: str | None = None,
    record_id: int | None = None,
) -> list[Change]:
    """The changes that match every filter given, oldest first (``since``: ISO date or time)."""
    return [
        change
        for change in read(db_path)
        if (user is None or change.user == user)
        and (since is None or change.at >= since)
        and (kind is None or change.kind == kind)
        and (record_id is None or change.id == record_id)
    ]


def rewrite(db_path: Path, transform: Callable[[Change], Change]) -> int:
    """Replace every entry by ``transform(entry)``, atomically; call with the write lock held.

    Only erasure (GDPR Art. 17) rewrites history: the person's old values become a marker.
    Returns how many entries changed. Lines that do not parse are kept as they are.
    """
    path = audit_path(db_path)
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.readlines()
    except FileNotFoundError:
        return 0
    changed = 0
    out = []
    for line in lines:
        try:
            change = Change(**json.loads(line))
        except (ValueError, TypeError):
            out.append(line if line.endswith("\n") else line + "\n")
            continue
        new = transform(change)
        if new != change:
            changed += 1
        out.append(new.to_json() + "\n")
    if changed:
        temp = write_temp(path, "".join(out).encode("utf-8"), db_path)
        os.replace(temp, path)
    return changed
