"""Consent derivation, allocation checks, number parsing and record parsing, pinned exactly.

Unit tests of the schema's own functions (no store): each case states the whole result, so a
changed default, a dropped branch or ``and``/``or`` swapped makes one of them fail.
"""

from __future__ import annotations

import pytest

from ssa_tui.schema import KINDS, consent
from ssa_tui.schema import fields as f
from ssa_tui.schema.validate import parse_values

AT = "2026-11-27T10:00:00+01:00"


def derived(before, record):
    return consent.derive(before, dict(record), at=AT, by="anna")


def given(at="2026-01-10T09:00:00+01:00", source="Formular"):
    return consent.event(consent.GIVEN, at=at, source=source, by="x")


def test_a_new_contact_with_consent_gets_its_first_event_with_the_source() -> None:
    record = derived(None, {"newsletter_consent": True, "consent_source": "Telefon"})
    assert record["consent_log"] == [
        {
            "action": "given",
            "at": AT,
            "source": "Telefon",
            "version": consent.CONSENT_TEXT_VERSION,
            "by": "anna",
        }
    ]
    assert derived(None, {"newsletter_consent": True})["consent_log"][0]["source"] == "Formular/Import"


def test_a_new_contact_without_consent_gets_no_log() -> None:
    assert "consent_log" not in derived(None, {"newsletter_consent": False})
    assert "consent_log" not in derived(None, {})


def test_an_unchanged_consent_adds_nothing() -> None:
    log = [given()]
    before = {"newsletter_consent": True, "consent_log": log}
    assert derived(before, {"newsletter_consent": True, "consent_log": log})["consent_log"] == log
    legacy = {"newsletter_consent": True}  # stored before the log existed
    assert "consent_log" not in derived(legacy, {"newsletter_consent": True})


def test_a_change_of_the_yes_no_value_is_logged_after_the_old_events() -> None:
    log = [given()]
    record = derived(
        {"newsletter_consent": True, "consent_log": log}, {"newsletter_consent": False, "consent_log": log}
    )
    assert [e["action"] for e in record["consent_log"]] == ["given", "withdrawn"]
    assert record["consent_log"][0] == log[0]
    legacy = derived({"newsletter_consent": True}, {"newsletter_consent": "ja"})  # anything but True is no
    assert [e["action"] for e in legacy["consent_log"]] == ["withdrawn"]
    again = derived({"newsletter_consent": False}, {"newsletter_consent": True, "consent_source": "Mail"})
    assert [(e["action"], e["source"]) for e in again["consent_log"]] == [("given", "Mail")]


def test_a_log_written_by_the_caller_decides_the_consent_and_its_date() -> None:
    log = [given(at="2026-03-04T08:00:00+01:00")]
    record = derived({"newsletter_consent": False}, {"newsletter_consent": False, "consent_log": log})
    assert (record["newsletter_consent"], record["consent_date"], record["consent_log"]) == (
        True,
        "2026-03-04",
        log,
    )
    kept = derived(None, {"consent_log": log, "consent_date": "2026-01-01"})
    assert kept["consent_date"] == "2026-01-01"
    withdrawn = [*log, consent.event(consent.WITHDRAWN, at=AT, source="Abmeldung", by="x")]
    record = derived(
        {"newsletter_consent": True, "consent_log": log},
        {"newsletter_consent": True, "consent_log": withdrawn},
    )
    assert record["newsletter_consent"] is False and "consent_date" not in record
    assert derived(None, {"consent_log": [{"action": "noted"}]})["newsletter_consent"] is False


ALLOCATION_CASES = [
    (
        "kaputt",
        "Schulen bitte als „Schulnummer (Stunden)“ mit „;“ getrennt, z. B. 166234 (19,5); 166258 (19,5).",
    ),
    ([{"school_number": "166234"}], "Schulen bitte als „Schulnummer (Stunden)“"),
    ([{"school_number": "166234", "hours": 1, "x": 1}], "Schulen bitte als „Schulnummer (Stunden)“"),
    (["166234"], "Schulen bitte als „Schulnummer (Stunden)“"),
    ([{"school_number": "16623", "hours": 1}], "„16623“ ist keine Schulnummer (genau 6 Ziffern)."),
    ([{"school_number": 166234, "hours": 1}], "„166234“ ist keine Schulnummer (genau 6 Ziffern)."),
    ([{"school_number": "16623x", "hours": 1}], "„16623x“ ist keine Schulnummer (genau 6 Ziffern)."),
    (
        [{"school_number": "166234", "hours": 1}, {"school_number": "166234", "hours": 2}],
        "Die Schule 166234 steht zweimal in der Liste.",
    ),
    ([{"school_number": "166234", "hours": 0}], "Die Stunden an der Schule 166234 müssen größer als 0 sein."),
    (
        [{"school_number": "166234", "hours": -1}],
        "Die Stunden an der Schule 166234 müssen größer als 0 sein.",
    ),
    (
        [{"school_number": "166234", "hours": True}],
        "Die Stunden an der Schule 166234 müssen größer als 0 sein.",
    ),
    (
        [{"school_number": "166234", "hours": "5"}],
        "Die Stunden an der Schule 166234 müssen größer als 0 sein.",
    ),
    (
        [{"school_number": "166234", "hours": 21}, {"school_number": "166258", "hours": 20.25}],
        "Zusammen 41,25 Stunden – eine Stelle hat höchstens 41 Wochenstunden.",
    ),
]


