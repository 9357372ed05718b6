"""Exact results of the small pure helpers of the exchange: formula neutralising and its
reverse, the clear marker, vCard 4 escaping, folding and cards (read back with vobject)."""

from __future__ import annotations

import pytest
import vobject

from ssa_tui.exchange.cells import CLEAR_MARKER, is_clear_marker, match_text, neutralise, unneutralise
from ssa_tui.exchange.vcard import card, escape, escape_part, fold, office_hours, split_name, write_vcards


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "'"])
def test_every_formula_start_gets_one_quote_and_loses_exactly_that_one(start: str) -> None:
    text = start + "SUM(A1)"
    assert neutralise(text) == "'" + text
    assert unneutralise("'" + text) == text
    assert unneutralise(neutralise(text)) == text


def test_plain_text_is_left_as_it_is_both_ways() -> None:
    for text in ["Anna", "", "a=b", "x'y", "1,5", " =lead space"]:
        assert neutralise(text) == text
        assert unneutralise(text) == text
    assert unneutralise("'Anna") == "'Anna"  # a quote the export did not add stays
    assert unneutralise("'") == "'"
    assert unneutralise("''") == "'"  # the export writes "'" as "''"
    assert neutralise("'") == "''"


def test_the_clear_marker_is_quoted_and_recognised_in_any_case_with_spaces() -> None:
    assert CLEAR_MARKER == "(leer)"
    assert is_clear_marker("(leer)") and is_clear_marker("  (LEER) ") and is_clear_marker("(Leer)")
    assert not is_clear_marker("leer") and not is_clear_marker("(leer)x") and not is_clear_marker("")
    assert neutralise("(leer)") == "'(leer)"
    assert neutralise(" (LEER) ") == "' (LEER) "
    assert unneutralise("'(leer)") == "(leer)"
    assert unneutralise("' (Leer)") == " (Leer)"


def test_match_text_folds_case_but_keeps_accents() -> None:
    assert match_text(None) == ""
    assert match_text("ANNA@Example.org") == "anna@example.org"
    assert match_text("Hans Müller") != match_text("Hans Muller")
    assert match_text(5) == "5"
    assert match_text("Straße") == match_text("STRASSE")


def test_vcard_escaping_of_text_and_of_compound_parts() -> None:
    assert escape("a\\b,c;d\r\ne\nf") == "a\\\\b\\,c;d\\ne\\nf"
    assert escape_part("a\\b,c;d\r\ne") == "a\\\\b\\,c\\;d\\ne"
    assert escape("") == ""


def test_lines_fold_at_75_octets_then_74_and_never_inside_a_character() -> None:
    assert fold("A" * 75) == "A" * 75 + "\r\n"
    assert fold("A" * 76) == "A" * 75 + "\r\n A\r\n"
    assert fold("A" * 150) == "A" * 75 + "\r\n " + "A" * 74 + "\r\n A\r\n"
    assert fold("A" * 149) == "A" * 75 + "\r\n " + "A" * 74 + "\r\n"
    assert fold("ä" * 40) == "ä" * 37 + "\r\n " + "ä" * 3 + "\r\n"  # 2 octets each: 74 of 75
    assert fold("A" + "ä" * 37) == "A" + "ä" * 37 + "\r\n"  # 75 octets exactly
    assert fold("") == "\r\n"
    for piece in fold("x€" * 60).split("\r\n"):
        assert len(piece.encode()) <= 75


def test_names_split_family_name_last() -> None:
    assert split_name("Prof. Dr. Nicole Ermel") == ("Ermel", "Prof. Dr. Nicole")
    assert split_name("Anna") == ("Anna", "")
    assert split_name("") == ("", "")


def test_office_hours_in_weekday_order() -> None:
    hours = {"Dienstag": "9-12", "Montag": "8-10", "Unbekannt": "x"}
    assert office_hours({"office_hours": hours}) == "Sprechzeiten: Montag 8-10; Dienstag 9-12"
    assert office_hours({"office_hours": None}) == ""
    assert office_hours({}) == ""


FULL = {
    "id": 7,
    "name": "Prof. Dr. Nicole Ermel",
    "organisation": "AWO; Soest",
    "role": "Leitung, SSA",
    "email": "n@x.de",
    "phone": "02921 30-1",
    "street": "Hoher Weg 1",
    "town": "Soest",
    "postal_code": "59494",
    "office_hours": {"Montag": "8-10"},
    "notes": "Zeile1\r\nZeile2 \\ x",
}


def test_a_full_card_line_by_line() -> None:
    assert card(FULL) == (
        "BEGIN:VCARD\r\n"
        "VERSION:4.0\r\n"
        "UID:urn:ssa-tui:contact:7\r\n"
        "FN:Prof. Dr. Nicole Ermel\r\n"
        "N:Ermel;Prof. Dr. Nicole;;;\r\n"
        "ORG:AWO\\; Soest\r\n"
        "TITLE:Leitung\\, SSA\r\n"
        "EMAIL;TYPE=work:n@x.de\r\n"
        "TEL;VALUE=text;TYPE=work,voice:02921 30-1\r\n"
        "ADR;TYPE=work:;;Hoher Weg 1;Soest;;59494;Deutschland\r\n"
        "NOTE:Sprechzeiten: Montag 8-10\\nZeile1\\nZeile2 \\\\ x\r\n"
        "END:VCARD\r\n"
    )


def test_a_bare_card_has_no_empty_properties() -> None:
    assert card({"id": 1, "name": "Anna"}) == (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:ssa-tui:contact:1\r\nFN:Anna\r\nN:Anna;;;;\r\nEND:VCARD\r\n"
    )
    assert card({"id": 2, "name": None}) == (
        "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:ssa-tui:contact:2\r\nFN:\r\nN:;;;;\r\nEND:VCARD\r\n"
    )


@pytest.mark.parametrize(
    ("only", "adr"),
    [
        ({"street": "Weg 1"}, "ADR;TYPE=work:;;Weg 1;;;;Deutschland"),
        ({"town": "Werl"}, "ADR;TYPE=work:;;;Werl;;;Deutschland"),
        ({"postal_code": "59457"}, "ADR;TYPE=work:;;;;;59457;Deutschland"),
    ],
)
def test_any_part_of_the_address_makes_a_work_address(only: dict, adr: str) -> None:
    lines = card({"id": 3, "name": "B", **only}).split("\r\n")
    assert lines[-3] == adr


def test_notes_alone_and_the_cards_read_back_with_vobject() -> None:
    assert "NOTE:nur Notiz\r\n" in card({"id": 4, "name": "C", "notes": "nur Notiz"})
    payload = write_vcards([FULL, {"id": 1, "name": "Anna"}])
    assert isinstance(payload, bytes)
    first, second = vobject.readComponents(payload.decode("utf-8"))
    assert first.fn.value == "Prof. Dr. Nicole Ermel"
    assert first.n.value.family == "Ermel" and first.n.value.given == "Prof. Dr. Nicole"
    assert first.org.value == ["AWO; Soest"]
    assert first.title.value == "Leitung, SSA"
    assert first.adr.params["TYPE"] == ["work"]
    assert first.adr.value.street == "Hoher Weg 1" and first.adr.value.code == "59494"
    assert first.adr.value.city == "Soest" and first.adr.value.country == "Deutschland"
    assert first.note.value == "Sprechzeiten: Montag 8-10\nZeile1\nZeile2 \\ x"
    assert second.fn.value == "Anna"
    assert write_vcards([]) == b""
