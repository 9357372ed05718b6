"""The log of unexpected errors beside the database (``db.json.errors.log``).

A front-end that catches what escaped an action writes here what a developer needs — time,
user, error type, message, stack — and never the values of local variables, so no record
contents reach the file. The file is created 0660 whatever the umask (the team's group reads it).
"""

from __future__ import annotations

import os
import traceback
from datetime import datetime, timezone
from pathlib import Path


def error_log_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".errors.log")


def log_error(db_path: Path, user: str, error: BaseException) -> Path | None:
    """Append ``error`` with its stack (no locals); returns the log's path, None if it could not be written."""
    stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
    stack = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    entry = f"--- {stamp} user={user!r} {type(error).__module__}.{type(error).__qualname__}\n{stack}\n"
    path = error_log_path(db_path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o660)
    except OSError:
        return None
    try:
        if os.fstat(fd).st_uid == os.geteuid():
            os.fchmod(fd, 0o660)
        os.write(fd, entry.encode("utf-8", "backslashreplace"))
    except OSError:
        return None
    finally:
        os.close(fd)
    return path
