"""Storage of ssa-tui: a locked, atomic TinyDB storage and the repository above it.

Knows the schema and files; nothing of Textual or mail (an import-linter contract keeps it so).
"""

from .errors import (
    Conflict,
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseMissing,
    DatabaseUnusable,
    NotFound,
    ReadOnlyError,
    StaleWrite,
    StillLinked,
    StoreError,
    ValidationFailed,
    WriteFailed,
)
from .repository import Batch, Repository, office_now, resolve_db_path
from .storage import LockedJSONStorage, SharedTinyDB

__all__ = [
    "Batch",
    "Conflict",
    "DatabaseCorrupt",
    "DatabaseLocked",
    "DatabaseMissing",
    "DatabaseUnusable",
    "LockedJSONStorage",
    "SharedTinyDB",
    "NotFound",
    "ReadOnlyError",
    "Repository",
    "StaleWrite",
    "StillLinked",
    "StoreError",
    "ValidationFailed",
    "WriteFailed",
    "office_now",
    "resolve_db_path",
]
