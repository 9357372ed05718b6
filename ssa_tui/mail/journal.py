"""Per-recipient delivery marks, written as each mail goes out, and the one-sender-at-a-time lock.

``db.json.sends/newsletter-<uid>.jsonl`` (a resend: ``…<uid>.round2.jsonl`` …): one line per accepted mail, appended and fsynced
before the next mail is sent, so an interrupted send resumes without mailing anyone twice.
(Rewriting the whole db.json after every mail would cost a full write per recipient.)

The journal belongs to the newsletter's own unique identity (``uid``, kept in the record), not
to its number: a newsletter created after restoring an older backup may get the number of one
that was sent, and must not inherit its marks.

``db.json.sends/newsletter-<uid>.lock``: held (``flock``) for the whole send and naming who sends
since when, so a second send of the same newsletter stops at once with that message; the kernel
drops the lock when the sending process ends, however it ends.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
from datetime import datetime, timezone
from pathlib import Path

from ..i18n import os_reason, t
from ..store import StoreError
from ..store.sidefiles import open_side_file
from ..store.files import make_private_dir


def sends_dir(db_path: Path) -> Path:
    db = Path(db_path).absolute()
    return db.with_name(db.name + ".sends")


def journal_path(db_path: Path, uid: str, round_: int = 0) -> Path:
    """The journal of one round of one newsletter (a resend is a new round with its own marks,
    so an interrupted resend resumes that round without mailing anyone twice)."""
    suffix = f".round{round_ + 1}" if round_ else ""
    return sends_dir(db_path) / f"newsletter-{uid}{suffix}.jsonl"


class JournalFailed(StoreError):
    """The journal or lock file cannot be opened (a planted symlink, no rights, disk full)."""


def _open(path: Path, db_path: Path, flags: int) -> int:
    """Open (create) a journal or lock file; never through a symlink, 0660 whatever the umask."""
    try:
        folder = path.parent
        if not folder.is_dir():
            make_private_dir(folder, db_path)
        # Created 0660 in the db's group whatever the umask; an existing one (perhaps another
        # staff account's) is opened as it is.
        return open_side_file(path, db_path, flags)
    except OSError as error:
        raise JournalFailed(t("mail.journal_failed", path=path, detail=os_reason(error))) from None


def delivered(path: Path) -> dict[str, str]:
    """Address (case-folded) → when it was accepted; a torn last line is ignored."""
    marks: dict[str, str] = {}
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                try:
                    entry = json.loads(line)
                    marks[entry["to"].casefold()] = entry["at"]
                except (ValueError, KeyError, TypeError, AttributeError):
                    continue
    except FileNotFoundError:
        pass
    return marks


class Journal:
    """Appends delivery marks to one newsletter's journal."""

    def __init__(self, path: Path, db_path: Path) -> None:
        self.path = path
        self.fd = _open(path, db_path, os.O_RDWR | os.O_APPEND)
        size = os.fstat(self.fd).st_size
        if size and os.pread(self.fd, 1, size - 1) != b"\n":
            os.write(self.fd, b"\n")  # end a line torn by a crash, so the next mark stands alone

    def mark(self, address: str) -> str:
        """Mark ``address`` as delivered, on disk before this returns; a failed write (disk
        full) stops the send with the journal's name rather than send on unrecorded."""
        at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        line = (json.dumps({"to": address, "at": at}) + "\n").encode()
        try:
            if os.write(self.fd, line) != len(line):  # a short write: the disk is full
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            os.fsync(self.fd)
        except OSError as error:
            raise JournalFailed(
                t("mail.journal_write_failed", path=self.path, detail=os_reason(error))
            ) from None
        return at

    def close(self) -> None:
        os.close(self.fd)


class SendLock:
    """One sender per newsletter: ``acquire`` returns None, or who holds it and since when."""

    def __init__(self, db_path: Path, uid: str) -> None:
        self.path = sends_dir(db_path) / f"newsletter-{uid}.lock"
        self.db_path = db_path
        self.fd: int | None = None

    def acquire(self, user: str, since: str) -> dict[str, str] | None:
        fd = _open(self.path, self.db_path, os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            return holder
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"user": user, "since": since, "pid": os.getpid()}).encode(), 0)
        self.fd = fd
        return None

    def release(self) -> None:
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            os.close(self.fd)  # closing drops the flock
            self.fd = None


def _holder(fd: int) -> dict[str, str]:
    try:
        entry = json.loads(os.pread(fd, 4096, 0) or b"{}")
        return {"user": str(entry.get("user", "?")), "since": str(entry.get("since", "?"))}
    except ValueError:
        return {"user": "?", "since": "?"}
