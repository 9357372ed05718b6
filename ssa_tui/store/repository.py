"""Records with revisions, links, audit and roles, on top of :class:`LockedJSONStorage`.

Every front-end (TUI, command line, cron scripts, tests) reads and writes through a
:class:`Repository`. Writes run in a :meth:`Repository.batch`: one lock, one re-read, any number
of changes, one atomic write, one audit append. Single changes are batches of one.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ..i18n import t
from ..i18n.dates import long_date
from ..schema import KINDS, META_FIELDS, Kind, Problem, UniqueIndex, validate_record
from ..schema.fields import Email
from . import audit, erasure
from .config import VIEWER, config_is_protected, load_config, os_account, role_for
from .errors import (
    Conflict,
    DatabaseMissing,
    DatabaseUnusable,
    NotFound,
    ReadOnlyError,
    StillLinked,
    ValidationFailed,
)
from .migrate import upgrade_on_open
from .storage import META_TABLE, LockedJSONStorage, real_db_path

OFFICE_TIME = ZoneInfo("Europe/Berlin")

#: (kind, id, field, title) of a record that links to another.
LinkRef = tuple[str, int, str, str]


def office_now() -> datetime:
    return datetime.now(OFFICE_TIME)


def resolve_db_path(option: str | None) -> Path:
    """``--db``, else ``SSA_TUI_DB``, else ``./db.json``."""
    return Path(option or os.environ.get("SSA_TUI_DB") or "db.json")


class Repository:
    """The records of one database, as seen and changed by one user."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        user: str,
        read_only: bool = False,
        clock: Callable[[], datetime] = office_now,
        lock_timeout: float | None = None,
        create: bool = False,
        config: str | os.PathLike[str] | None = None,
    ) -> None:
        self.path = real_db_path(path)
        self.user = user
        self.config = load_config(self.path, config)
        if self.config.exists and user != os_account():
            # A team set-up: people share the service account, so it must not rewrite roles.
            problem = config_is_protected(self.config.path)
            if problem:
                raise DatabaseUnusable(problem)
        self.role = role_for(self.config, user, read_only=read_only)
        self._read_only_option = read_only
        self.read_only = self.role == VIEWER
        self.clock = clock
        self.storage = LockedJSONStorage(
            self.path, read_only=self.read_only, lock_timeout=lock_timeout, create=create
        )
        with contextlib.suppress(DatabaseMissing):  # reported by the first read
            upgrade_on_open(self)

    # -- reading ----------------------------------------------------------------------------
    def open_check(self) -> None:
        """Read once so that a missing or corrupt database is reported before anything else."""
        self.storage.read()

    def records(self, kind: str) -> list[dict[str, Any]]:
        """Every record of ``kind`` in id order (shared dicts: do not modify)."""
        table = self.storage.read().get(kind, {})
        return [table[key] for key in sorted(table, key=int)]

    def get(self, kind: str, record_id: int) -> dict[str, Any] | None:
        return self.storage.read().get(kind, {}).get(str(record_id))

    def count(self, kind: str) -> int:
        return len(self.storage.read().get(kind, {}))

    def generation(self) -> bytes | None:
        """Changes whenever anyone writes the database (cheap: reads a few bytes)."""
        return self.storage.generation()

    def title(self, kind: str, record_id: int | None) -> str:
        """How a linked record is named for people (``#7`` if it is gone)."""
        record = self.get(kind, record_id) if record_id is not None else None
        return KINDS[kind].title_of(record) if record else f"#{record_id}"

    def linked_from(self, kind: str, record_id: int) -> list[LinkRef]:
        """Every record that links to ``kind`` #``record_id``, with the linking field."""
        return _links_to(self.storage.read(), kind, record_id)

    # -- writing ----------------------------------------------------------------------------
    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the write lock (side files that must change in step with db.json, e.g. the audit log)."""
        if self.read_only:
            raise ReadOnlyError()
        with self.storage.exclusive():
            yield

    def note(self, kind: str, record_id: int, action: str) -> None:
        """Append an audit entry for something done with a record that changed nothing (an access)."""
        with self.locked():
            now = self.clock().isoformat(timespec="seconds")
            audit.append(self.path, [audit.Change(now, self.user, kind, record_id, action, None, None)])

    @contextlib.contextmanager
    def batch(self) -> Iterator[Batch]:
        """Several changes in one locked, atomic write; all or nothing."""
        if self.read_only:
            raise ReadOnlyError(self.refusal())
        log: list[audit.Change] = []
        with self.storage.transaction(before_replace=lambda: audit.append(self.path, log)) as data:
            changes = Batch(self, data)
            yield changes
            if changes.log:
                data[META_TABLE]["1"] = {**data[META_TABLE].get("1", {}), "next_ids": changes.next_ids}
                log.extend(changes.log)

    def refusal(self) -> str:
        """Why this user may not change anything (names the person and the role)."""
        if self._read_only_option:
            return t("store.read_only_option", user=self.user)
        if self.user not in self.config.roles:
            return t("store.read_only_unlisted", user=self.user, path=self.config.path)
        return t("store.read_only_role", user=self.user, role=self.role)

    def create(self, kind: str, values: dict[str, Any]) -> dict[str, Any]:
        with self.batch() as batch:
            return batch.create(kind, values)

    def update(
        self, kind: str, record_id: int, values: dict[str, Any], *, expected_rev: int
    ) -> dict[str, Any]:
        with self.batch() as batch:
            return batch.update(kind, record_id, values, expected_rev=expected_rev)

    def delete(
        self, kind: str, record_id: int, *, expected_rev: int | None = None, clear_links: bool = False
    ) -> None:
        with self.batch() as batch:
            batch.delete(kind, record_id, expected_rev=expected_rev, clear_links=clear_links)


class Batch:
    """The changes of one transaction; validated one by one against the current data."""

    def __init__(self, repository: Repository, data: dict[str, Any]) -> None:
        self.repository = repository
        self.data = data
        meta = data.setdefault(META_TABLE, {}).get("1", {})
        self.next_ids: dict[str, int] = dict(meta.get("next_ids", {}))
        self.log: list[audit.Change] = []
        self._ids_checked: set[str] = set()
        self._unique: dict[str, UniqueIndex] = {}  # per kind, built on its first write
        self.now = repository.clock().isoformat(timespec="seconds")
        #: Set by a caller who confirmed that an erased person may be taken up again.
        self.allow_erased = False

    def table(self, kind: str) -> dict[str, Any]:
        """The table to change (created on first write)."""
        return self.data.setdefault(kind, {})

    def get(self, kind: str, record_id: int) -> dict[str, Any] | None:
        return self.data.get(kind, {}).get(str(record_id))

    def records(self, kind: str) -> list[dict[str, Any]]:
        return list(self.data.get(kind, {}).values())

    def create(
        self, kind: str, values: dict[str, Any], *, checked: bool = False, record_id: int | None = None
    ) -> dict[str, Any]:
        """Add a record; ``checked``: the caller validated exactly this record against this
        very data outside the lock (an import's plan), so the schema check is not repeated while
        the lock is held (erased addresses are still refused). ``record_id``: a free id to use
        (a deleted record restored from the audit log comes back under its old id)."""
        spec = KINDS[kind]
        table = self.table(kind)
        if kind not in self._ids_checked:  # once a batch: never below what the table holds
            self.next_ids[kind] = max(self.next_ids.get(kind, 1), max(map(int, table), default=0) + 1)
            self._ids_checked.add(kind)
        if record_id is None:
            record_id = self.next_ids[kind]
        elif str(record_id) in table:
            raise ValueError(f"{kind} #{record_id} exists")
        record = {**spec.blank(), **_without_meta(values)}
        record.update(
            id=record_id, rev=1, created_at=self.now, updated_at=self.now, updated_by=self.repository.user
        )
        record = self._derive(spec, None, record)
        self._validate(spec, record, None, checked=checked)
        table[str(record_id)] = record
        self.next_ids[kind] = max(self.next_ids[kind], record_id + 1)
        self.log.append(audit.Change(self.now, self.repository.user, kind, record_id, "create", None, record))
        return record

    def update(
        self, kind: str, record_id: int, values: dict[str, Any], *, expected_rev: int, checked: bool = False
    ) -> dict[str, Any]:
        before = self.get(kind, record_id)
        if before is None or before.get("rev") != expected_rev:
            raise Conflict(kind, record_id, expected_rev, before)
        return self._replace(kind, before, _without_meta(values), checked=checked)

    def delete(
        self, kind: str, record_id: int, *, expected_rev: int | None = None, clear_links: bool = False
    ) -> None:
        before = self.get(kind, record_id)
        if before is None:
            raise NotFound(kind, record_id)
        if expected_rev is not None and before.get("rev") != expected_rev:
            raise Conflict(kind, record_id, expected_rev, before)
        refs = _links_to(self.data, kind, record_id)
        if refs and not clear_links:
            raise StillLinked(kind, record_id, refs)
        for ref_kind, ref_id, ref_field, _title in refs:
            referrer = self.get(ref_kind, ref_id)
            if referrer is not None:  # several fields of one record may link
                spec = KINDS[ref_kind]
                remaining = spec.field(ref_field).without(referrer.get(ref_field), record_id)
                follow_up = spec.on_unlink.get(ref_field, {}) if not remaining else {}
                self._replace(ref_kind, referrer, {ref_field: remaining, **follow_up})
        del self.table(kind)[str(record_id)]
        self.log.append(audit.Change(self.now, self.repository.user, kind, record_id, "delete", before, None))

    def _replace(
        self, kind: str, before: dict[str, Any], values: dict[str, Any], *, checked: bool = False
    ) -> dict[str, Any]:
        spec = KINDS[kind]
        record = {**before, **values}
        if record == before:
            return before
        record.update(rev=before["rev"] + 1, updated_at=self.now, updated_by=self.repository.user)
        record = self._derive(spec, before, record)
        self._validate(spec, record, before, checked=checked)
        self.table(kind)[str(before["id"])] = record
        self.log.append(
            audit.Change(self.now, self.repository.user, kind, before["id"], "update", before, record)
        )
        return record

    def _derive(self, spec: Kind, before: dict[str, Any] | None, record: dict[str, Any]) -> dict[str, Any]:
        if spec.derive is None:
            return record
        return spec.derive(before, record, at=self.now, by=self.repository.user)

    def _validate(
        self, spec: Kind, record: dict[str, Any], before: dict[str, Any] | None, *, checked: bool = False
    ) -> None:
        """Refuse ``record`` with every problem, else count it as written (for unique fields).

        ``checked``: an import checked the record against this very data before the lock.
        """
        problems = []
        if spec.unique and spec.name not in self._unique:
            self._unique[spec.name] = UniqueIndex(
                spec, self.records(spec.name), current=lambda record_id: self.get(spec.name, record_id)
            )
        if not checked:
            index = self._unique.get(spec.name, ())
            problems = validate_record(spec, record, others=index, link_exists=self.link_exists)
        problems.extend(self._erased_problems(spec, record, before))
        if problems:
            raise ValidationFailed(spec.name, problems)
        if spec.unique:
            self._unique[spec.name].add(spec, record)

    def _erased_problems(
        self, spec: Kind, record: dict[str, Any], before: dict[str, Any] | None
    ) -> list[Problem]:
        """An address whose owner was erased comes back only when the caller confirmed it."""
        if self.allow_erased or not self.data.get(erasure.ERASED_TABLE):
            return []
        problems = []
        for candidate in spec.fields:
            if not isinstance(candidate, Email):
                continue
            value = record.get(candidate.name)
            if not value or (before is not None and before.get(candidate.name) == value):
                continue
            when = erasure.erased_on(self.data, self.repository.path, value)
            if when:
                problems.append(
                    Problem(candidate.name, t("privacy.erased_before", date=long_date(when[:10])))
                )
        return problems

    def link_exists(self, kind: str, record_id: int) -> bool:
        return str(record_id) in self.data.get(kind, {})


def _without_meta(values: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in values.items() if name not in META_FIELDS}


def _links_to(data: dict[str, Any], kind: str, record_id: int) -> list[LinkRef]:
    refs: list[LinkRef] = []
    for other in KINDS.values():
        link_fields = [link for link in other.links() if link.target == kind]
        if not link_fields:
            continue
        for record in data.get(other.name, {}).values():
            for link in link_fields:
                if record_id in link.ids(record.get(link.name)):
                    refs.append((other.name, record["id"], link.name, other.title_of(record)))
    return refs
