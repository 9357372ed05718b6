"""Reading CSV files as they arrive: UTF-8 with or without BOM, or Windows-1252 from a German
Excel; `;` or `,` as separator; CRLF; quoted cells with line breaks."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path


@dataclass
class CsvTable:
    """The header and the data rows, each with the row number a spreadsheet shows (header = 1)."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    encoding: str
    delimiter: str


def decode(raw: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with (UTF-8 preferred; else Windows-1252)."""
    try:
        return raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "Windows-1252"


def detect_delimiter(first_line: str) -> str:
    """`;` (German Excel) or `,`: whichever separates more columns outside quotes."""
    counts = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for char in first_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return max(counts, key=lambda sep: (counts[sep], sep == ";"))


def read_csv(path: Path) -> CsvTable:
    text, encoding = decode(Path(path).read_bytes())
    first_line = text.split("\n", 1)[0]
    delimiter = detect_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    row_number = 1
    for record in reader:
        if not header:
            header = [cell.strip() for cell in record]
            continue
        row_number += 1  # a quoted cell with line breaks is still one spreadsheet row
        if any(cell.strip() for cell in record):
            rows.append((row_number, record))
    return CsvTable(header, rows, encoding, delimiter)
