"""Stored text made safe to show: control characters become visible, never raw.

Data comes from outside (a web form's CSV, other staff): an ESC or BEL sent raw to a terminal
could change its title, colours or (over SSH, with OSC 52) the user's clipboard. Every front-end
passes stored strings through :func:`printable` before they reach a screen or a stream.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls except TAB/LF, DEL, C1 controls, and bidi overrides that can disguise text.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_ANY = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_COMBINING = re.compile("[\u0300-\u036f]")
_NAMES = {"\x1b": "␛", "\x07": "␇", "\r": "␍", "\x00": "␀", "\x08": "␈", "\x7f": "␡"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMES:
        return _NAMES[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def printable(value: object, *, multiline: bool = False) -> str:
    """``value`` as text with every control character shown as a visible sign.

    With ``multiline`` line breaks and tabs stay; otherwise they are shown too (a list cell or a
    header line must stay one line).
    """
    text = "" if value is None else str(value)
    pattern = _UNSAFE if multiline else _UNSAFE_ANY
    if not multiline:
        text = text.replace("\n", "⏎").replace("\t", " ")
    return pattern.sub(_visible, text)


def has_control_chars(text: str, *, multiline: bool = False) -> bool:
    """True when ``text`` holds characters that :func:`printable` would have to replace."""
    return bool((_UNSAFE if multiline else _UNSAFE_ANY).search(text))


def fold(text: str) -> str:
    """A search key: lower case, umlauts and accents folded (``Düsse`` → ``dusse``)."""
    text = text.casefold()
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.replace("ß", "ss")))
