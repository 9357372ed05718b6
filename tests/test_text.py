"""Stored text is shown as text: every control character visible, nothing raw."""

from __future__ import annotations

from ssa_tui.text import fold, has_control_chars, printable


def test_escape_sequences_become_visible() -> None:
    shown = printable("Anna\x1b]0;owned\x07\x1b[31mrot\x9b2J\r\n")
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown and "\r" not in shown
    assert shown == "Anna␛]0;owned␇␛[31mrot\\x9b2J␍⏎"


def test_osc52_clipboard_write_is_defused() -> None:
    assert "\x1b" not in printable("\x1b]52;c;ZXZpbA==\x07")


def test_bidi_overrides_are_shown() -> None:
    assert printable("abc\u202edef") == "abc\\u202edef"


def test_line_breaks_stay_where_several_lines_are_shown() -> None:
    assert printable("a\nb\tc\x1b", multiline=True) == "a\nb\tc␛"
    assert not has_control_chars("a\nb", multiline=True) and has_control_chars("a\nb")


def test_search_keys_fold_case_and_umlauts() -> None:
    assert fold("Haus Düsse") == "haus dusse"
    assert fold("STRASSE") == fold("Straße")
    assert fold("Gröne") == "grone"
