"""Whole-record validation and the rules across fields, each case with its exact problems.

Written against the survivors of a mutation run over ``ssa_tui.schema`` (issue 16): a dropped
``not``, a field name or message key changed, a link checked although its field is already
invalid — each makes one of these comparisons of (field, message) pairs fail.
"""

from __future__ import annotations

from ssa_tui.schema import KINDS
from ssa_tui.schema.kinds import consent_has_date, postal_code_fits_town
from ssa_tui.schema.validate import UniqueIndex, validate_record

LINK = "Verweist auf einen Datensatz, den es nicht gibt ({ref})."


def pairs(problems) -> list[tuple[str, str]]:
    return [(problem.field, problem.message) for problem in problems]


def existing(*known: tuple[str, int]):
    """A ``link_exists`` that knows exactly ``known`` and records every question it is asked."""
    asked: list[tuple[str, int]] = []

    def link_exists(kind: str, record_id: int) -> bool:
        asked.append((kind, record_id))
        return (kind, record_id) in known

    link_exists.asked = asked  # type: ignore[attr-defined]
    return link_exists


META = {"id": 1, "rev": 2, "created_at": "x", "updated_at": "y", "updated_by": "anna"}


def test_unknown_fields_are_named_and_meta_fields_are_not() -> None:
    record = {**META, "name": "AK Soest", "farbe": "blau", "größe": 3}
    assert pairs(validate_record(KINDS["groups"], record)) == [
        ("farbe", "Unbekanntes Feld."),
        ("größe", "Unbekanntes Feld."),
    ]


def test_a_missing_required_field_and_a_bad_value_are_both_named() -> None:
    record = {"id": 1, "open_for_new": "ja", "next_meeting": "morgen"}
    assert pairs(validate_record(KINDS["groups"], record)) == [
        ("name", "Pflichtfeld – bitte ausfüllen."),
        ("next_meeting", "Kein gültiger Zeitpunkt (TT.MM.JJJJ HH:MM)."),
        ("open_for_new", "Bitte ja oder nein angeben."),
    ]


def test_a_rule_speaks_only_about_fields_that_are_valid_themselves() -> None:
    contacts = KINDS["contacts"]
    wrong_code = {"id": 1, "name": "Anna", "town": "Soest", "postal_code": "59555"}
    assert pairs(validate_record(contacts, wrong_code)) == [
        ("postal_code", "Die Postleitzahl 59555 gehört nicht zu Soest (erlaubt: 59494).")
    ]
    malformed = {"id": 1, "name": "Anna", "town": "Soest", "postal_code": "5949"}
    assert pairs(validate_record(contacts, malformed)) == [("postal_code", "Postleitzahl hat 5 Ziffern.")]


def test_a_unique_value_taken_by_another_record_is_named_with_the_value() -> None:
    groups = KINDS["groups"]
    others = [{"id": 2, "name": "AK  soest"}, {"id": 1, "name": "AK Soest"}]
    assert pairs(validate_record(groups, {"id": 1, "name": "AK Soest"}, others=others)) == [
        ("name", "„AK Soest“ gibt es schon.")
    ]
    assert validate_record(groups, {"id": 1, "name": "AK Soest"}, others=others[1:]) == []
    index = UniqueIndex(groups, others)
    assert pairs(validate_record(groups, {"id": 3, "name": "ak soest"}, others=index)) == [
        ("name", "„ak soest“ gibt es schon.")
    ]


def test_links_to_missing_records_name_the_kind_and_the_id() -> None:
    groups = KINDS["groups"]
    record = {
        "id": 1,
        "name": "AK",
        "contacts": [{"contact": 3, "role": "Leitung"}, {"contact": 4, "role": ""}],
        "members": [4, 5],
    }
    link_exists = existing(("contacts", 4))
    assert pairs(validate_record(groups, record, link_exists=link_exists)) == [
        ("contacts", LINK.format(ref="Kontakt #3")),
        ("members", LINK.format(ref="Kontakt #5")),
    ]
    suggestion = {"id": 1, "topic": "Kinderschutz", "status": "eingeplant", "event": 9}
    assert pairs(validate_record(KINDS["suggestions"], suggestion, link_exists=existing())) == [
        ("event", LINK.format(ref="Veranstaltung #9"))
    ]
    assert validate_record(KINDS["suggestions"], suggestion, link_exists=existing(("events", 9))) == []


def test_without_link_exists_links_are_only_checked_for_their_form() -> None:
    record = {"id": 1, "name": "AK", "members": [5], "contacts": [{"contact": 6, "role": ""}]}
    assert validate_record(KINDS["groups"], record) == []


def test_the_links_of_a_field_that_is_already_invalid_are_not_looked_up() -> None:
    # ``contacts`` comes before ``members``: skipping it must not end the look-ups
    record = {"id": 1, "name": "AK", "contacts": [{"contact": "x"}, {"contact": 5}], "members": [6]}
    link_exists = existing()
    assert pairs(validate_record(KINDS["groups"], record, link_exists=link_exists)) == [
        ("contacts", "Ungültiger Verweis."),
        ("members", LINK.format(ref="Kontakt #6")),
    ]
    assert link_exists.asked == [("contacts", 6)]


def test_unknown_groups_of_an_audience_are_named_only_when_the_audience_is_valid() -> None:
    newsletters = KINDS["newsletters"]
    valid = {"id": 1, "subject": "Juni", "audience": {"group": [7, 1], "event": [9]}}
    link_exists = existing(("groups", 1))
    assert pairs(validate_record(newsletters, valid, link_exists=link_exists)) == [
        ("audience", "Arbeitskreis #7 gibt es nicht."),
        ("audience", "Veranstaltung #9 gibt es nicht."),
    ]
    invalid = {"id": 1, "subject": "Juni", "audience": {"group": [7], "town": ["Berlin"]}}
    problems = pairs(validate_record(newsletters, invalid, link_exists=existing()))
    assert len(problems) == 1 and problems[0][0] == "audience"
    assert problems[0][1].startswith("Unbekannter Ort „Berlin“ im Empfängerkreis")


def test_consent_needs_its_date() -> None:
    message = "Mit Einwilligung bitte auch das Datum der Einwilligung angeben."
    assert pairs(consent_has_date({"newsletter_consent": True})) == [("consent_date", message)]
    assert pairs(consent_has_date({"newsletter_consent": True, "consent_date": ""})) == [
        ("consent_date", message)
    ]
    assert consent_has_date({"newsletter_consent": True, "consent_date": "2026-01-10"}) == []
    assert consent_has_date({"newsletter_consent": "ja"}) == []
    assert consent_has_date({"newsletter_consent": False}) == []
    contact = {"id": 1, "name": "Anna", "newsletter_consent": True, "consent_log": []}
    assert pairs(validate_record(KINDS["contacts"], contact)) == [("consent_date", message)]


def test_a_postal_code_of_another_town_lists_every_code_of_the_town() -> None:
    record = {"town": "Lippstadt", "postal_code": "59494"}
    assert pairs(postal_code_fits_town(record)) == [
        (
            "postal_code",
            "Die Postleitzahl 59494 gehört nicht zu Lippstadt (erlaubt: 59555, 59556, 59557, 59558).",
        )
    ]
    assert postal_code_fits_town({"town": "Lippstadt", "postal_code": "59557"}) == []
    assert postal_code_fits_town({"town": "Münster", "postal_code": "48143"}) == []
    assert postal_code_fits_town({"town": "Soest", "postal_code": ""}) == []
