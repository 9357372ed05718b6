"""Every value bounded: lengths, ranges, years, ASCII digits after NFKC, no invisible characters,
text stored NFC, German messages at the field (issue 10)."""

from __future__ import annotations

import pytest

from ssa_tui.schema import KINDS, FieldError, validate_record

POSITIONS, CONTACTS, EVENTS, GROUPS = KINDS["positions"], KINDS["contacts"], KINDS["events"], KINDS["groups"]
INVISIBLE = "Enthält unsichtbare Zeichen (Null-Breite, Zeilentrenner oder Schreibrichtungs-Steuerung) – bitte entfernen."


def refusal(field, text: str) -> str:
    with pytest.raises(FieldError) as caught:
        field.parse(text)
    return str(caught.value)


def test_short_text_holds_200_characters_long_text_10000() -> None:
    name, notes = CONTACTS.field("name"), CONTACTS.field("notes")
    assert name.parse("x" * 200) == "x" * 200
    assert refusal(name, "x" * 201) == "Zu lang: höchstens 200 Zeichen."
    assert notes.parse("y" * 10_000) == "y" * 10_000
    assert refusal(notes, "y" * 10_001) == "Zu lang: höchstens 10000 Zeichen."
    assert CONTACTS.field("name").validate("x" * 201) == ["Zu lang: höchstens 200 Zeichen."]


@pytest.mark.parametrize("name", ["capacity", "participants"])
def test_counts_lie_between_0_and_100000(name: str) -> None:
    count = EVENTS.field(name)
    assert count.parse("0") == 0 and count.parse("100.000") == 100_000 and count.parse("100000") == 100_000
    for bad in ("99999999999999999999999", "100001", "-1", "9" * 5000):
        assert refusal(count, bad) == "Muss zwischen 0 und 100.000 liegen."
    assert refusal(count, "1,5") == "Keine ganze Zahl."
    assert refusal(count, "1.5") == "Keine ganze Zahl."  # not 15: a dot only groups thousands
    assert count.validate(10**23) == ["Muss zwischen 0 und 100.000 liegen."]


def test_hours_keep_two_decimal_places_and_refuse_nan_and_exponents() -> None:
    hours = POSITIONS.field("hours_per_week")
    assert hours.parse("19,25") == 19.25 and hours.parse("１９,５") == 19.5
    assert refusal(hours, "19,333") == "Höchstens 2 Nachkommastellen."
    for bad in ("nan", "inf", "1e1", "19,5,5", "١٩"):
        assert refusal(hours, bad) == "Keine gültige Zahl."


@pytest.mark.parametrize("text", ["1.1.0005", "31.12.1899", "01.01.2101", "9999-01-01"])
def test_dates_lie_between_1900_and_2100(text: str) -> None:
    assert refusal(POSITIONS.field("contract_until"), text) == "Das Jahr muss zwischen 1900 und 2100 liegen."
    assert refusal(EVENTS.field("start"), text + " 10:00") == "Das Jahr muss zwischen 1900 und 2100 liegen."


def test_dates_at_the_bounds_and_the_old_bad_year_in_a_stored_record() -> None:
    day = POSITIONS.field("contract_until")
    assert day.parse("01.01.1900") == "1900-01-01" and day.parse("31.12.2100") == "2100-12-31"
    assert day.validate("0005-01-01") == ["Das Jahr muss zwischen 1900 und 2100 liegen."]
    assert day.validate("20270731") == ["Kein gültiges Datum (TT.MM.JJJJ)."]  # ISO basic form: not stored


def test_full_width_digits_are_ascii_when_stored() -> None:
    assert KINDS["schools"].field("school_number").parse("１２３４５６") == "123456"
    assert POSITIONS.field("postal_code").parse("５９４９４") == "59494"
    assert CONTACTS.field("phone").parse("０２９２１ ３０-３９４７") == "02921 30-3947"
    assert POSITIONS.field("contract_until").parse("３１.０７.２０２７") == "2027-07-31"
    assert EVENTS.field("capacity").parse("３０") == 30


def test_digits_of_other_scripts_are_refused_not_stored() -> None:
    assert (
        refusal(KINDS["schools"].field("school_number"), "١٢٣٤٥٦")
        == "Die Schulnummer in NRW hat genau 6 Ziffern."
    )
    assert refusal(POSITIONS.field("postal_code"), "५९४९४") == "Postleitzahl hat 5 Ziffern."
    assert KINDS["schools"].field("school_number").validate("１２３４５６") == [
        "Die Schulnummer in NRW hat genau 6 Ziffern."
    ]