@pytest.mark.parametrize(("value", "message"), ALLOCATION_CASES)
def test_stored_allocations_are_checked_with_a_message_naming_the_school(value, message: str) -> None:
    with pytest.raises(f.FieldError) as refused:
        f.Allocations("allocations").check_value(value)
    assert str(refused.value).startswith(message)


def test_allocations_up_to_the_limit_pass() -> None:
    f.Allocations("allocations").check_value(
        [{"school_number": "166234", "hours": 21}, {"school_number": "166258", "hours": 20}]
    )
    f.Allocations("allocations").check_value([])


@pytest.mark.parametrize(
    "value",
    [
        "Montag 8-12",
        {"Montag": 8},
        {"Montag": ""},
        {"Montag": " 8–12"},
        {"Montag": "8–12 | 14–16"},
        {"Montag": "8–12; 14–16"},
        {"Moontag": "8–12"},
    ],
)
def test_stored_office_hours_of_the_wrong_shape_are_refused(value) -> None:
    with pytest.raises(f.FieldError) as refused:
        f.OfficeHours("office_hours").check_value(value)
    assert str(refused.value) == "Sprechzeiten je Wochentag, z. B. „Montag: 08:00–16:00“."


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("19,5", 19.5),
        ("19.5", 19.5),
        ("1.234,5", 1234.5),
        (" 1 234,5 ", 1234.5),
        ("1\u202f234", 1234.0),
        ("-2", -2.0),
    ],
)
def test_german_numbers_are_read(text: str, number: float) -> None:
    assert f.parse_german_number(text) == number


@pytest.mark.parametrize("text", ["nan", "1e9", "1,2,3", "", "zwölf", "1.23.4"])
def test_what_is_no_number_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        f.parse_german_number(text)


def test_a_number_field_keeps_whole_numbers_whole() -> None:
    number = f.Number("hours", low=0, high=41)
    assert number.parse_value("20,0") == 20 and isinstance(number.parse_value("20,0"), int)
    assert number.parse_value("19,5") == 19.5


@pytest.mark.parametrize("value", [True, 2.0, "3", None])
def test_an_integer_field_refuses_what_is_not_a_whole_number(value) -> None:
    with pytest.raises(f.FieldError) as refused:
        f.Integer("capacity").check_value(value)
    assert str(refused.value) == "Keine ganze Zahl."


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("02921 30-3947", True),
        ("+49 2921 303947", True),
        ("0049 2921 303947", True),
        ("(02921) 303947", True),
        ("02921", False),  # five digits: too short
        ("0" + "1" * 15, False),  # sixteen digits: too long
        ("0123456", True),  # seven digits
        ("012345", True),  # six digits: the shortest
        ("2921 303947", False),  # no leading 0 or +49
        ("02921 30-3947 x", False),
    ],
)
def test_phone_numbers(value: str, ok: bool) -> None:
    phone = f.Phone("phone")
    if ok:
        phone.check_value(value)
    else:
        with pytest.raises(f.FieldError) as refused:
            phone.check_value(value)
        assert str(refused.value).startswith("Keine gültige deutsche Telefonnummer (z. B. 02921 30-3947).")


def test_parse_values_names_unknown_fields_and_keeps_the_good_ones() -> None:
    values, problems = parse_values(
        KINDS["contacts"], {"name": "Anna", "farbe": "blau", "phone": "12", "town": "Soest"}
    )
    assert values == {"name": "Anna", "town": "Soest"}
    assert [(p.field, p.message) for p in problems] == [
        ("farbe", "Unbekanntes Feld."),
        ("phone", "Keine gültige deutsche Telefonnummer (z. B. 02921 30-3947)."),
    ]


def test_a_record_is_titled_by_its_title_field_or_its_id() -> None:
    contacts = KINDS["contacts"]
    assert contacts.title_of({"id": 7, "name": "Anna"}) == "Anna"
    assert contacts.title_of({"id": 7, "name": ""}) == "#7"
    assert contacts.title_of({}) == "#?"
