"""Snapshots of the committee report: a side table ``_reports`` in the database.

A snapshot keeps the report of one reference date as it was presented; it is written once and
never changed (a second one for the same date is refused). Living in ``db.json`` it shares the
store's guarantees: locked, atomic, in every backup.
"""

from __future__ import annotations

from typing import Any

from .errors import ReadOnlyError, StoreError

TABLE = "_reports"


class SnapshotExists(StoreError):
    """There is a snapshot of this reference date already; it stays as it is."""


def snapshots(repository: Any) -> list[dict[str, Any]]:
    """Every snapshot, oldest reference date first: ``{"as_of", "taken_at", "taken_by", "report"}``."""
    table = repository.storage.read().get(TABLE, {})
    return sorted(table.values(), key=lambda snapshot: snapshot["as_of"])


def save_snapshot(repository: Any, report: dict[str, Any], message: str) -> dict[str, Any]:
    """Keep ``report`` as the snapshot of its ``as_of`` date; ``message`` if one exists already."""
    if repository.read_only:
        raise ReadOnlyError(repository.refusal())
    with repository.storage.transaction() as data:
        table = data.setdefault(TABLE, {})
        if any(snapshot["as_of"] == report["as_of"] for snapshot in table.values()):
            raise SnapshotExists(message)
        snapshot = {
            "as_of": report["as_of"],
            "taken_at": repository.clock().isoformat(timespec="seconds"),
            "taken_by": repository.user,
            "report": report,
        }
        table[str(max(map(int, table), default=0) + 1)] = snapshot
    return snapshot
