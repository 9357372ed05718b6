"""The committee report as an Excel workbook (the default for a file), text, CSV (for scripts),
JSON and one printable HTML page.

Every form is built from the same typed rows (:func:`typed_tables`), so they always agree: the
workbook keeps numbers as numbers with a German format, the other forms show them German
(``1,50``; ``2.030``) except JSON. Stored text (school names, titles) is made safe for its
target: visible control characters in text, CSV and workbook, escaped in HTML; a workbook's text
is always a string cell, never a formula.
"""

from __future__ import annotations

import csv
import html
import io
from datetime import date
from pathlib import Path
from typing import Any

import orjson
from babel.numbers import format_decimal

from ..exchange.cells import neutralise
from ..exchange.xlsx import Grid, write_workbook
from ..i18n import get_language, t
from ..store import Repository
from ..store.files import write_output
from ..text import printable
from .report import GROUPINGS, Report, add_months

FORMATS = ("xlsx", "text", "csv", "json", "html")
GROUP_COLUMNS = ("fte", "people", "schools", "schools_covered", "pupils_per_fte")


def german_date(iso: str) -> str:
    return f"{iso[8:10]}.{iso[5:7]}.{iso[0:4]}"


def number(value: float | int | None, *, decimals: int = 0, signed: bool = False) -> str:
    """A number for people in the current language (``1.150``, ``0,50``); empty for None."""
    if value is None:
        return ""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    locale = "de_DE" if get_language() == "de" else "en_GB"
    text = format_decimal(value, format=pattern, locale=locale)
    return f"+{text}" if signed and value > 0 else text


#: The cell kind of each group column (see :func:`cell_text` and :mod:`ssa_tui.exchange.xlsx`).
_GROUP_KINDS = {"fte": "decimal2", "pupils_per_fte": "count"}
#: The tables in :func:`typed_tables` order, by the keys of their worksheet names (``report.sheet.*``,
#: at most 31 characters: a sheet name can hold no more).
SHEETS = (*GROUPINGS, "schools_without", "findings", "ending_soon", "unverified", "change")

Cell = tuple[str, Any]


def _text(text: Any) -> Cell:
    return "string", printable(text)


def _number(kind: str, value: float | int | None) -> Cell:
    return ("blank", None) if value is None else (kind, value)


def cell_text(cell: Cell) -> str:
    """A typed cell as people read it (``1,50``; ``+2``): the text, CSV and HTML forms."""
    kind, value = cell
    if kind == "blank":
        return ""
    if kind in ("decimal2", "signed2"):
        return number(value, decimals=2, signed=kind == "signed2")
    if kind in ("count", "signed_count"):
        return number(value, signed=kind == "signed_count")
    return value


def _title(report: Report, position_id: int) -> Cell:
    record = report.positions.get(position_id)
    name = printable(record.get("school")) if record else "?"
    return "string", f"{t('kind.positions.one')} #{position_id} „{name}“"


def _ending(record: dict[str, Any], as_of: str) -> Cell:
    """The end dates of ``record`` that fall in the six months from ``as_of``."""
    last = add_months(date.fromisoformat(as_of), 6).isoformat()
    return "string", ", ".join(
        t(f"report.{name}", date=german_date(record[name]))
        for name in ("funding_until", "contract_until")
        if as_of <= (record.get(name) or "") <= last
    )


