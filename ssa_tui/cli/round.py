"""``ssa-tui round start|import|mail|replies|status`` — verification rounds."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..i18n import t
from ..services import rounds
from ..text import printable
from .context import EXIT_DATA, EXIT_OK, EXIT_USAGE, CommandFailed, error, open_repository


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser("round", parents=[common], help=t("cli.help.round"))
    actions = parser.add_subparsers(
        dest="round_command", metavar="start|import|mail|replies|status", required=True
    )
    start = actions.add_parser("start", parents=[common], help=t("cli.help.round_start"))
    start.add_argument("--carrier", metavar="TRÄGER")
    start.add_argument(
        "--format", choices=rounds.SHEET_FORMATS, default="xlsx", help=t("cli.help.round_format")
    )
    start.set_defaults(func=run_start)
    sheet = actions.add_parser("import", parents=[common], help=t("cli.help.round_import"))
    sheet.add_argument("round_id", type=int, metavar="RUNDE")
    sheet.add_argument("name", metavar="DATEI", help=t("cli.help.output"))
    sheet.add_argument("--dry-run", action="store_true", help=t("cli.help.dry_run"))
    sheet.set_defaults(func=run_import)
    mail = actions.add_parser("mail", parents=[common], help=t("cli.help.round_mail"))
    mail.add_argument("round_id", type=int, metavar="RUNDE")
    mail.add_argument("--from", dest="sender", metavar="ADRESSE")
    mail.add_argument("--reminder", action="store_true")
    mail.set_defaults(func=run_mail)
    replies = actions.add_parser("replies", parents=[common], help=t("cli.help.round_replies"))
    replies.add_argument("name", metavar="DATEI", help=t("cli.help.output"))
    replies.add_argument("--accept", metavar="FELDER", help=t("cli.help.accept"))
    replies.set_defaults(func=run_replies)
    status = actions.add_parser("status", parents=[common], help=t("cli.help.round_status"))
    status.add_argument("round_id", type=int, metavar="RUNDE")
    status.set_defaults(func=run_status)


def _report(answers: list[rounds.Answer]) -> int:
    """One line per change, conflict and flag; exit 1 when something needs a person's look."""
    lines = rounds.describe(answers)
    for text, problem in lines:
        (error if problem else print)(printable(text))
    return EXIT_DATA if any(problem for _text, problem in lines) else EXIT_OK


def _file(repository, name: str) -> Path:
    path = rounds.round_file(repository, name)
    if not path.is_file():
        raise CommandFailed(t("exchange.file_missing", path=name), EXIT_USAGE)
    return path


def run_start(args: argparse.Namespace) -> int:
    repository = open_repository(args)
    record, files = rounds.start_round(repository, carrier=args.carrier, format=args.format)
    names = ", ".join(path.name for path in files)
    print(t("rounds.started", id=record["id"], count=len(record["entries"]), files=names))
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    repository = open_repository(args)
    return _report(
        rounds.import_sheet(repository, args.round_id, _file(repository, args.name), dry_run=args.dry_run)
    )


def run_mail(args: argparse.Namespace) -> int:
    sender = args.sender or os.environ.get("SSA_TUI_MAIL_FROM")
    if not sender:
        raise CommandFailed(t("rounds.no_sender"), EXIT_USAGE)
    repository = open_repository(args)
    written = rounds.write_mails(repository, args.round_id, sender=sender, reminder=args.reminder)
    print(t("rounds.mails_written", count=len(written)))
    return EXIT_OK


def run_replies(args: argparse.Namespace) -> int:
    repository = open_repository(args)
    accept = (
        None if args.accept is None else {name.strip() for name in args.accept.split(",") if name.strip()}
    )
    answers = rounds.read_replies(
        repository, _file(repository, args.name), accept=accept, dry_run=accept is None
    )
    return _report(answers)


def run_status(args: argparse.Namespace) -> int:
    repository = open_repository(args)
    print(t("rounds.progress", id=args.round_id, **rounds.progress(repository, args.round_id)))
    return EXIT_OK