@pytest.mark.parametrize(
    "char", ["\u200b", "\u200c", "\u200d", "\u2028", "\u2029", "\ufeff", "\u202e", "\u2066", "\u200f"]
)
def test_names_refuse_invisible_characters(char: str) -> None:
    assert refusal(CONTACTS.field("name"), f"Anna{char}Schmidt") == INVISIBLE
    assert CONTACTS.field("name").validate(f"Anna{char}Schmidt") == [INVISIBLE]  # and check reports old ones


def test_invisible_characters_at_the_ends_of_a_name_are_stripped_when_they_are_blanks() -> None:
    assert CONTACTS.field("name").parse("\u2028Anna Schmidt\u2029") == "Anna Schmidt"


def test_long_text_keeps_joiners_but_refuses_separators_and_bom() -> None:
    notes = CONTACTS.field("notes")
    assert notes.parse("Team 👩\u200d💻\nZeile 2") == "Team 👩\u200d💻\nZeile 2"
    assert refusal(notes, "Zeile 1\u2028Zeile 2") == INVISIBLE
    assert refusal(notes, "a\ufeffb") == INVISIBLE


def test_text_is_stored_nfc() -> None:
    decomposed = "Mu\u0308ller"
    assert CONTACTS.field("name").parse(decomposed) == "Müller"
    assert CONTACTS.field("notes").parse("Gru\u0308ße\r\naus Soest") == "Grüße\naus Soest"
    assert POSITIONS.field("town").parse("Mo\u0308hnesee") == "Möhnesee"


def test_email_idn_domain_kept_as_typed_non_ascii_local_part_refused() -> None:
    email = CONTACTS.field("email")
    assert email.parse("anna@müller-soest.de") == "anna@müller-soest.de"
    assert refusal(email, "jörg@example.org") == (
        "Vor dem @ sind Umlaute und Akzente nicht möglich – solche Adressen lassen sich nicht "
        "zuverlässig zustellen."
    )
    assert email.validate("jörg@example.org") != []


def test_email_is_unique_among_contacts_regardless_of_case() -> None:
    anna = {"id": 1, "name": "Anna", "email": "anna@example.org"}
    [problem] = validate_record(
        CONTACTS, {"id": 2, "name": "Anna B", "email": "Anna@Example.org"}, others=[anna]
    )
    assert (problem.field, problem.message) == ("email", "„Anna@Example.org“ gibt es schon.")
    assert validate_record(CONTACTS, {**anna, "name": "Anna S"}, others=[anna]) == []  # itself: fine
    assert validate_record(CONTACTS, {"id": 3, "name": "Jo", "email": "jo@example.org"}, others=[anna]) == []


def test_unique_names_compare_nfc_and_case_but_never_strip_accents() -> None:
    group = {"id": 1, "name": "AK Müller"}
    assert validate_record(GROUPS, {"id": 2, "name": "ak mu\u0308ller"}, others=[group]) != []
    assert validate_record(GROUPS, {"id": 2, "name": "AK Muller"}, others=[group]) == []


def test_a_contact_lives_in_any_town_kreis_towns_keep_their_spelling_and_postal_codes() -> None:
    town = CONTACTS.field("town")
    assert town.parse("Münster") == "Münster" and town.parse("soest") == "Soest"
    assert "Soest" in CONTACTS.suggestions["town"]
    dortmund = {"name": "Referentin", "town": "Dortmund", "postal_code": "44135"}
    assert validate_record(CONTACTS, dortmund) == []
    [problem] = validate_record(CONTACTS, {"name": "X", "town": "Soest", "postal_code": "44135"})
    assert problem.field == "postal_code" and "59494" in problem.message


def test_positions_keep_the_kreis_town_rule() -> None:
    assert refusal(POSITIONS.field("town"), "Dortmund").startswith("Kein Ort im Kreis Soest")


def test_link_ids_are_bounded() -> None:
    staff = POSITIONS.field("staff")
    assert staff.parse("#7") == 7 and staff.parse("７") == 7
    for bad in ("0", "-3", "99999999999999999999", "#"):
        assert refusal(staff, bad) == "Ungültiger Verweis."
