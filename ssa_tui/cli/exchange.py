"""``ssa-tui import`` and ``ssa-tui export`` — thin: the work is in :mod:`ssa_tui.services.exchange`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..exchange.exporter import ALL, ALL_FORMATS, FORMATS
from ..i18n import os_reason, t
from ..schema import KINDS
from ..services.exchange import IMPORT_KINDS, OutputUnusable, export_records, export_to_path, import_path
from ..services import OutputExists, ProtectedPath, UnsafeFileName
from .context import EXIT_DATA, EXIT_OK, EXIT_USAGE, CommandFailed, error, open_repository


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    importer = subparsers.add_parser(
        "import",
        parents=[common],
        help=t("cli.help.import"),
    )
    importer.add_argument("kind", metavar="KIND", help=" | ".join(IMPORT_KINDS))
    importer.add_argument("file", metavar="FILE.csv|FILE.xlsx")
    importer.add_argument(
        "--dry-run",
        action="store_true",
        help=t("cli.help.import_dry_run"),
    )
    importer.set_defaults(func=run_import)

    exporter = subparsers.add_parser("export", parents=[common], help=t("cli.help.export"))
    exporter.add_argument("kind", metavar="KIND", help=" | ".join([*KINDS, ALL]))
    exporter.add_argument("--format", choices=FORMATS, default="json")
    exporter.add_argument("-o", "--output", metavar="FILE", help=t("cli.help.export_output"))
    exporter.add_argument("--force", action="store_true", help=t("cli.help.force_replace"))
    exporter.set_defaults(func=run_export)


def _check_kind(kind: str, allowed) -> None:
    if kind not in allowed:
        raise CommandFailed(t("cli.unknown_kind", kind=kind, choices=", ".join(allowed)), EXIT_USAGE)


def run_import(args: argparse.Namespace) -> int:
    _check_kind(args.kind, IMPORT_KINDS)
    path = Path(args.file)
    if not path.is_file():
        raise CommandFailed(t("exchange.file_missing", path=path), EXIT_USAGE)
    repository = open_repository(args)
    try:
        report = import_path(repository, args.kind, path, dry_run=args.dry_run)
    except OSError as failure:
        raise CommandFailed(
            t("exchange.file_unreadable", path=path, detail=os_reason(failure)), EXIT_USAGE
        ) from None
    for line in report.lines():
        error(line)
    if report.encoding != "UTF-8":
        error(t("exchange.encoding_note", encoding=report.encoding))
    if args.dry_run:
        for line in report.changes:
            print(line)
    print(report.summary())
    return EXIT_DATA if report.refused else EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    _check_kind(args.kind, (*KINDS, ALL))
    if args.kind == ALL and args.format not in ALL_FORMATS:
        raise CommandFailed(t("exchange.format_for_all"), EXIT_USAGE)
    if args.kind != ALL and args.format not in KINDS[args.kind].export_formats:
        kinds = ", ".join(name for name, kind in KINDS.items() if args.format in kind.export_formats)
        raise CommandFailed(t("cli.format_not_for_kind", format=args.format, kinds=kinds), EXIT_USAGE)
    repository = open_repository(args)
    if args.output:
        try:
            result = export_to_path(repository, args.kind, args.format, Path(args.output), replace=args.force)
        except (OutputUnusable, OutputExists, ProtectedPath, UnsafeFileName) as refused:
            raise CommandFailed(str(refused), EXIT_USAGE) from None
        error(t("exchange.exported", count=result.count, path=args.output))
    else:
        result = export_records(repository, args.kind, args.format)
        sys.stdout.buffer.write(result.payload)
        sys.stdout.flush()
    if result.left_out:
        error(result.left_out_line())
    return EXIT_OK
