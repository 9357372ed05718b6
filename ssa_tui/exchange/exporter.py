"""Export of records as CSV (German Excel, for scripts and cron), xlsx (for people), JSON (every
field), vCard 4.0 (contacts) and iCalendar (events, group meetings).

CSV and xlsx carry the same columns (:func:`ssa_tui.exchange.columns.column_names`): links as
names plus an ID column, so the import reads them back exactly.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

from ..i18n import t
from ..schema import KINDS, META_FIELDS
from ..schema import fields as f
from .calendar import event_entry, meeting_entry, write_calendar
from .cells import neutralise
from .columns import column_names, german_header
from .links import ID_SUFFIX, Title, names_text
from .vcard import write_vcards
from .xlsx import Sheet, write_workbook

FORMATS = ("csv", "xlsx", "json", "vcf", "ics")
#: Formats that only make sense for some kinds.
FORMAT_KINDS = {"vcf": ("contacts",), "ics": ("events", "groups")}
#: Formats that hold every table at once (``ssa-tui export all``).
ALL_FORMATS = ("xlsx", "json")
ALL = "all"


@dataclass
class Export:
    """A file's content, how many records it holds, and the ones left out (with the reason)."""

    payload: bytes
    count: int
    left_out: list[str] = field(default_factory=list)

    def left_out_line(self) -> str:
        return t("exchange.left_out", count=len(self.left_out), titles=", ".join(self.left_out))


def export_json(kind: str, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A list of records with every field, including id, rev and the change stamps."""
    fields = [*META_FIELDS, *(spec.name for spec in KINDS[kind].fields)]
    return [{name: record.get(name) for name in fields} for record in records]


def csv_cell(kind_name: str, name: str, record: dict[str, Any], title: Title) -> str:
    """One CSV cell: numbers the German way, links by name, text neutralised (no formulas)."""
    kind = KINDS[kind_name]
    if name == "id":
        return str(record.get("id", ""))
    if name.endswith(ID_SUFFIX) and not kind.has_field(name):
        link = kind.field(name[: -len(ID_SUFFIX)])
        return link.format(record.get(link.name))
    spec = kind.field(name)
    value = record.get(name)
    if isinstance(spec, f.Number):
        return spec.format(value)  # a number, never text: "-3,5" stays a number
    if isinstance(spec, f.Link):
        return neutralise(names_text(spec, value, title))
    return neutralise(spec.format(value))


def export_csv(kind: str, records: list[dict[str, Any]], title: Title) -> str:
    """CSV that opens cleanly in a German Excel: BOM, `;`, German headers, German dates and numbers."""
    names = column_names(KINDS[kind])
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([german_header(KINDS[kind], name) for name in names])
    for record in records:
        writer.writerow([csv_cell(kind, name, record, title) for name in names])
    return "\ufeff" + out.getvalue()


def export_ics(kind: str, records: list[dict[str, Any]]) -> Export:
    make = meeting_entry if kind == "groups" else event_entry
    entries, left_out = [], []
    for record in records:
        entry = make(record)
        if entry is None:
            left_out.append(f"„{KINDS[kind].title_of(record)}“")
        else:
            entries.append(entry)
    return Export(write_calendar(entries), len(entries), left_out)


def export(kind: str, records: list[dict[str, Any]], fmt: str, title: Title) -> Export:
    """``records`` of ``kind`` in ``fmt``; ``title(kind, id)`` names linked records."""
    if fmt == "ics":
        return export_ics(kind, records)
    if fmt == "vcf":
        payload = write_vcards(records)
    elif fmt == "xlsx":
        payload = write_workbook([Sheet(KINDS[kind].label, KINDS[kind], records)], title)
    elif fmt == "csv":
        payload = export_csv(kind, records, title).encode("utf-8")
    else:
        payload = _json_bytes(export_json(kind, records))
    return Export(payload, len(records))


def export_all(tables: dict[str, list[dict[str, Any]]], fmt: str, title: Title) -> Export:
    """Every table at once: a workbook with one sheet per kind, or one JSON object of lists."""
    count = sum(len(records) for records in tables.values())
    if fmt == "xlsx":
        sheets = [Sheet(KINDS[kind].label, KINDS[kind], records) for kind, records in tables.items()]
        return Export(write_workbook(sheets, title), count)
    return Export(_json_bytes({kind: export_json(kind, records) for kind, records in tables.items()}), count)


def _json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
