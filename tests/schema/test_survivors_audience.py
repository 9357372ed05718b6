"""Audience syntax in English keys, the full message for an unknown town, allocation totals.

Written against the survivors of a mutation run over ``ssa_tui.schema`` (issue 16): the other
tests type German keys only and compare messages by their beginning, so a lost English key or a
changed separator in the list of towns went unnoticed.
"""

from __future__ import annotations

import pytest

from ssa_tui.schema import audience
from ssa_tui.schema import fields as f

TOWN_LIST = (
    "Anröchte, Bad Sassendorf, Ense, Erwitte, Geseke, Lippetal, Lippstadt, Möhnesee, Rüthen, "
    "Soest, Warstein, Welver, Werl, Wickede (Ruhr)"
)


def test_english_keys_are_read_in_any_case() -> None:
    assert audience.parse("town=soest; ROLE=Leitung; Event=4; organisation=AWO") == {
        "town": ["Soest"],
        "role": ["Leitung"],
        "event": [4],
        "organisation": ["AWO"],
    }


def test_an_unknown_town_is_refused_with_every_town_of_the_district() -> None:
    with pytest.raises(audience.AudienceError) as refused:
        audience.normalised({"town": ["Soest", "Berlin"]})
    assert str(refused.value) == f"Unbekannter Ort „Berlin“ im Empfängerkreis – erlaubt: {TOWN_LIST}."
    with pytest.raises(f.FieldError) as refused_field:
        f.Audience("audience").parse_value("ort=Berlin")
    assert str(refused_field.value) == f"Unbekannter Ort „Berlin“ im Empfängerkreis – erlaubt: {TOWN_LIST}."


def test_the_total_of_the_allocations_is_named_to_two_decimal_places() -> None:
    allocations = [{"school_number": "166234", "hours": 21.125}, {"school_number": "166258", "hours": 20.0}]
    with pytest.raises(f.FieldError) as refused:
        f.Allocations("allocations").check_value(allocations)
    assert str(refused.value) == "Zusammen 41,12 Stunden – eine Stelle hat höchstens 41 Wochenstunden."


def test_hours_below_one_are_hours_too() -> None:
    f.Allocations("allocations").check_value([{"school_number": "166234", "hours": 0.5}])
    f.Allocations("allocations").check_value([{"school_number": "166234", "hours": 1}])


def test_a_later_section_without_title_gets_an_empty_heading() -> None:
    sections = f.Sections("sections")
    value = [{"title": "Termine", "body": "Fachtag"}, {"body": "Nachtrag"}]
    assert sections.format_value(value) == "## Termine\nFachtag\n\n## \nNachtrag"
    assert sections.parse_value(sections.format_value(value)) == [
        {"title": "Termine", "body": "Fachtag"},
        {"title": "", "body": "Nachtrag"},
    ]


def test_office_hours_may_hold_any_letter() -> None:
    hours = {"Montag": "XL-Sprechstunde 8–12", "Freitag": "nach Vereinbarung (X)"}
    f.OfficeHours("office_hours").check_value(hours)


def test_a_section_body_is_checked_as_long_text() -> None:
    sections = f.Sections("sections")
    sections.check_value([{"title": "T", "body": "Zeile 1\nZeile 2"}])  # line breaks belong to a body
    sections.check_value(
        [{"title": "T", "body": "  eingerückt \n\tmit Tab "}]
    )  # only blank lines are trimmed
    sections.check_value([{"title": "T", "body": "Familie 👨\u200d👩"}])  # joiners of long text
    with pytest.raises(f.FieldError) as refused:
        sections.check_value([{"title": "T", "body": "Glocke \x07"}])
    assert str(refused.value) == "Enthält Steuerzeichen, die nicht erlaubt sind."
    with pytest.raises(f.FieldError) as refused:
        sections.check_value([{"title": "T", "body": "un\u200bsichtbar"}])
    assert str(refused.value).startswith("Enthält unsichtbare Zeichen")
    f.Sections("sections", max_length=3).check_value([{"title": "Abc"}])  # a missing body is empty


def test_an_unknown_consent_action_is_named_in_the_error() -> None:
    from ssa_tui.schema import consent

    with pytest.raises(ValueError) as refused:
        consent.event("vielleicht", at="2026-01-10", source="Formular", by="anna")
    assert str(refused.value) == "vielleicht"


def test_hours_over_the_position_are_named_to_two_decimal_places() -> None:
    from ssa_tui.schema.kinds import allocations_within_hours

    record = {"hours_per_week": 10, "allocations": [{"school_number": "166234", "hours": 10.125}]}
    assert [(p.field, p.message) for p in allocations_within_hours(record)] == [
        ("allocations", "Die Stunden an den Schulen (10,12) sind mehr als die Wochenstunden der Stelle.")
    ]


def test_a_contact_without_consent_is_passed_over_not_the_end_of_the_list() -> None:
    contacts = [
        {"id": 1, "newsletter_consent": False},
        {"id": 2, "newsletter_consent": "ja"},
        {"id": 3, "newsletter_consent": True},
    ]
    assert [c["id"] for c in audience.select(contacts, {}, {}, {})] == [3]


def test_the_log_not_the_stored_yes_no_tells_what_the_consent_was() -> None:
    from ssa_tui.schema import consent

    log = [consent.event(consent.GIVEN, at="2026-01-10T09:00:00+01:00", source="Formular", by="x")]
    before = {"newsletter_consent": False, "consent_log": log}  # out of step: the log decides
    record = consent.derive(before, {"newsletter_consent": True, "consent_log": log}, at="now", by="anna")
    assert record["consent_log"] == log
    withdrawn = [*log, consent.event(consent.WITHDRAWN, at="2026-02-01", source="Mail", by="x")]
    before = {"newsletter_consent": True, "consent_log": withdrawn}
    record = consent.derive(
        before, {"newsletter_consent": False, "consent_log": withdrawn}, at="now", by="anna"
    )
    assert record["consent_log"] == withdrawn
