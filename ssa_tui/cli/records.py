"""Sub-commands on the database as a whole: ``check``, ``backup``, ``init``."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..i18n import t
from ..mail.settings import ENVIRONMENT as MAIL_VARIABLES
from ..mail.settings import problems as mail_problems
from ..services.maintenance import check_database, check_files, write_backup
from ..services import OutputExists, OutputFailed, ProtectedPath, Repository, UnsafeFileName
from .context import (
    EXIT_DATA,
    EXIT_OK,
    EXIT_USAGE,
    CommandFailed,
    current_user,
    db_path,
    error,
    open_repository,
)


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    check = subparsers.add_parser("check", parents=[common], help="Datenbank prüfen (Exit 1 bei Problemen)")
    check.set_defaults(func=run_check)
    backup = subparsers.add_parser("backup", parents=[common], help="Sicherung der Datenbank schreiben")
    backup.add_argument("-o", "--output", metavar="FILE", help="Zieldatei (sonst im Ordner der Sicherungen)")
    backup.add_argument("--force", action="store_true", help="eine vorhandene Zieldatei ersetzen")
    backup.set_defaults(func=run_backup)
    init = subparsers.add_parser("init", parents=[common], help="neue, leere Datenbank anlegen")
    init.set_defaults(func=run_init)


def run_check(args: argparse.Namespace) -> int:
    repository = open_repository(args)
    findings = check_files(repository)
    for finding in findings:
        error(finding)
    problems = check_database(repository)
    for problem in problems:
        error(
            t(
                "cli.check_problem",
                kind=problem.kind_label,
                id=problem.record_id,
                field=problem.field_label,
                message=problem.message,
            )
        )
    # Mail settings are advice, and only where mail is set up at all (a [mail] table or an
    # SSA_TUI_* mail variable): an office that sends no newsletter from this server is fine.
    if repository.config.mail or any(os.environ.get(name) for name in MAIL_VARIABLES.values()):
        for advice in mail_problems(repository.path, getattr(args, "config", None)):
            error(t("cli.check_mail_hint", problem=advice))
    if problems or findings:
        error(t("cli.check_failed", count=len(problems) + len(findings)))
        return EXIT_DATA
    from ..schema import KINDS

    counts = ", ".join(f"{repository.count(name)} {kind.label}" for name, kind in KINDS.items())
    print(t("cli.check_ok", counts=counts))
    return EXIT_OK


def run_backup(args: argparse.Namespace) -> int:
    repository = open_repository(args)
    try:
        target = write_backup(repository, Path(args.output) if args.output else None, replace=args.force)
    except (OutputFailed, OutputExists, ProtectedPath, UnsafeFileName) as failure:
        raise CommandFailed(str(failure), EXIT_USAGE) from None  # where to, not what: a usage error
    print(t("cli.backup_done", path=target))
    return EXIT_OK


def run_init(args: argparse.Namespace) -> int:
    path = db_path(args)
    if path.exists():
        raise CommandFailed(t("cli.init_exists", path=path), EXIT_DATA)
    Repository(path, user=current_user(args.user, path, args.config), create=True, config=args.config)
    print(t("cli.init_done", path=path))
    return EXIT_OK