def typed_tables(report: Report) -> list[tuple[str, list[str], list[list[Cell]]]]:
    """The report as (title, header, rows) tables of typed cells: ``(kind, value)`` with kind
    ``string`` (text made printable), ``count``, ``decimal2``, ``signed2``, ``signed_count`` or
    ``blank`` — numbers stay numbers for a workbook; :func:`tables` gives the text."""
    data = report.data
    result = []
    for grouping in GROUPINGS:
        header = [t(f"report.col.{grouping}")] + [t(f"report.col.{name}") for name in GROUP_COLUMNS]
        rows = [
            [_text(group["name"])]
            + [_number(_GROUP_KINDS.get(name, "count"), group[name]) for name in GROUP_COLUMNS]
            for group in data[grouping]
        ]
        result.append((t(f"report.{grouping}"), header, rows))
    result.append(
        (
            t("report.schools_without"),
            [t("report.col.school_number"), t("report.col.name"), t("report.col.town")],
            [
                [_text(school["school_number"]), _text(school["name"]), _text(school["town"] or "")]
                for school in data["schools_without"]
            ],
        )
    )
    result.append(
        (
            t("report.findings"),
            [t("report.col.position"), t("report.col.finding")],
            [[_title(report, f["position"]), _text(t(f"report.rule.{f['rule']}"))] for f in data["findings"]],
        )
    )
    result.append(
        (
            t("report.ending_soon"),
            [t("report.col.position"), t("report.col.date")],
            [
                [_title(report, pid), _ending(report.positions.get(pid, {}), data["as_of"])]
                for pid in data["ending_soon"]
            ],
        )
    )
    result.append(
        (
            t("report.unverified"),
            [t("report.col.position"), t("report.col.date")],
            [[_title(report, pid), _verified(report.positions.get(pid, {}))] for pid in data["unverified"]],
        )
    )
    if "change" in data:
        result.append(
            (
                t("report.change", date=german_date(data["change"]["since"])),
                [t("report.col.by_town"), t("report.col.change_fte"), t("report.col.change_covered")],
                [
                    [
                        _text(row["name"]),
                        _number("signed2", row["fte"]),
                        _number("signed_count", row["schools_covered"]),
                    ]
                    for row in data["change"]["by_town"]
                ],
            )
        )
    return result


def tables(report: Report) -> list[tuple[str, list[str], list[list[str]]]]:
    """The report as (title, header, rows) tables, all cells text."""
    return [
        (title, header, [[cell_text(cell) for cell in row] for row in rows])
        for title, header, rows in typed_tables(report)
    ]


def _verified(record: dict[str, Any]) -> Cell:
    day = record.get("last_verified")
    return "string", t("report.verified", date=german_date(day)) if day else t("report.never_verified")


def headline(report: Report) -> list[str]:
    """Title, snapshot note and totals: the lines every form starts with."""
    data, totals = report.data, report.data["totals"]
    lines = [t("report.title", date=german_date(data["as_of"]))]
    if report.snapshot:
        snapshot = report.snapshot
        lines.append(
            t(
                "report.snapshot_note",
                at=german_date(snapshot["taken_at"]),
                user=printable(snapshot["taken_by"]),
            )
        )
    lines.append(
        t(
            "report.totals",
            positions=number(totals["positions"]),
            people=number(totals["people"]),
            fte=number(totals["fte"], decimals=2),
            schools=number(totals["schools"]),
            covered=number(totals["schools_covered"]),
        )
    )
    return lines


def as_text(report: Report) -> str:
    out = headline(report)
    for title, header, rows in tables(report):
        out += ["", title]
        if not rows:
            out.append("  " + t("report.none"))
            continue
        widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]
        for line in [header, *rows]:
            cells = [
                cell.ljust(w) if i == 0 or not _numeric(cell) else cell.rjust(w)
                for i, (cell, w) in enumerate(zip(line, widths))
            ]
            out.append("  " + "  ".join(cells).rstrip())
    return "\n".join(out) + "\n"


def _numeric(cell: str) -> bool:
    return cell.lstrip("+-").replace(".", "").replace(",", "").isdigit()


