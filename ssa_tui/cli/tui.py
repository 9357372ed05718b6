"""Starting the terminal UI from the command line."""

from __future__ import annotations

import argparse
import sys

from ..i18n import t
from .context import EXIT_USAGE, error, open_repository


def run_tui(args: argparse.Namespace) -> int:
    """Open the database and run the app; without a terminal say so and stop (exit 2).

    The app reads the database after its first frame; a database it cannot use ends it, and
    the failure is raised from :func:`run_app` (reported by ``main`` as for every command)."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        error(t("cli.no_terminal"))
        return EXIT_USAGE
    repository = open_repository(args, read_now=False)
    from ..ui.app import run_app

    return run_app(repository)
