"""A TinyDB storage that several processes can share without ever losing a write.

* Writers take an exclusive lock on ``db.json.lock`` (``filelock``) for the whole
  read-modify-write, re-read the file under the lock, and replace it atomically: temp file in
  the same folder, flush, fsync, ``os.replace``, fsync of the folder. A writer killed at any
  moment leaves either the old or the new file, both complete.
* Readers take no lock. Each write stamps a fresh ``generation`` at the very start of the file,
  so a reader notices another process's change by reading a few bytes and re-parses only then.
* Before each replace the old file is kept as a hard link in ``db.json.backups/`` (cheap, no
  copy; a copy where the account may not link the file); the newest ``keep_backups`` are kept.
* What is read is checked for its shape, not only that it parses; a damaged file raises
  :class:`DatabaseCorrupt` and is never written over.
* Every file and folder it creates is 0660 / 2770 in the database's group, whatever the umask
  (:mod:`.sidefiles`). A symlinked ``db.json`` is resolved once, so writes replace the real
  file and never the link.

The class is a real :class:`tinydb.Storage`, so ``TinyDB(path, storage=LockedJSONStorage)`` is
safe in admin scripts too: a plain TinyDB write based on data that another process has changed
since is refused (:class:`StaleWrite`) instead of overwriting that change.
"""

from __future__ import annotations

import contextlib
import errno
import math
import os
import re
import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from ..i18n import os_reason, t
from ..schema import KINDS
from .errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseMissing,
    DatabaseUnusable,
    ReadOnlyError,
    StaleWrite,
    WriteFailed,
)
from .files import make_private_dir
from .sidefiles import ensure_side_file, fsync_dir, write_temp

if TYPE_CHECKING:
    import filelock

META_TABLE = "_meta"
FORMAT_VERSION = 2  # 2: schools, allocations, funding lines, two end dates (store/migrate.py)
_GENERATION = re.compile(rb'^\{"_meta":\{"1":\{"generation":"([0-9a-f]+)"')
#: The format number as this storage writes it, right after the generation stamp.
_HEAD_FORMAT = re.compile(rb'^\{"_meta":\{"1":\{"generation":"[0-9a-f]+","format":([0-9]+)[,}]')
_HEAD_BYTES = 96
LOCK_TIMEOUT_ENV = "SSA_TUI_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 10.0


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def backups_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".backups")


def real_db_path(path: str | os.PathLike[str]) -> Path:
    """The database's real path: a symlinked ``db.json`` is resolved once, here.

    Writes then replace the file the link points to (the link stays a link), and the lock,
    audit log and backups live beside the real file, the same for every way of naming it.
    """
    return Path(os.path.realpath(path))


def lock_timeout_from_env() -> float:
    """``$SSA_TUI_LOCK_TIMEOUT`` in seconds (default 10); anything but a number ≥ 0 is refused."""
    text = os.environ.get(LOCK_TIMEOUT_ENV)
    if text is None or not text.strip():
        return DEFAULT_LOCK_TIMEOUT
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds < 0:
        raise DatabaseUnusable(t("store.bad_lock_timeout", name=LOCK_TIMEOUT_ENV, value=text[:40]))
    return seconds


def _is_int(value: Any) -> bool:
    return type(value) is int  # JSON true/false load as bool, which Python counts as int


def check_shape(data: Any) -> str | None:
    """What is wrong with the shape of a parsed database (a German text), or None when sound.

    Random damage to a JSON file still parses about one time in five: a database is an object
    of tables, each an object of records keyed by a numeric id; a record of a known kind carries
    that id as its ``id`` and a revision ``rev`` (a whole number from 1); the ``_meta`` table
    holds record 1 with the generation stamp, the format number and the next ids. Everything
    that reads or changes a record relies on these.
    """
    if not isinstance(data, dict):
        return t("store.shape_not_tables")
    for name, table in data.items():
        if not isinstance(table, dict):
            return t("store.shape_table", table=name)
        for key, record in table.items():
            if not (key.isascii() and key.isdigit()) or not isinstance(record, dict):  # not "²"
                return t("store.shape_record", table=name, key=key[:40])
            if name in KINDS and not (_is_int(record.get("id")) and record["id"] == int(key)):
                return t("store.shape_id", table=name, key=key, id=repr(record.get("id"))[:40])
            if name in KINDS and not (_is_int(record.get("rev")) and record["rev"] > 0):
                return t("store.shape_rev", table=name, key=key, rev=repr(record.get("rev"))[:40])
    return _meta_problem(data.get(META_TABLE))


def _meta_problem(meta: Any) -> str | None:
    if meta is None:
        return None  # a file written by plain TinyDB
    record = meta.get("1")
    next_ids = record.get("next_ids", {}) if isinstance(record, dict) else None
    if (
        set(meta) != {"1"}
        or not isinstance(record, dict)
        or not isinstance(record.get("generation", ""), str)
        or not _is_int(record.get("format", FORMAT_VERSION))
        or not 1 <= record.get("format", FORMAT_VERSION) <= FORMAT_VERSION  # newer: a newer ssa-tui
        or not isinstance(next_ids, dict)
        or not all(_is_int(value) and value > 0 for value in next_ids.values())
    ):
        return t("store.shape_meta", table=META_TABLE)
    return None