def as_csv(report: Report) -> bytes:
    """Semicolon CSV with a BOM, one block per table (for scripts; a person opens the workbook):
    what a German Excel reads, text that would be read as a formula neutralised with ``'``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for line in headline(report):
        writer.writerow([neutralise(line)])
    for title, header, rows in typed_tables(report):
        writer.writerow([])
        writer.writerow([title])
        writer.writerow(header)
        writer.writerows(
            [neutralise(cell[1]) if cell[0] == "string" else cell_text(cell) for cell in row] for row in rows
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def as_json(report: Report) -> bytes:
    return orjson.dumps(report.data, option=orjson.OPT_INDENT_2) + b"\n"


_STYLE = """
body { font-family: sans-serif; font-size: 10pt; margin: 2em; color: #000; }
h1 { font-size: 14pt; } h2 { font-size: 11pt; margin-top: 1.5em; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border-bottom: 1px solid #999; padding: 2px 8px; text-align: left; vertical-align: top; }
td.n { text-align: right; }
.bar { background: #4a6fa5; height: 0.9em; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
"""


def as_html(report: Report) -> bytes:
    """One printable page for a committee paper: tables, VZÄ as bars, no external resources."""
    head = headline(report)
    parts = [
        f'<!DOCTYPE html>\n<html lang="{get_language()}"><head><meta charset="utf-8">',
        f"<title>{html.escape(head[0])}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{html.escape(head[0])}</h1>",
        *(f"<p>{html.escape(line)}</p>" for line in head[1:]),
    ]
    for index, (title, header, rows) in enumerate(tables(report)):
        parts.append(f"<h2>{html.escape(title)}</h2>")
        if not rows:
            parts.append(f"<p>{html.escape(t('report.none'))}</p>")
            continue
        grouping = GROUPINGS[index] if index < len(GROUPINGS) else None
        largest = max((group["fte"] for group in report.data[grouping]), default=0) if grouping else 0
        parts.append("<table><tr>" + "".join(f"<th>{html.escape(cell)}</th>" for cell in header))
        parts[-1] += "<th></th></tr>" if grouping else "</tr>"
        for row_index, row in enumerate(rows):
            cells = "".join(
                f'<td class="n">{html.escape(cell)}</td>'
                if _numeric(cell)
                else f"<td>{html.escape(cell)}</td>"
                for cell in row
            )
            if grouping:
                fte = report.data[grouping][row_index]["fte"]
                width = round(100 * fte / largest) if largest > 0 else 0
                cells += f'<td style="width:12em"><div class="bar" style="width:{width}%"></div></td>'
            parts.append(f"<tr>{cells}</tr>")
        parts.append("</table>")
    parts.append("</body></html>\n")
    return "\n".join(parts).encode("utf-8")


def as_xlsx(report: Report) -> bytes:
    """An Excel workbook: an overview (reference date and totals), then one worksheet per table
    with German headers; VZÄ and counts are numbers shown the German way (``1,50``), school
    numbers and every text string cells (a school number keeps its leading zero, a name
    ``=…`` stays text)."""
    data, totals = report.data, report.data["totals"]
    overview = [
        [_text(t("report.figure.as_of")), ("date", date.fromisoformat(data["as_of"]))],
        [_text(t("report.figure.positions")), ("count", totals["positions"])],
        [_text(t("report.figure.people")), ("count", totals["people"])],
        [_text(t("report.col.fte")), ("decimal2", totals["fte"])],
        [_text(t("report.figure.schools")), ("count", totals["schools"])],
        [_text(t("report.figure.covered")), ("count", totals["schools_covered"])],
    ]
    if report.snapshot:
        overview.append([_text(t("report.figure.snapshot")), _text(headline(report)[1])])
    sheets = [Grid(t("report.sheet.overview"), [t("report.col.figure"), t("report.col.value")], overview)]
    for name, (_title_text, header, rows) in zip(SHEETS, typed_tables(report)):
        sheets.append(Grid(t(f"report.sheet.{name}"), header, rows))
    return write_workbook(sheets)


#: The format a file's ending asks for; any other file gets a workbook.
SUFFIXES = {".txt": "text", ".csv": "csv", ".json": "json", ".html": "html", ".htm": "html", ".xlsx": "xlsx"}


def format_for(output: Path | None, given: str | None) -> str:
    """The format to write: the one asked for; else text on the screen, and for a file the one
    its ending names (``bericht.html``), a workbook otherwise — tables for people open in Excel."""
    if given:
        return given
    if output is None:
        return "text"
    return SUFFIXES.get(Path(output).suffix.casefold(), "xlsx")


def render(report: Report, format: str) -> bytes:
    """The report in ``format`` (one of :data:`FORMATS`) as bytes to write."""
    if format == "xlsx":
        return as_xlsx(report)
    if format == "json":
        return as_json(report)
    if format == "csv":
        return as_csv(report)
    if format == "html":
        return as_html(report)
    return as_text(report).encode("utf-8")


def save_report_file(
    repository: Repository, report: Report, format: str, target: Path, *, replace: bool
) -> Path:
    """Write the report to ``target`` safely (0660, never over the db or a symlink; an existing
    file only with ``replace``)."""
    return write_output(target, render(report, format), db_path=repository.path, replace=replace)
