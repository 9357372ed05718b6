"""``ssa-tui person export|erase|retention`` and ``ssa-tui unsubscribe`` (GDPR)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..i18n import t
from ..services import privacy
from ..text import printable
from .context import EXIT_DATA, EXIT_OK, error, open_repository


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    person = subparsers.add_parser("person", parents=[common], help=t("cli.help.person"))
    actions = person.add_subparsers(dest="person_command", metavar="export|erase|retention", required=True)
    export = actions.add_parser("export", parents=[common], help=t("cli.help.person_export"))
    export.add_argument("ref", metavar="EMAIL|ID")
    export.add_argument("--format", choices=("text", "json"), default="text", help=t("cli.help.format"))
    export.add_argument("-o", "--output", metavar="NAME", help=t("cli.help.output"))
    export.add_argument("--force", action="store_true")
    export.set_defaults(func=run_export)
    erase = actions.add_parser("erase", parents=[common], help=t("cli.help.person_erase"))
    erase.add_argument("ref", metavar="EMAIL|ID")
    erase.add_argument("--dry-run", action="store_true", help=t("cli.help.dry_run"))
    erase.set_defaults(func=run_erase)
    retention = actions.add_parser("retention", parents=[common], help=t("cli.help.person_retention"))
    retention.set_defaults(func=run_retention)

    unsubscribe = subparsers.add_parser("unsubscribe", parents=[common], help=t("cli.help.unsubscribe"))
    target = unsubscribe.add_mutually_exclusive_group(required=True)
    target.add_argument("address", nargs="?", metavar="ADDRESS")
    target.add_argument("--mbox", metavar="FILE")
    unsubscribe.set_defaults(func=run_unsubscribe)


def run_export(args: argparse.Namespace) -> int:
    repository = open_repository(args)
    data = privacy.person_data(repository, args.ref)
    if args.format == "json":
        payload = privacy.person_json(data)
    else:
        payload = privacy.person_text(data, repository.clock().date()).encode("utf-8")
    if args.output:
        target = privacy.save_answer(repository, args.output, payload, replace=args.force)
        print(target)
    else:
        sys.stdout.write(printable(payload.decode("utf-8"), multiline=True))
    return EXIT_OK


def run_erase(args: argparse.Namespace) -> int:
    repository = open_repository(args)
    plan = privacy.erase_person(repository, args.ref, dry_run=args.dry_run)
    print(plan.summary())
    if plan.manual_backups:
        error(
            t(
                "privacy.manual_backups",
                count=len(plan.manual_backups),
                names=", ".join(p.name for p in plan.manual_backups),
            )
        )
    if args.dry_run:
        print(t("privacy.dry_run"))
    else:
        names = ", ".join(printable(c.get("name") or f"#{c['id']}") for c in plan.contacts) or printable(
            args.ref
        )
        print(t("privacy.erased", name=names))
    return EXIT_OK


def run_retention(args: argparse.Namespace) -> int:
    repository = open_repository(args)
    candidates = privacy.retention_candidates(repository, repository.clock().date())
    for contact in candidates:
        print(
            t(
                "privacy.retention_line",
                id=contact["id"],
                name=printable(contact.get("name") or ""),
                date=str(contact.get("updated_at") or "?")[:10],
            )
        )
    if not candidates:
        print(t("privacy.retention_none"))
    return EXIT_OK


def run_unsubscribe(args: argparse.Namespace) -> int:
    repository = open_repository(args)
    if args.mbox:
        results = privacy.withdraw_from_mbox(repository, Path(args.mbox))
    else:
        results = [
            (args.address, privacy.withdraw(repository, args.address, source=t("privacy.source.unsubscribe")))
        ]
    status = EXIT_OK
    for address, count in results:
        if count:
            print(t("privacy.unsubscribed", count=count, address=printable(address)))
        else:
            error(t("privacy.unknown_address", address=printable(address)))
            status = EXIT_DATA
    return status
