"""Field types and record rules: parse, format, validate — the same for form, import and check."""

from __future__ import annotations

import pytest

from ssa_tui import i18n
from ssa_tui.schema import KINDS, FieldError, parse_values, validate_record

POSITIONS, CONTACTS, EVENTS = KINDS["positions"], KINDS["contacts"], KINDS["events"]


@pytest.mark.parametrize(
    "phone",
    [
        "02921 30-3947",
        "02921 30-2592",
        "+49 2921 303947",
        "(02921) 30 39 47",
        "0171/1234567",
        "0049 2921 3039",
    ],
)
def test_german_phone_numbers_are_accepted(phone: str) -> None:
    assert CONTACTS.field("phone").parse(phone) == phone


@pytest.mark.parametrize("phone", ["12345", "030", "+1 555 1234 x", "02921 30-3947; rm -rf", "ab"])
def test_other_phone_numbers_are_refused(phone: str) -> None:
    with pytest.raises(FieldError, match="Telefonnummer"):
        CONTACTS.field("phone").parse(phone)


@pytest.mark.parametrize("email", ["a@b", "x@@kreis-soest.de", "britta thulfaut@kreis-soest.de", "a,b@c.de"])
def test_invalid_email_addresses_are_refused(email: str) -> None:
    with pytest.raises(FieldError, match="E-Mail"):
        CONTACTS.field("email").parse(email)


def test_hours_per_week_must_be_above_zero_and_at_most_41() -> None:
    hours = POSITIONS.field("hours_per_week")
    assert hours.parse("19,5") == 19.5 and hours.parse("41") == 41 and hours.parse("0,5") == 0.5
    for bad in ("0", "41,1", "99", "-3"):
        with pytest.raises(FieldError, match="41"):
            hours.parse(bad)
    assert hours.format(19.5) == "19,5"


def test_school_number_has_six_digits() -> None:
    assert KINDS["schools"].field("school_number").parse("123456") == "123456"
    for bad in ("12345", "1234567", "12345a"):
        with pytest.raises(FieldError, match="6 Ziffern"):
            KINDS["schools"].field("school_number").parse(bad)


def test_postal_code_must_fit_the_town() -> None:
    values, problems = parse_values(POSITIONS, {"school": "GS", "town": "Lippstadt", "postal_code": "59494"})
    assert problems == []
    [problem] = validate_record(POSITIONS, values)
    assert problem.field == "postal_code" and "Lippstadt" in problem.message and "59555" in problem.message
    assert validate_record(POSITIONS, {**values, "postal_code": "59558"}) == []


def test_dates_parse_german_and_iso_and_format_german() -> None:
    date = POSITIONS.field("contract_until")
    assert date.parse("31.07.2027") == date.parse("2027-07-31") == date.parse("31.7.27") == "2027-07-31"
    assert date.format("2027-07-31") == "31.07.2027"
    with pytest.raises(FieldError):
        date.parse("31.02.2027")
    start = EVENTS.field("start")
    assert start.parse("20.06.2022 18:00") == "2022-06-20T18:00"
    assert start.format("2022-06-20T00:00") == "20.06.2022 00:00"  # stored timed: stays timed


@pytest.mark.parametrize("kind", list(KINDS.values()), ids=list(KINDS))
def test_format_and_parse_round_trip_for_every_field(kind, demo_values) -> None:
    for record in demo_values(kind.name):
        for field in kind.fields:
            value = record.get(field.name)
            assert field.parse(field.format(value)) == (field.empty() if field.is_empty(value) else value), (
                field.name
            )


def test_control_characters_and_overlong_text_are_refused() -> None:
    name = CONTACTS.field("name")
    with pytest.raises(FieldError, match="Steuerzeichen"):
        name.parse("Anna\x1b]0;owned\x07")
    with pytest.raises(FieldError, match="Zu lang"):
        name.parse("x" * 5000)
    assert CONTACTS.field("notes").parse("Zeile 1\nZeile 2") == "Zeile 1\nZeile 2"


def test_consent_in_csv_words() -> None:
    consent = CONTACTS.field("newsletter_consent")
    assert [consent.parse(w) for w in ("ja", "Nein", "true", "FALSE", "1", "0", "")] == [
        True,
        False,
        True,
        False,
        True,
        False,
        False,
    ]


def test_validation_returns_every_problem_at_once() -> None:
    problems = validate_record(
        POSITIONS, {"school": "", "hours_per_week": 99, "status": "offen", "town": "Berlin"}
    )
    assert {p.field for p in problems} == {"school", "hours_per_week", "status", "town"}


def test_messages_in_english_when_asked() -> None:
    i18n.set_language("en")
    try:
        [problem] = validate_record(POSITIONS, {"school": ""})
        assert problem.message == "Required – please fill in."
        assert POSITIONS.field_label("school") == "School"
    finally:
        i18n.set_language("de")
