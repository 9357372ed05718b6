"""What every command needs: global options, the user, the repository, exit codes."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..services import Repository, load_config, os_account, resolve_db_path
from ..text import printable

EXIT_OK = 0
EXIT_DATA = 1  # invalid rows, failed check
EXIT_USAGE = 2  # usage, or a database that cannot be used


class CommandFailed(Exception):
    """Stop the command with a message on stderr and an exit code."""

    def __init__(self, message: str, code: int = EXIT_DATA) -> None:
        super().__init__(message)
        self.code = code


def current_user(option: str | None, db: Path | None = None, config: str | None = None) -> str:
    """``--user``, else ``SSA_TUI_USER``, else the OS account.

    In a team set-up (roles in the settings file) people log in to a shared account and
    get ``--user`` from their key's forced command; there ``SSA_TUI_USER`` — a variable anyone
    can set — is honoured only when it names the OS account itself.
    """
    if option:
        return option
    account = os_account()
    chosen = os.environ.get("SSA_TUI_USER")
    if chosen and (db is None or not load_config(db, config).has_roles or chosen == account):
        return chosen
    return account


def db_path(args: argparse.Namespace) -> Path:
    return resolve_db_path(getattr(args, "db", None))


def open_repository(args: argparse.Namespace, *, read_now: bool = True) -> Repository:
    """The repository named by the options; a missing/corrupt database raises (exit 2).

    ``read_now=False``: the first read comes later (the TUI reads after its first frame and
    raises the same errors then)."""
    config = getattr(args, "config", None)
    repository = Repository(
        db_path(args),
        user=current_user(getattr(args, "user", None), db_path(args), config),
        read_only=bool(getattr(args, "read_only", False)),
        config=config,
    )
    if read_now:
        repository.open_check()
    return repository


def error(message: str) -> None:
    """One line on stderr, control characters made visible."""
    print(printable(message, multiline=True), file=sys.stderr)
