"""What a person does with records — save, delete, plan an event — written once for every front-end.

Each function takes plain values and the :class:`Repository`, refuses a viewer before anything
else, and either returns a result or raises one typed :class:`StoreError` (German message) that
the TUI and the command line both know how to show.

Saving an existing record is a three-way merge per field (:func:`merge_fields`): the form knows
the version it started from (``base``); only the fields the person changed are written, on top of
whatever is stored now. A field both sides changed differently is not written but returned as a
:class:`FieldConflict` for a choice; what the person did not touch never reverts another's change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..i18n import t
from ..schema import KINDS, META_FIELDS, Names, Problem
from ..schema.kinds import SuggestionStatus
from ..store import Conflict, ReadOnlyError, Repository, StoreError
from ..store import audit


@dataclass(frozen=True)
class FieldConflict:
    """A field both sides changed differently: stored before, stored now (theirs), my input."""

    field: str
    base: Any
    theirs: Any
    mine: Any


def _same(left: Any, right: Any) -> bool:
    """Equal, counting every empty value (None, "", [], {}) as one — ``False`` and 0 are values."""

    def empty(value: Any) -> bool:
        return value is None or (isinstance(value, (str, list, dict)) and not value)

    return left == right or (empty(left) and empty(right))


def merge_fields(
    base: Mapping[str, Any], theirs: Mapping[str, Any], mine: Mapping[str, Any]
) -> tuple[dict[str, Any], list[FieldConflict]]:
    """Three-way merge per field; pure, for forms and import rows alike.

    ``base`` is the version the person started from, ``theirs`` what is stored now, ``mine`` the
    person's values (only the fields they touched, or all of them: a value equal to ``base`` counts
    as untouched). Returns the changes to write on top of ``theirs`` and the fields both sides
    changed to different values (never written: they need a choice). Meta fields are ignored.
    """
    changes: dict[str, Any] = {}
    conflicts: list[FieldConflict] = []
    for name, value in mine.items():
        if name in META_FIELDS:
            continue
        before, now = base.get(name), theirs.get(name)
        if _same(value, before) or _same(value, now):
            continue  # untouched by me, or both made the same change
        if _same(now, before):
            changes[name] = value
        else:
            conflicts.append(FieldConflict(name, before, now, value))
    return changes, conflicts


@dataclass(frozen=True)
class Saved:
    """The record as stored after a save; ``written`` is False when nothing needed writing."""

    record: dict[str, Any]
    written: bool


class MergeConflict(StoreError):
    """Someone else changed some of the same fields: nothing was written.

    ``theirs`` is the record as stored now, ``conflicts`` the fields to choose for and ``changes``
    the rest of the person's input that merges cleanly.
    """

    def __init__(
        self,
        kind: str,
        theirs: dict[str, Any],
        changes: dict[str, Any],
        conflicts: list[FieldConflict],
    ) -> None:
        self.kind, self.theirs, self.changes, self.conflicts = kind, theirs, changes, conflicts
        spec = KINDS[kind]
        super().__init__(
            t(
                "forms.merge_conflict",
                kind=spec.label_one,
                id=theirs["id"],
                user=theirs.get("updated_by") or "?",
                fields=", ".join(spec.field_label(c.field) for c in conflicts),
            )
        )


class RecordGone(StoreError):
    """The record was deleted while the person edited it; who and when come from the audit log."""

    def __init__(self, kind: str, record_id: int, deleted_by: str | None, deleted_at: str | None) -> None:
        self.kind, self.record_id, self.deleted_by, self.deleted_at = kind, record_id, deleted_by, deleted_at
        super().__init__(
            t(
                "forms.gone",
                kind=KINDS[kind].label_one,
                id=record_id,
                user=deleted_by or "?",
                at=_minute(deleted_at) if deleted_at else "?",
            )
        )


class AlreadyPlanned(StoreError):
    """The suggestion has an event already (perhaps planned in another session)."""

    def __init__(self, topic: str) -> None:
        super().__init__(t("forms.already_planned", title=topic))


class CurrentNames:
    """The names links point to, as stored now (for forms and the audit): read once, and again
    only after someone wrote. :meth:`get` raises :class:`StoreError` when the db cannot be read."""

    def __init__(self, repository: Repository) -> None:
        self.repository = repository
        self._names: Names | None = None
        self._generation: bytes | None = None

    def get(self) -> Names:
        generation = self.repository.generation()
        if self._names is None or generation != self._generation:
            self._names, self._generation = Names(self.repository.records), generation
        return self._names


def _minute(stamp: str) -> str:
    """``2026-11-27T10:46:58+01:00`` → ``27.11.2026 10:46`` (office time as stored)."""
    return f"{stamp[8:10]}.{stamp[5:7]}.{stamp[0:4]} {stamp[11:16]}".rstrip()


def require_editor(repository: Repository) -> None:
    """Refuse a viewer (or ``--read-only``) before any side effect."""
    if repository.read_only:
        raise ReadOnlyError()


def save_record(
    repository: Repository,
    kind: str,
    values: Mapping[str, Any],
    *,
    base: Mapping[str, Any] | None = None,
) -> Saved:
    """Create a record (``base`` None) or merge the person's ``values`` into the stored one.

    Raises :class:`MergeConflict` (nothing written), :class:`RecordGone`, ``ValidationFailed``
    (with the problems per field) or another :class:`StoreError`.
    """
    require_editor(repository)
    if base is None:
        return Saved(repository.create(kind, dict(values)), True)
    with repository.batch() as batch:
        theirs = batch.get(kind, base["id"])
        if theirs is None:
            raise _gone(repository, kind, base["id"])
        changes, conflicts = merge_fields(base, theirs, values)
        if conflicts:
            raise MergeConflict(kind, theirs, changes, conflicts)
        if not changes:
            return Saved(theirs, False)
        return Saved(batch.update(kind, base["id"], changes, expected_rev=theirs["rev"]), True)


def _gone(repository: Repository, kind: str, record_id: int) -> RecordGone:
    deletions = [
        change
        for change in audit.select(repository.path, kind=kind, record_id=record_id)
        if change.action == "delete"
    ]
    last = deletions[-1] if deletions else None
    return RecordGone(kind, record_id, last.user if last else None, last.at if last else None)


def delete_record(
    repository: Repository, kind: str, record_id: int, *, expected_rev: int, clear_links: bool = False
) -> None:
    """Delete one record; raises ``StillLinked`` (with the linking records) unless ``clear_links``.

    The front-end asks the person and calls again with ``clear_links=True``; links are then
    removed from the other records in the same write.
    """
    require_editor(repository)
    repository.delete(kind, record_id, expected_rev=expected_rev, clear_links=clear_links)


def plan_event(repository: Repository, suggestion_id: int, *, expected_rev: int) -> dict[str, Any]:
    """Turn a suggestion into a new event (the kind's default status), linked both ways, in one write.

    Returns the new event, for the front-end to open; raises :class:`AlreadyPlanned`.
    """
    require_editor(repository)
    with repository.batch() as batch:
        suggestion = batch.get("suggestions", suggestion_id)
        if suggestion is None or suggestion.get("rev") != expected_rev:
            raise Conflict("suggestions", suggestion_id, expected_rev, suggestion)
        if suggestion.get("event"):
            raise AlreadyPlanned(suggestion.get("topic", ""))
        event = batch.create("events", {"title": suggestion.get("topic")})
        batch.update(
            "suggestions",
            suggestion_id,
            {"status": SuggestionStatus.PLANNED.value, "event": event["id"]},
            expected_rev=expected_rev,
        )
    return event


def capacity_warnings(kind: str, values: Mapping[str, Any]) -> list[Problem]:
    """Advice, not errors: more registrations or participants than places (saving stays allowed)."""
    capacity = values.get("capacity")
    if kind != "events" or not isinstance(capacity, int) or isinstance(capacity, bool):
        return []
    counts = {
        "registrations": len(values.get("registrations") or []),
        "participants": values.get("participants"),
    }
    return [
        Problem(name, t("forms.over_capacity", count=count, capacity=capacity))
        for name, count in counts.items()
        if isinstance(count, int) and count > capacity
    ]
