"""Starting the terminal UI from the command line."""

from __future__ import annotations

import argparse
import sys

from ..i18n import t
from .context import EXIT_USAGE, error, open_repository


def run_tui(args: argparse.Namespace) -> int:
    """Open the database and run the app; without a terminal say so and stop (exit 2)."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        error(t("cli.no_terminal"))
        return EXIT_USAGE
    repository = open_repository(args)
    from ..ui.app import run_app

    return run_app(repository)
