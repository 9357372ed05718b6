"""Entry point: global options, sub-commands from their modules, exit codes, no tracebacks."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .. import i18n
from ..store import DatabaseUnusable, ReadOnlyError, StoreError
from .context import EXIT_DATA, EXIT_USAGE, CommandFailed, error

#: Modules that add sub-commands; each has ``register(subparsers, common)``.
COMMAND_MODULES = ("records", "exchange", "newsletter", "team", "person", "round")


def common_options(*, suppress: bool) -> argparse.ArgumentParser:
    """Global options, accepted before and after the sub-command."""
    default = argparse.SUPPRESS if suppress else None
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument(
        "--db", metavar="PATH", default=default, help="Datenbank (sonst $SSA_TUI_DB, sonst ./db.json)"
    )
    parser.add_argument(
        "--user", metavar="NAME", default=default, help="Benutzername (sonst $SSA_TUI_USER, sonst Login)"
    )
    parser.add_argument(
        "--config",
        metavar="PATH",
        default=default,
        help="Einstellungsdatei (sonst $SSA_TUI_CONFIG, sonst ssa-tui.toml neben der Datenbank)",
    )
    parser.add_argument(
        "--read-only", action="store_true", default=argparse.SUPPRESS if suppress else False, help="nur lesen"
    )
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default=default, help="Sprache (de, en)")
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ssa-tui",
        description="Netzwerk der Schulsozialarbeit im Kreis Soest – Terminal-Anwendung und Werkzeuge.",
        parents=[common_options(suppress=False)],
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = common_options(suppress=True)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"{__package__}.{name}")
        module.register(subparsers, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.lang:
        i18n.set_language(args.lang)
    try:
        if args.command is None:
            from .tui import run_tui

            return run_tui(args)
        return int(args.func(args) or 0)
    except CommandFailed as failure:
        error(str(failure))
        return failure.code
    except DatabaseUnusable as failure:
        error(str(failure))
        return EXIT_USAGE
    except ReadOnlyError as failure:
        error(str(failure))
        return EXIT_USAGE
    except StoreError as failure:
        error(str(failure))
        return EXIT_DATA
    except KeyboardInterrupt:
        return 130


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
