"""``ssa-tui team add-key``, ``ssa-tui team doctor`` and ``ssa-tui audit``."""

from __future__ import annotations

import argparse
import os
import pwd
import shutil
import sys
from datetime import date
from pathlib import Path

from ..i18n import os_reason, t
from ..schema import KINDS
from ..mail.settings import problems as mail_problems
from ..mail.settings import settings_for
from ..services import StoreError
from ..services import audit as audit_service
from ..services.records import CurrentNames
from ..team.audit_text import describe
from ..team.doctor import CRON_FILE, SSHD_CONFIG, Account, Setup, diagnose
from ..team.keys import KeyProblem, authorized_keys_line
from ..text import printable
from .context import EXIT_DATA, EXIT_OK, EXIT_USAGE, CommandFailed, db_path, open_repository


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    team = subparsers.add_parser("team", parents=[common], help=t("cli.help.team"))
    actions = team.add_subparsers(dest="team_command", metavar="add-key|doctor", required=True)
    add_key = actions.add_parser("add-key", parents=[common], help=t("cli.help.add_key"))
    add_key.add_argument("name")
    add_key.add_argument("keyfile", help=t("cli.help.keyfile"))
    add_key.set_defaults(func=run_add_key)
    doctor = actions.add_parser(
        "doctor",
        parents=[common],
        help=t("cli.help.doctor"),
    )
    doctor.add_argument("--account", metavar="NAME", help=t("cli.help.doctor_account"))
    doctor.add_argument("--sshd-config", metavar="PATH", type=Path, default=SSHD_CONFIG)
    doctor.add_argument("--cron-file", metavar="PATH", type=Path, default=CRON_FILE)
    doctor.set_defaults(func=run_doctor)

    # Here --user filters by person (it does not say who is running the command).
    log = subparsers.add_parser("audit", help=t("cli.help.audit"))
    log.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS)
    log.add_argument("--user", dest="audit_user", metavar="NAME", help=t("cli.help.audit_user"))
    log.add_argument("--since", metavar="DATE", help=t("cli.help.audit_since"))
    log.add_argument("--kind", choices=list(KINDS))
    log.add_argument("--id", type=int, dest="record_id")
    log.add_argument("--details", action="store_true", help=t("cli.help.audit_details"))
    log.set_defaults(func=run_audit)


def run_add_key(args: argparse.Namespace) -> int:
    try:
        public_key = Path(args.keyfile).read_text(encoding="utf-8")
    except OSError as failure:
        raise CommandFailed(
            t("team.key_unreadable", path=args.keyfile, detail=os_reason(failure)), EXIT_USAGE
        ) from None
    # The program that runs now (an admin calls /opt/ssa-tui/bin/ssa-tui by its path), else PATH's.
    called = Path(sys.argv[0])
    program = str(called.absolute()) if called.name == "ssa-tui" and "/" in sys.argv[0] else None
    program = program or shutil.which("ssa-tui") or str(called.resolve())
    try:
        environ = dict(os.environ)
        if getattr(args, "config", None):
            environ["SSA_TUI_CONFIG"] = args.config
        line = authorized_keys_line(
            program,
            db_path(args).absolute(),
            args.name,
            public_key,
            read_only=bool(args.read_only),
            environ=environ,
        )
    except KeyProblem as problem:
        raise CommandFailed(t("team.key_invalid", detail=printable(str(problem))), EXIT_DATA) from None
    print(line)
    return EXIT_OK


def run_doctor(args: argparse.Namespace) -> int:
    """Exit 0 when the set-up is sound, 1 with one line per finding (on stdout, for the admin)."""
    path = db_path(args).absolute()
    name = args.account
    if name is None:
        try:
            name = pwd.getpwuid(path.parent.stat().st_uid).pw_name
        except (OSError, KeyError):
            name = "ssa"
    try:
        account = Account.named(name)
    except KeyError:
        raise CommandFailed(t("team.doctor.no_account", account=printable(name)), EXIT_USAGE) from None
    config = getattr(args, "config", None)
    setup = Setup(
        path,
        account,
        sshd_config=args.sshd_config,
        cron_file=args.cron_file,
        config=Path(config) if config else None,
    )
    setup.mail_problems = mail_problems(path, config)
    try:
        settings = settings_for(path, config)
    except StoreError:
        settings = None  # the problems above say why
    if settings is not None and settings.host:
        setup.smtp = (settings.host, settings.port)
    findings = diagnose(setup)
    for finding in findings:
        print(printable(finding.line()))
    if findings:
        print(t("team.doctor.count", count=len(findings)))
        return EXIT_DATA
    print(t("team.doctor.clean", db=path))
    return EXIT_OK


def _since(text: str | None) -> str | None:
    if not text:
        return None
    for parse in (date.fromisoformat, lambda s: date(*reversed([int(p) for p in s.split(".")]))):
        try:
            return parse(text).isoformat()
        except (ValueError, TypeError):
            continue
    raise CommandFailed(t("error.date"), EXIT_USAGE)


def run_audit(args: argparse.Namespace) -> int:
    path = db_path(args)
    if not path.exists():
        raise CommandFailed(t("store.missing", path=path), EXIT_USAGE)
    changes = audit_service.changes(
        path, user=args.audit_user, since=_since(args.since), kind=args.kind, record_id=args.record_id
    )
    # --details: below each change its fields, links by the names stored now (``Sonja Berger (#4)``).
    names = CurrentNames(open_repository(args)).get() if args.details and changes else None
    for change in changes:
        print(printable(describe(change)))
        if names is not None:
            for field in audit_service.field_changes(change, names):
                print(printable(f"  {field.label}: {field.before or '–'} → {field.after or '–'}"))
    return EXIT_OK
