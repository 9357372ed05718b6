"""Reading CSV files as they arrive: UTF-8 with or without BOM, UTF-16 (BOM) as Excel's "Unicode
text" saves it, or Windows-1252 from a German Excel; `;`, `,` or TAB as separator; CRLF; quoted
cells with line breaks.

The file is streamed (decoded chunk by chunk, never held twice). Bytes that fit no encoding are
kept as lone surrogates (``surrogateescape``) so the row that holds them is reported, never
silently turned into U+FFFD.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from pathlib import Path

from ..i18n import t
from .table import MAX_CELL_CHARS, FileRefused, SourceRow, Table

# csv's default limit (128 KiB) raises on a longer cell; ours is larger than any field's bound
# (so such a cell is refused at its field, with the row) and still bounded.
csv.field_size_limit(MAX_CELL_CHARS)

_UNDECODABLE = re.compile("[\udc80-\udcff]")
_CHUNK = 1 << 16


def detect_encoding(path: Path) -> str:
    """The codec to read ``path`` with: a BOM decides; else UTF-8 if any multi-byte sequence in
    the file is valid UTF-8 (a few broken bytes are then reported per row); else Windows-1252."""
    with open(path, "rb") as handle:
        head = handle.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        if len(head) >= 4 and head[1] == 0 and head[3] == 0 and head[0] and head[2]:
            return "utf-16-le"  # "Unicode text" without BOM: every ASCII char followed by NUL
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
        valid_multibyte = broken = 0
        while chunk := handle.read(_CHUNK):
            text = decoder.decode(chunk)
            if not text.isascii():
                bad = len(_UNDECODABLE.findall(text))
                broken += bad
                valid_multibyte += sum(1 for char in text if ord(char) > 0x7F) - bad
        return "utf-8" if valid_multibyte or not broken else "cp1252"


ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16",
    "cp1252": "Windows-1252",
}


def detect_delimiter(first_line: str) -> str:
    """`;` (German Excel), `,` or TAB: whichever separates more columns outside quotes."""
    counts = {";": 0, ",": 0, "\t": 0}
    quoted = False
    for char in first_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return max(counts, key=lambda sep: (counts[sep], sep == ";"))


def read_csv(path: Path) -> Table:
    """The header and a lazy stream of the data rows (row numbers as a spreadsheet counts them)."""
    encoding = detect_encoding(path)
    with open(path, encoding=encoding, errors="surrogateescape", newline="") as handle:
        first_line = handle.readline()
    delimiter = detect_delimiter(first_line)
    header = [cell.strip() for cell in next(csv.reader([first_line], delimiter=delimiter), [])]
    return Table(header, _rows(path, encoding, delimiter), ENCODING_NAMES[encoding])


def _rows(path: Path, encoding: str, delimiter: str) -> Iterator[SourceRow]:
    with open(path, encoding=encoding, errors="surrogateescape", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        row_number = 1
        try:
            next(reader, None)  # the header
            for record in reader:
                row_number += 1  # a quoted cell with line breaks is still one spreadsheet row
                if not any(cell.strip() for cell in record):
                    continue
                problem = None
                if any(_UNDECODABLE.search(cell) for cell in record):
                    problem = t("exchange.undecodable", encoding=ENCODING_NAMES[encoding])
                    record = [_UNDECODABLE.sub("\ufffd", cell) for cell in record]
                yield SourceRow(row_number, record, problem)
        except csv.Error as failure:
            raise FileRefused(t("exchange.csv_broken", row=row_number + 1, detail=str(failure))) from None