def empty_database() -> dict[str, Any]:
    return {META_TABLE: {"1": {"generation": "0", "format": FORMAT_VERSION, "next_ids": {}}}}


class LockedJSONStorage(Storage):
    """TinyDB storage on one JSON file shared by many processes (see module doc)."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        lock_timeout: float | None = None,
        keep_backups: int = 20,
        create: bool = False,
    ) -> None:
        self.path = real_db_path(path)
        self.read_only = read_only
        self.lock_timeout = lock_timeout_from_env() if lock_timeout is None else lock_timeout
        self.keep_backups = keep_backups
        #: The write lock, made on the first write (reading needs no ``filelock``, whose import
        #: is slow for a program that has not drawn its first screen yet).
        self._lock: filelock.FileLock | None = None
        self._making_lock = threading.Lock()  # workers in threads may write first
        self._data: dict[str, Any] | None = None
        self._generation: bytes | None = None
        self._stat_key: tuple[int, int, int] | None = None
        self._swept = False
        if create and not self.path.exists():
            self._create_empty()

    # -- reading ----------------------------------------------------------------------------
    def read(self) -> dict[str, Any]:
        """The whole database; parsed again only when another process has changed the file.

        The returned dict is shared with later calls: treat it as read-only (the repository
        replaces records, it never edits them in place).
        """
        try:
            with open(self.path, "rb") as handle:
                head = handle.read(_HEAD_BYTES)
                stat = os.fstat(handle.fileno())
                generation = self._generation_in(head)
                stat_key = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
                if self._data is not None and self._unchanged(generation, stat_key):
                    return self._data
                raw = head + handle.read()
        except FileNotFoundError:
            raise DatabaseMissing(t("store.missing", path=self.path)) from None
        except OSError as error:
            raise DatabaseUnusable(t("store.unreadable", path=self.path, detail=os_reason(error))) from None
        data = self.parse(raw)
        self._data, self._generation, self._stat_key = data, generation, stat_key
        return data

    def _unchanged(self, generation: bytes | None, stat_key: tuple[int, int, int]) -> bool:
        if generation is not None:
            return generation == self._generation
        return stat_key == self._stat_key  # a file written by plain TinyDB: no generation stamp

    def format_at_head(self) -> int | None:
        """The format number stamped at the start of the file, from a few bytes; None when it is
        not where this storage writes it (a file of plain TinyDB, an unreadable file): then only
        a full read tells. Opening a database of today's format so needs no parse."""
        try:
            with open(self.path, "rb") as handle:
                match = _HEAD_FORMAT.match(handle.read(_HEAD_BYTES))
        except OSError:
            return None  # the first read reports it
        return int(match.group(1)) if match else None

    @staticmethod
    def _generation_in(head: bytes) -> bytes | None:
        match = _GENERATION.match(head)
        return match.group(1) if match else None

    def parse(self, raw: bytes) -> dict[str, Any]:
        def corrupt(detail: str) -> DatabaseCorrupt:
            return DatabaseCorrupt(
                t("store.corrupt", path=self.path, detail=detail, backups=backups_dir(self.path))
            )

        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            raise corrupt(
                t("store.json_error", msg=error.msg, line=error.lineno, column=error.colno)
            ) from None
        problem = check_shape(data)
        if problem:
            raise corrupt(problem)
        return data

    def generation(self) -> bytes | None:
        """A token that changes with every write (for screens that refresh on change)."""
        self.read()
        return self._generation

    # -- writing ----------------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(
        self, before_replace: Callable[[], Callable[[], None]] | None = None
    ) -> Iterator[dict[str, Any]]:
        """Lock, re-read, let the caller change a copy, write it once; all or nothing.

        The yielded dict holds shallow copies of every table: replace records, add or remove
        keys, but do not mutate a record dict in place. When the block raises, nothing is
        written, and an unchanged copy is not written either. ``before_replace`` runs once the
        new file is safely on disk and before it replaces the old one, under the lock: the audit
        log is appended there, so no change commits unaudited; it returns an undo that runs if
        the replace then fails. The lock is held only for this block — never while a person types.
        """
        with self._exclusive():
            if not self._swept:
                self._sweep_temp_files()
            current = self.read()
            working = {name: dict(table) for name, table in current.items()}
            yield working
            if working != current:
                self._write_locked(working, before_replace)

    def write(self, data: dict[str, Any]) -> None:
        """TinyDB's write: replace the whole database, refused if the file changed meanwhile."""
        based_on = self._generation, self._stat_key
        with self._exclusive():
            self.read()
            if (self._generation, self._stat_key) != based_on:
                raise StaleWrite(t("store.stale_write", path=self.path))
            problem = check_shape(data)
            if problem:  # never write what the next read would refuse as damaged
                raise WriteFailed(t("store.write_refused_shape", detail=problem))
            self._write_locked(dict(data))

    def _write_locked(
        self, data: dict[str, Any], before_replace: Callable[[], Callable[[], None]] | None = None
    ) -> None:
        meta = data.get(META_TABLE, empty_database()[META_TABLE]).get("1", {})
        generation = uuid.uuid4().hex
        # The generation must be the first key of the first table: readers look for it there.
        meta_first = {"generation": generation, **{k: v for k, v in meta.items() if k != "generation"}}
        ordered = {META_TABLE: {"1": meta_first}, **{k: v for k, v in data.items() if k != META_TABLE}}
        try:
            payload = orjson.dumps(
                ordered
            )  # compact UTF-8, as json.dumps(ensure_ascii=False) but ~15x faster
        except orjson.JSONEncodeError as error:  # e.g. an integer beyond 64 bits
            raise WriteFailed(t("store.unencodable", detail=error)) from None
        temp: Path | None = None
        try:
            temp = write_temp(self.path, payload, self.path)
            undo = before_replace() if before_replace is not None else None
            try:
                self._keep_backup()
                os.replace(temp, self.path)
            except BaseException:
                if undo is not None:
                    undo()
                raise
            temp = None
            fsync_dir(self.path.parent)
        except OSError as error:
            self._data = self._generation = self._stat_key = None
            failed = error.filename if error.filename and error.filename != str(temp) else self.path
            raise WriteFailed(t("store.write_failed_file", path=failed, detail=os_reason(error))) from None
        finally:
            if temp is not None:
                with contextlib.suppress(OSError):
                    temp.unlink()
        stat = os.stat(self.path)
        self._data = ordered
        self._generation = generation.encode()
        self._stat_key = (stat.st_ino, stat.st_size, stat.st_mtime_ns)

    def _keep_backup(self) -> None:
        """Keep the file about to be replaced in the backups folder; drop the oldest.

        A hard link costs nothing; where the account may not link the file (it belongs to
        someone else, e.g. a database copied in by root) or the file system has no links, the
        bytes are copied instead, so the backups never stop silently (``check`` names the cause).
        """
        if self.keep_backups <= 0 or not self.path.exists():
            return
        folder = make_private_dir(backups_dir(self.path), self.path)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        target = folder / f"{self.path.stem}-{stamp}.json"
        try:
            try:
                os.link(self.path, target)
            except FileExistsError:
                return
            except OSError as error:
                if error.errno not in (errno.EPERM, errno.EACCES, errno.EXDEV, errno.EMLINK):
                    raise
                with open(self.path, "rb") as handle:
                    os.replace(write_temp(target, handle.read(), self.path), target)
        except OSError as failed:  # the message names the backups folder, not the db or a temp file
            raise OSError(failed.errno, failed.strerror, str(folder)) from None
        # Only the automatic ones rotate; copies made with `ssa-tui backup` ("-manual-") stay.
        automatic = re.compile(rf"^{re.escape(self.path.stem)}-\d{{8}}T\d+Z\.json$")
        names = sorted(name for name in os.listdir(folder) if automatic.match(name))
        for name in names[: -self.keep_backups]:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(folder / name)

    def _sweep_temp_files(self) -> None:
        """Remove temp files left by writers that were killed (only ever under the lock)."""
        prefix = f".{self.path.name}."
        for name in os.listdir(self.path.parent):
            if name.startswith(prefix) and name.endswith(".tmp"):
                with contextlib.suppress(OSError):  # best effort: a planted folder just stays
                    os.unlink(self.path.parent / name)
        self._swept = True

    def _create_empty(self) -> None:
        with self._exclusive():
            if not self.path.exists():
                self._write_locked(empty_database())

    def exclusive(self) -> contextlib.AbstractContextManager[None]:
        """The write lock alone, for side files written in step with the database."""
        return self._exclusive()

    @contextlib.contextmanager
    def _exclusive(self) -> Iterator[None]:
        if self.read_only:
            raise ReadOnlyError()
        import filelock

        lock = lock_path(self.path)
        with self._making_lock:
            if self._lock is None:
                self._lock = filelock.FileLock(lock, mode=0o660)
        try:
            ensure_side_file(lock, self.path)  # 0660 in the db's group, before filelock opens it
            self._lock.acquire(timeout=self.lock_timeout)
        except filelock.Timeout:
            raise DatabaseLocked(t("store.locked", path=self.path, seconds=int(self.lock_timeout))) from None
        except OSError as error:
            raise DatabaseUnusable(t("store.lock_failed", path=lock, detail=os_reason(error))) from None
        try:
            yield
        finally:
            self._lock.release()

    def close(self) -> None:
        self._data = None


class SharedTinyDB(TinyDB):
    """Plain TinyDB for admin scripts, made safe for a shared ``db.json``.

    ``SharedTinyDB("db.json")`` locks, writes atomically, sees other processes' changes and
    refuses a write based on stale data (:class:`StaleWrite`). Its tables have no query cache:
    TinyDB drops cached results only on writes through the same table object, so another
    process's change would go unseen (reads are cheap anyway: the storage re-parses only when
    the file's generation changed).
    """

    default_storage_class = LockedJSONStorage

    def table(self, name: str, **kwargs: Any) -> Table:
        kwargs["cache_size"] = 0
        return super().table(name, **kwargs)
