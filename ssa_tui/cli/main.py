"""Entry point: global options, sub-commands from their modules, exit codes, no tracebacks."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from .. import i18n
from ..i18n import t
from ..services import DatabaseUnusable, ReadOnlyError, StoreError
from ..services.error_log import log_error
from .context import EXIT_DATA, EXIT_USAGE, CommandFailed, current_user, db_path, error

#: Modules that add sub-commands; each has ``register(subparsers, common)``.
COMMAND_MODULES = ("records", "exchange", "newsletter", "team", "person", "round", "report")


#: argparse's own message templates (what it passes to gettext) and their catalogue keys.
ARGPARSE_TEMPLATES = {
    "%(prog)s: error: %(message)s\n": "cli.argparse.error",
    "argument %(argument_name)s: %(message)s": "cli.argparse.argument",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli.argparse.invalid_choice",
    "the following arguments are required: %s": "cli.argparse.required",
    "unrecognized arguments: %s": "cli.argparse.unrecognized",
    "expected one argument": "cli.argparse.one",
    "expected at most one argument": "cli.argparse.at_most_one",
    "expected at least one argument": "cli.argparse.at_least_one",
    "expected %s argument": "cli.argparse.n_one",
    "expected %s arguments": "cli.argparse.n_many",
    "not allowed with argument %s": "cli.argparse.not_allowed",
    "ignored explicit argument %r": "cli.argparse.ignored",
    "invalid %(type)s value: %(value)r": "cli.argparse.invalid_type",
    "ambiguous option: %(option)s could match %(matches)s": "cli.argparse.ambiguous",
    "one of the arguments %s is required": "cli.argparse.one_of",
}


def _argparse_text(template: str) -> str:
    """argparse's gettext hook: its messages in the current language (unknown ones as they are)."""
    key = ARGPARSE_TEMPLATES.get(template)
    return t(key) if key else template


# argparse looks these two names up in its own module each time it words a message.
argparse._ = _argparse_text  # type: ignore[attr-defined]
argparse.ngettext = lambda one, many, n: _argparse_text(one if n == 1 else many)  # type: ignore[attr-defined]


class CatalogueParser(argparse.ArgumentParser):
    """An argument parser whose own words (usage, headings, ``-h``) come from the catalogue.

    Sub-command parsers are made with this class too (``add_subparsers(parser_class=...)``).
    """

    def __init__(self, *args, add_help: bool = True, parents=(), **kwargs) -> None:
        kwargs.setdefault("formatter_class", CatalogueHelpFormatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = t("cli.main.positionals")
        self._optionals.title = t("cli.main.options")
        if add_help:
            self.add_argument("-h", "--help", action="help", help=t("cli.main.help"))
        for parent in parents:  # as argparse does, but after the headings are named
            self._add_container_actions(parent)
            self._defaults.update(parent._defaults)


class CatalogueHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, prefix if prefix is not None else t("cli.main.usage"))


def common_options(*, suppress: bool) -> argparse.ArgumentParser:
    """Global options, accepted before and after the sub-command."""
    default = argparse.SUPPRESS if suppress else None
    parser = CatalogueParser(add_help=False)
    parser.add_argument("--db", metavar="PATH", default=default, help=t("cli.main.db"))
    parser.add_argument("--user", metavar="NAME", default=default, help=t("cli.main.user"))
    parser.add_argument("--config", metavar="PATH", default=default, help=t("cli.main.config"))
    parser.add_argument(
        "--read-only",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help=t("cli.main.read_only"),
    )
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default=default, help=t("cli.main.lang"))
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, its help in the current language (see :func:`choose_language`)."""
    parser = CatalogueParser(
        prog="ssa-tui", description=t("cli.main.description"), parents=[common_options(suppress=False)]
    )
    subparsers = parser.add_subparsers(
        dest="command", metavar="COMMAND", title=t("cli.main.commands"), parser_class=CatalogueParser
    )
    common = common_options(suppress=True)
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"{__package__}.{name}")
        module.register(subparsers, common)
    return parser


class _TuiOptions(CatalogueParser):
    """The global options alone; anything else is left to the whole command line's parser."""

    def error(self, message: str) -> NoReturn:
        raise argparse.ArgumentError(None, message)


def tui_arguments(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """The options when the command line only starts the TUI (global options, no command, no
    help), parsed without building every command's parser — their modules import mail,
    exchange and templates, which the TUI's first frame does not need. None otherwise."""
    parser = _TuiOptions(prog="ssa-tui", add_help=False, parents=[common_options(suppress=False)])
    try:
        args, rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None  # the whole parser says what is wrong, as always
    if rest:
        return None
    args.command = None
    return args


def choose_language(argv: Sequence[str] | None) -> None:
    """Read ``--lang`` before the parser is built, so that ``--help`` is in that language too."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang")
    known, _rest = early.parse_known_args(argv)
    if known.lang in i18n.LANGUAGES:
        i18n.set_language(known.lang)


def main(argv: Sequence[str] | None = None) -> int:
    choose_language(argv)
    args = tui_arguments(argv) or build_parser().parse_args(argv)
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
    except Exception as failure:  # a bug: one line, the details in the log beside the db
        logged = log_error(db_path(args), current_user(getattr(args, "user", None)), failure)
        key = "forms.unexpected" if logged else "forms.unexpected_unlogged"
        error(t(key, error=type(failure).__name__, log=logged))
        return EXIT_USAGE


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
