"""Errors of the store; each carries a user-facing message (``str(error)``)."""

from __future__ import annotations

from typing import Any

from ..i18n import t
from ..schema import KINDS, Problem


class StoreError(Exception):
    """Base of every error the store raises on purpose."""


class DatabaseUnusable(StoreError):
    """The database cannot be used at all (missing, corrupt, unreadable, locked too long).

    Front-ends stop with exit code 2; the file is never touched.
    """


class DatabaseMissing(DatabaseUnusable):
    pass


class DatabaseCorrupt(DatabaseUnusable):
    pass


class DatabaseLocked(DatabaseUnusable):
    pass


class ReadOnlyError(StoreError):
    """A write was asked of a read-only store (``--read-only`` or a viewer).

    The message names the person and the role, and why the role is viewer, when known.
    """

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or t("store.read_only"))


class WriteFailed(StoreError):
    """Writing failed (disk full, permissions); the database on disk is unchanged."""


class StaleWrite(StoreError):
    """A plain TinyDB write based on data another process has changed since."""


class ValidationFailed(StoreError):
    """The record breaks the schema; ``problems`` lists every field and message."""

    def __init__(self, kind: str, problems: list[Problem]) -> None:
        self.kind = kind
        self.problems = problems
        text = "; ".join(f"{KINDS[kind].field_label(p.field)}: {p.message}" for p in problems)
        super().__init__(t("store.invalid", problems=text))


class NotFound(StoreError):
    def __init__(self, kind: str, record_id: int) -> None:
        self.kind, self.record_id = kind, record_id
        super().__init__(t("store.not_found", kind=KINDS[kind].label_one, id=record_id))


class Conflict(StoreError):
    """Someone else changed (or deleted) the record since the caller read it.

    ``theirs`` is the record as stored now (None when it was deleted); nothing was written.
    """

    def __init__(self, kind: str, record_id: int, expected_rev: int, theirs: dict[str, Any] | None) -> None:
        self.kind, self.record_id, self.expected_rev, self.theirs = kind, record_id, expected_rev, theirs
        label = KINDS[kind].label_one
        if theirs is None:
            message = t("store.gone", kind=label, id=record_id)
        else:
            message = t(
                "store.conflict",
                kind=label,
                id=record_id,
                user=theirs.get("updated_by") or "?",
                theirs=theirs.get("rev"),
                yours=expected_rev,
            )
        super().__init__(message)


class StillLinked(StoreError):
    """A record that others link to cannot be deleted unless the links are cleared."""

    def __init__(self, kind: str, record_id: int, refs: list[tuple[str, int, str, str]]) -> None:
        self.kind, self.record_id, self.refs = kind, record_id, refs
        where = ", ".join(f"{KINDS[k].label_one} „{title}“" for k, _id, _field, title in refs)
        super().__init__(t("store.linked", kind=KINDS[kind].label_one, id=record_id, where=where))
