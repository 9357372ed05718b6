"""What every command needs: global options, the user, the repository, exit codes."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from ..store import Repository, resolve_db_path
from ..text import printable

EXIT_OK = 0
EXIT_DATA = 1  # invalid rows, failed check
EXIT_USAGE = 2  # usage, or a database that cannot be used


class CommandFailed(Exception):
    """Stop the command with a message on stderr and an exit code."""

    def __init__(self, message: str, code: int = EXIT_DATA) -> None:
        super().__init__(message)
        self.code = code


def current_user(option: str | None) -> str:
    """``--user``, else ``SSA_TUI_USER``, else the login name of the OS account."""
    return option or os.environ.get("SSA_TUI_USER") or getpass.getuser()


def db_path(args: argparse.Namespace) -> Path:
    return resolve_db_path(getattr(args, "db", None))


def open_repository(args: argparse.Namespace) -> Repository:
    """The repository named by the options; a missing/corrupt database raises (exit 2)."""
    repository = Repository(
        db_path(args),
        user=current_user(getattr(args, "user", None)),
        read_only=bool(getattr(args, "read_only", False)),
    )
    repository.open_check()
    return repository


def error(message: str) -> None:
    """One line on stderr, control characters made visible."""
    print(printable(message, multiline=True), file=sys.stderr)
