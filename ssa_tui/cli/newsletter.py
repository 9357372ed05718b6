"""``ssa-tui newsletter render|send|templates`` — thin over ``services/newsletter.py``."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..i18n import t
from ..services import OutputExists, OutputFailed, ProtectedPath, UnsafeFileName
from ..mail.sending import SendBusy, SendReport
from ..mail.templates import TemplateProblem, available
from ..services import newsletter as service
from .context import EXIT_DATA, EXIT_OK, EXIT_USAGE, CommandFailed, db_path, error, open_repository


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    newsletter = subparsers.add_parser("newsletter", parents=[common], help=t("cli.help.newsletter"))
    actions = newsletter.add_subparsers(
        dest="newsletter_command", metavar="render|send|templates", required=True
    )

    templates = actions.add_parser("templates", parents=[common], help=t("cli.help.templates"))
    templates.set_defaults(func=run_templates)

    render = actions.add_parser("render", parents=[common], help=t("cli.help.render"))
    render.add_argument("id", type=int)
    target = render.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", metavar="DIR")
    target.add_argument("--mbox", metavar="FILE")
    render.add_argument("--force", action="store_true", help=t("cli.help.render_force"))
    render.set_defaults(func=run_render)

    send = actions.add_parser("send", parents=[common], help=t("cli.help.send"))
    send.add_argument("id", type=int)
    send.add_argument("--dry-run", action="store_true", help=t("cli.help.send_dry_run"))
    send.add_argument("--force", action="store_true", help=t("cli.help.send_force"))
    send.add_argument("--to", metavar="ADDRESS", help=t("cli.help.send_to"))
    send.set_defaults(func=run_send)


def run_templates(args: argparse.Namespace) -> int:
    """Template names usable in a newsletter's "Vorlage" field (built-in and beside the db)."""
    for name in available(db_path(args)):
        print(name)
    return EXIT_OK


def _report_problems(report: SendReport) -> None:
    for line in report.problems():
        error(line)


def run_render(args: argparse.Namespace) -> int:
    repository = open_repository(args)
    try:
        if args.out:
            report = service.render_to_folder(repository, args.id, Path(args.out), replace=args.force)
            target = args.out
        else:
            report = service.render_to_mbox(repository, args.id, Path(args.mbox), replace=args.force)
            target = args.mbox
    except TemplateProblem as problem:
        raise CommandFailed(str(problem), EXIT_DATA) from None
    except (OutputExists, OutputFailed, ProtectedPath, UnsafeFileName) as failure:
        raise CommandFailed(str(failure), EXIT_USAGE) from None  # where to, not what: a usage error
    _report_problems(report)
    print(t("mail.rendered", count=report.sent, path=target))
    return EXIT_DATA if report.refused else EXIT_OK


def run_send(args: argparse.Namespace) -> int:
    repository = open_repository(args)
    try:
        if args.to and not args.dry_run:
            service.test_send(repository, args.id, args.to)
            print(t("mail.test_sent", address=args.to))
            return EXIT_OK
        report = service.send(repository, args.id, dry_run=args.dry_run, resend=args.force)
    except SendBusy as busy:
        raise CommandFailed(str(busy), EXIT_USAGE) from None
    except TemplateProblem as problem:
        raise CommandFailed(str(problem), EXIT_DATA) from None
    _report_problems(report)
    print(t("mail.dry_run", total=report.total) if args.dry_run else report.summary())
    return EXIT_DATA if report.failed or report.refused else EXIT_OK
