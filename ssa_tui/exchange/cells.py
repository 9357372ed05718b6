"""One cell of an exchange file: formula neutralisation, the clear marker, matching keys.

A spreadsheet reads a cell that starts with ``=``, ``+``, ``-``, ``@``, TAB or CR as a formula
(OWASP "CSV injection"): a contact-form name ``=HYPERLINK(…)`` would become live. Exports put a
``'`` in front of such text cells; the import takes exactly that ``'`` off again, so a round trip
changes nothing. Text that itself starts with ``'`` or is the clear marker gets the prefix too, so
that it also survives the trip unchanged.
"""

from __future__ import annotations

import unicodedata

#: What a cell holds to clear a stored value (an empty cell leaves the value as it is).
CLEAR_MARKER = "(leer)"

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def is_clear_marker(cell: str) -> bool:
    return cell.strip().casefold() == CLEAR_MARKER


def _needs_prefix(text: str) -> bool:
    return text.startswith(_FORMULA_STARTS) or is_clear_marker(text)


def neutralise(text: str) -> str:
    """A text cell as written to a file: ``=SUM(A1)`` → ``'=SUM(A1)``."""
    return "'" + text if _needs_prefix(text) else text


def unneutralise(cell: str) -> str:
    """A cell as read from a file: the export's ``'`` prefix taken off, nothing else."""
    return cell[1:] if cell.startswith("'") and _needs_prefix(cell[1:]) else cell


def match_text(value: object) -> str:
    """The key two texts are compared by when matching rows to records.

    Case-folded NFC with runs of spaces collapsed — never accent-stripped: ``Hans Muller`` and
    ``Hans Müller`` are two people, ``ANNA@Example.org`` and ``anna@example.org`` one address.
    """
    text = "" if value is None else str(value)
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())
