"""The application layer: one function per user intent, used by the TUI and the command line.

No Textual here. Front-ends import what they need of the store's vocabulary (the repository they
hand in, the errors they show) from this package, never from ``ssa_tui.store`` itself.
"""

from ..store import (
    Conflict,
    DatabaseUnusable,
    ReadOnlyError,
    Repository,
    StillLinked,
    StoreError,
    ValidationFailed,
    office_now,
    resolve_db_path,
)
from ..store.config import load_config, os_account
from ..store.files import OutputExists, OutputFailed, ProtectedPath, UnsafeFileName

__all__ = [
    "Conflict",
    "DatabaseUnusable",
    "ReadOnlyError",
    "Repository",
    "StillLinked",
    "StoreError",
    "ValidationFailed",
    "OutputExists",
    "OutputFailed",
    "ProtectedPath",
    "UnsafeFileName",
    "load_config",
    "office_now",
    "os_account",
    "resolve_db_path",
]
