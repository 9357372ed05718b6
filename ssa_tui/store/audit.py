"""The audit log: one JSON line per change, appended beside the database.

``db.json.audit.jsonl`` holds who changed which record when, with the record before and after.
Lines are appended under the database's write lock, so they are in the order of the writes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any


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
        return json.dumps(self.__dict__, ensure_ascii=False, separators=(",", ":"))


def append(db_path: Path, changes: Iterable[Change]) -> None:
    """Append ``changes`` and fsync; called with the write lock held."""
    lines = "".join(change.to_json() + "\n" for change in changes)
    if not lines:
        return
    fd = os.open(audit_path(db_path), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o660)
    try:
        os.write(fd, lines.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def read(db_path: Path) -> Iterator[Change]:
    """Every change in the log, oldest first; a torn last line (a killed writer) is skipped."""
    try:
        handle = open(audit_path(db_path), encoding="utf-8")
    except FileNotFoundError:
        return
    with handle:
        for line in handle:
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
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o660)
        try:
            os.fchmod(fd, os.stat(path).st_mode & 0o777)
            os.write(fd, "".join(out).encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    return changed
