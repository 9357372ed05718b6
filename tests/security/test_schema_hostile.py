"""Hostile values at the schema: each is refused with a German message at its field, or stored
as plain, bounded text — and a refused value never reaches the database file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssa_tui.schema import KINDS, FieldError, parse_values
from ssa_tui.store import Repository
from ssa_tui.store.errors import ValidationFailed

CONTACTS, EVENTS, POSITIONS, GROUPS = KINDS["contacts"], KINDS["events"], KINDS["positions"], KINDS["groups"]
INVISIBLE = "Enthält unsichtbare Zeichen (Null-Breite, Zeilentrenner oder Schreibrichtungs-Steuerung) – bitte entfernen."
CONTROL = "Enthält Steuerzeichen, die nicht erlaubt sind."


def refused(kind, field: str, text: str) -> str:
    """The one message ``text`` gets at ``field`` (parsing as the form and the import do)."""
    values, problems = parse_values(kind, {field: text})
    assert values == {} and [p.field for p in problems] == [field]
    return problems[0].message


@pytest.fixture
def repository(tmp_path: Path) -> Repository:
    return Repository(tmp_path / "db.json", user="anna", create=True)


def test_huge_capacity_is_a_german_message_and_never_reaches_the_json_writer(repository) -> None:
    assert refused(EVENTS, "capacity", "99999999999999999999999") == "Muss zwischen 0 und 100.000 liegen."
    before = repository.path.read_bytes()
    with pytest.raises(ValidationFailed) as caught:
        repository.create("events", {"title": "Fachtag", "capacity": 99999999999999999999999})
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("capacity", "Muss zwischen 0 und 100.000 liegen.")
    ]
    assert repository.path.read_bytes() == before


def test_a_number_longer_than_python_converts_is_out_of_range_not_a_traceback() -> None:
    assert refused(EVENTS, "participants", "9" * 50_000) == "Muss zwischen 0 und 100.000 liegen."


def test_a_cell_over_128_kib_is_too_long_everywhere() -> None:
    cell = "A" * (128 * 1024 + 1)
    assert refused(CONTACTS, "name", cell) == "Zu lang: höchstens 200 Zeichen."
    assert refused(CONTACTS, "notes", cell) == "Zu lang: höchstens 10000 Zeichen."
    assert (
        refused(GROUPS, "members", ", ".join(str(n) for n in range(1, 100_002)))
        == "Zu viele Einträge: höchstens 100.000."
    )


def test_terminal_escapes_are_refused(repository) -> None:
    for payload in ("Anna\x1b]52;c;cm0gLXJmIH4=\x07", "\x1b[2J\x1b[HBritta", "Hans\x9b31m"):
        assert refused(CONTACTS, "name", payload) == CONTROL
    before = repository.path.read_bytes()
    with pytest.raises(ValidationFailed):
        repository.create("contacts", {"name": "Anna\x1b]0;owned\x07"})
    assert repository.path.read_bytes() == before


@pytest.mark.parametrize("char", ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060"])
def test_zero_width_characters_inside_a_name_are_refused(char: str) -> None:
    assert refused(CONTACTS, "name", f"Britta{char} Thulfaut") == INVISIBLE


@pytest.mark.parametrize("char", ["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u200f"])
def test_bidi_controls_that_disguise_a_name_are_refused(char: str) -> None:
    assert refused(CONTACTS, "name", f"Rechnung{char}fdp.exe") == INVISIBLE
    assert refused(EVENTS, "title", f"Fachtag {char}gatcaF") == INVISIBLE


def test_line_and_paragraph_separators_inside_short_text_are_refused() -> None:
    assert refused(CONTACTS, "organisation", "AWO\u2028Kreis Soest") == INVISIBLE
    assert refused(CONTACTS, "role", "Leitung\u2029Team") == INVISIBLE


@pytest.mark.parametrize("text", ["Anna\nSchmidt", "Anna\rSchmidt", "Anna\r\nSchmidt", "Anna\tSchmidt"])
def test_cr_and_lf_inside_short_fields_are_refused(text: str) -> None:
    assert refused(CONTACTS, "name", text) == CONTROL


def test_windows_line_breaks_in_long_text_become_plain_line_breaks() -> None:
    assert CONTACTS.field("notes").parse("Zeile 1\r\nZeile 2\rZeile 3") == "Zeile 1\nZeile 2\nZeile 3"


def test_formula_like_values_are_just_text_here(repository) -> None:
    for text in ('=HYPERLINK("http://evil.example";"Klick")', "+49 ist keine Formel", "-1+1", "@SUM(A1)"):
        assert CONTACTS.field("name").parse(text) == text
    saved = repository.create("contacts", {"name": "=1+1"})
    assert Repository(repository.path, user="bernd").get("contacts", saved["id"])["name"] == "=1+1"


def test_full_width_digits_are_converted_and_other_scripts_refused() -> None:
    assert KINDS["schools"].field("school_number").parse("１６６２３４") == "166234"
    assert (
        refused(KINDS["schools"], "school_number", "١٦٦٢٣٤") == "Die Schulnummer in NRW hat genau 6 Ziffern."
    )
    assert (
        refused(KINDS["schools"], "school_number", "16623４5")
        == "Die Schulnummer in NRW hat genau 6 Ziffern."
    )


def test_year_five_is_refused() -> None:
    assert refused(POSITIONS, "contract_until", "1.1.0005") == "Das Jahr muss zwischen 1900 und 2100 liegen."
    assert refused(EVENTS, "start", "1.1.0005 10:00") == "Das Jahr muss zwischen 1900 und 2100 liegen."


def test_nan_infinity_and_exponents_are_no_numbers() -> None:
    for text in ("nan", "NaN", "inf", "-Infinity", "1e400", "0x1F"):
        assert refused(POSITIONS, "hours_per_week", text) == "Keine gültige Zahl."


def test_deeply_nested_system_data_is_refused_not_a_recursion_error() -> None:
    deliveries = KINDS["newsletters"].field("deliveries")
    for text in ("[" * 100_000, '{"a": NaN}', '"\\ud800"'):
        with pytest.raises(FieldError, match="Ungültige Systemdaten"):
            deliveries.parse(text)


def test_links_to_impossible_ids_are_refused() -> None:
    for text in ("99999999999999999999", "-1", "0", "#", "1; DROP TABLE"):
        assert refused(POSITIONS, "staff", text) == "Ungültiger Verweis."


def test_an_address_with_umlauts_before_the_at_is_refused_the_idn_domain_kept() -> None:
    assert refused(CONTACTS, "email", "jörg@example.org").startswith("Vor dem @ sind Umlaute und Akzente")
    assert CONTACTS.field("email").parse("info@bürgerstiftung-soest.de") == "info@bürgerstiftung-soest.de"
