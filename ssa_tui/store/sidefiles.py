"""The database's own files (temp files, audit log, lock, backups, journals): safe and shared.

Every file the store creates is 0660 in the database's group and every folder 2770, whatever
the umask of the session that happens to create it (SSH sessions run with 022, cron with 007):
the office works as a group, nobody else reads. Temp files get unpredictable names and are
created exclusively without following symlinks, so a planted link receives nothing.
Folders are made by :func:`ssa_tui.store.files.make_private_dir`.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path

from .files import FILE_MODE, share_with_group

_NEW = os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


def open_side_file(path: Path, db_path: Path, flags: int = os.O_WRONLY | os.O_APPEND) -> int:
    """Open ``path`` with ``flags``; a missing file is created 0660 in the db's group.

    Never follows a symlink. Raises OSError (with the file name) like ``os.open``.
    """
    try:
        fd = os.open(path, flags | _NEW, 0o600)
    except FileExistsError:
        return os.open(path, flags | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        share_with_group(fd, db_path, FILE_MODE)
    except OSError:
        os.close(fd)
        raise
    return fd


def ensure_side_file(path: Path, db_path: Path) -> None:
    """Create ``path`` empty (0660, the db's group) unless it exists."""
    with contextlib.suppress(FileExistsError):
        os.close(open_side_file(path, db_path, os.O_WRONLY))


def write_temp(target: Path, payload: bytes, db_path: Path) -> Path:
    """A new temp file next to ``target`` holding ``payload``, fsynced, 0660 in the db's group.

    The caller renames it over ``target`` (or removes it). Its name starts with ``.<target
    name>.`` and ends with ``.tmp``, so a writer killed before the rename leaves a file that
    :meth:`LockedJSONStorage._sweep_temp_files` finds.
    """
    temp = target.with_name(f".{target.name}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
    fd = os.open(temp, os.O_WRONLY | _NEW, 0o600)
    try:
        share_with_group(fd, db_path, FILE_MODE)
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    os.close(fd)
    return temp


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
