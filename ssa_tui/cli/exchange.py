"""``ssa-tui import`` and ``ssa-tui export``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..exchange.exporter import FORMAT_KINDS, FORMATS, export
from ..exchange.importer import import_csv
from ..i18n import t
from ..schema import KINDS
from .context import EXIT_DATA, EXIT_OK, EXIT_USAGE, CommandFailed, error, open_repository

IMPORT_KINDS = ("positions", "contacts", "groups", "events", "suggestions", "schools", "employers")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    importer = subparsers.add_parser(
        "import",
        parents=[common],
        help="CSV importieren (gute Zeilen werden übernommen, fehlerhafte gemeldet; Exit 1 bei abgelehnten Zeilen)",
    )
    importer.add_argument("kind", metavar="KIND", help=" | ".join(IMPORT_KINDS))
    importer.add_argument("file", metavar="FILE.csv")
    importer.add_argument(
        "--dry-run", action="store_true", help="nur prüfen und zusammenfassen, nichts speichern"
    )
    importer.set_defaults(func=run_import)

    exporter = subparsers.add_parser("export", parents=[common], help="Tabelle exportieren")
    exporter.add_argument("kind", metavar="KIND", help=" | ".join(KINDS))
    exporter.add_argument("--format", choices=FORMATS, default="json")
    exporter.add_argument("-o", "--output", metavar="FILE", help="Zieldatei (sonst Standardausgabe)")
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
        report = import_csv(repository, args.kind, path, dry_run=args.dry_run)
    except OSError as failure:
        raise CommandFailed(
            t("exchange.file_unreadable", path=path, detail=failure.strerror), EXIT_USAGE
        ) from None
    for line in report.lines():
        error(line)
    if report.encoding != "UTF-8":
        error(t("exchange.encoding_note", encoding=report.encoding))
    print(report.summary())
    return EXIT_DATA if report.refused else EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    _check_kind(args.kind, tuple(KINDS))
    if args.format in FORMAT_KINDS and args.kind not in FORMAT_KINDS[args.format]:
        raise CommandFailed(
            t("cli.format_not_for_kind", format=args.format, kinds=", ".join(FORMAT_KINDS[args.format])),
            EXIT_USAGE,
        )
    repository = open_repository(args)
    records = repository.records(args.kind)
    payload = export(args.kind, records, args.format)
    if args.output:
        target = Path(args.output)
        temp = target.with_name(f".{target.name}.tmp")
        temp.write_bytes(payload)
        temp.replace(target)
        error(t("exchange.exported", count=len(records), path=target))
    else:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    return EXIT_OK
