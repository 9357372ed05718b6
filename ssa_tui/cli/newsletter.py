"""``ssa-tui newsletter render|send``."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..i18n import t
from ..mail.sending import MailError, prepare, render_to_folder, render_to_mbox, send_newsletter, send_test
from ..mail.settings import MailSettings
from ..mail.templates import TemplateProblem, available
from .context import EXIT_DATA, EXIT_OK, CommandFailed, db_path, error, open_repository


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    newsletter = subparsers.add_parser("newsletter", parents=[common], help="Newsletter rendern oder senden")
    actions = newsletter.add_subparsers(
        dest="newsletter_command", metavar="render|send|templates", required=True
    )

    templates = actions.add_parser("templates", parents=[common], help="verfügbare Vorlagen auflisten")
    templates.set_defaults(func=run_templates)

    render = actions.add_parser(
        "render", parents=[common], help="eine .eml je Empfänger oder eine mbox schreiben"
    )
    render.add_argument("id", type=int)
    target = render.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", metavar="DIR")
    target.add_argument("--mbox", metavar="FILE")
    render.set_defaults(func=run_render)

    send = actions.add_parser(
        "send", parents=[common], help="per SMTP senden (Einstellungen aus der Umgebung)"
    )
    send.add_argument("id", type=int)
    send.add_argument("--dry-run", action="store_true", help="nur Empfänger zählen, nichts senden")
    send.add_argument("--force", action="store_true", help="einen schon versendeten Newsletter erneut senden")
    send.add_argument(
        "--to", metavar="ADDRESS", help="Testversand an genau diese Adresse (nichts wird markiert)"
    )
    send.set_defaults(func=run_send)


def run_templates(args: argparse.Namespace) -> int:
    """Template names usable in a newsletter's "Vorlage" field (built-in and beside the db)."""
    for name in available(db_path(args)):
        print(name)
    return EXIT_OK


def run_render(args: argparse.Namespace) -> int:
    repository = open_repository(args)
    try:
        prepared = prepare(repository, args.id, MailSettings.from_env())
        if args.out:
            count, target = render_to_folder(prepared, Path(args.out)), args.out
        else:
            count, target = render_to_mbox(prepared, Path(args.mbox)), args.mbox
    except (MailError, TemplateProblem) as problem:
        raise CommandFailed(str(problem), EXIT_DATA) from None
    print(t("mail.rendered", count=count, path=target))
    return EXIT_OK


def run_send(args: argparse.Namespace) -> int:
    repository = open_repository(args)
    settings = MailSettings.from_env()
    try:
        if args.to:
            send_test(repository, args.id, settings, args.to)
            print(t("mail.test_sent", address=args.to))
            return EXIT_OK
        report = send_newsletter(repository, args.id, settings, dry_run=args.dry_run, force=args.force)
    except (MailError, TemplateProblem) as problem:
        raise CommandFailed(str(problem), EXIT_DATA) from None
    for address, detail in report.failed:
        error(t("mail.recipient_refused", address=address, detail=detail))
    print(t("mail.dry_run", total=report.total) if args.dry_run else report.summary())
    return EXIT_DATA if report.failed else EXIT_OK
