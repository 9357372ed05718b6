"""``ssa-tui report``: the committee report as a workbook, text, CSV, JSON or HTML, and its snapshots."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path

from ..i18n import t
from ..services.report import report_for, take_snapshot
from ..services.report_formats import FORMATS, format_for, german_date, render, save_report_file
from .context import EXIT_OK, EXIT_USAGE, CommandFailed, error, open_repository


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    report = subparsers.add_parser("report", parents=[common], help=t("report.cli.help"))
    report.add_argument("--as-of", metavar="TT.MM.JJJJ", help=t("report.cli.as_of"))
    report.add_argument("--format", choices=FORMATS, help=t("report.cli.format"))
    report.add_argument("-o", "--output", metavar="FILE", help=t("report.cli.output"))
    report.add_argument("--force", action="store_true", help=t("report.cli.force"))
    report.add_argument("--snapshot", action="store_true", help=t("report.cli.snapshot"))
    report.set_defaults(func=run_report)


def reference_date(text: str | None) -> date:
    """``--as-of`` as a date (``TT.MM.JJJJ`` or ``JJJJ-MM-TT``); today without it."""
    if text is None:
        return date.today()
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise CommandFailed(t("report.cli.bad_date", text=text), EXIT_USAGE)


def run_report(args: argparse.Namespace) -> int:
    as_of = reference_date(args.as_of)
    format = format_for(args.output and Path(args.output), args.format)
    if format == "xlsx" and not args.output and sys.stdout.isatty():
        raise CommandFailed(t("report.cli.xlsx_terminal"), EXIT_USAGE)
    repository = open_repository(args)
    report = report_for(repository, as_of)
    if args.snapshot:
        take_snapshot(repository, report)
        error(t("report.cli.snapshot_taken", date=german_date(report.data["as_of"])))
    elif report.snapshot is not None:
        error(t("report.cli.from_snapshot", date=german_date(report.data["as_of"])))
    if args.output:
        target = save_report_file(repository, report, format, Path(args.output), replace=args.force)
        error(t("report.cli.written", path=target))
    else:
        sys.stdout.buffer.write(render(report, format))
        sys.stdout.flush()
    return EXIT_OK
