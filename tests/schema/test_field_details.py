"""Details of the field types that the broader tests pass over, each pinned by an exact value.

Written against the survivors of a mutation run (bench/mutation.sh): every test here fails when
one of those one-line changes is made (a spelling of a weekday dropped, ``continue`` turned into
``break``, a default or a separator changed, ``and`` turned into ``or``).
"""

from __future__ import annotations

import pytest

from ssa_tui.schema import KINDS, audience, consent
from ssa_tui.schema import fields as f
from ssa_tui.schema.kinds import Kind, PositionStatus, RoundStatus, status_field

WEEK = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
ENGLISH = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@pytest.mark.parametrize("day", range(7))
def test_every_spelling_of_every_weekday_is_understood(day: int) -> None:
    hours = f.OfficeHours("office_hours")
    german, english = WEEK[day], ENGLISH[day]
    for spelling in (
        german,
        german.upper(),
        german[:2],
        german[:2] + ".",
        english,
        english[:3],
        english.lower(),
    ):
        assert hours.parse_value(f"{spelling}: 08:00–12:00") == {german: "08:00–12:00"}, spelling


@pytest.mark.parametrize("text", ["Mo 08:00", "Xy: 08:00", "Mo:", "Mo:   "])
def test_office_hours_without_day_colon_or_time_are_refused_with_the_example(text: str) -> None:
    with pytest.raises(f.FieldError) as refused:
        f.OfficeHours("office_hours").parse_value(text)
    assert str(refused.value) == "Sprechzeiten je Wochentag, z. B. „Montag: 08:00–16:00“."


def test_blank_lines_between_office_hours_are_skipped_not_the_end() -> None:
    text = "Mo: 8–12\n\n  \nFr: 9–11"
    assert f.OfficeHours("office_hours").parse_value(text) == {"Montag": "8–12", "Freitag": "9–11"}


def test_the_status_field_of_a_vocabulary() -> None:
    status = status_field(RoundStatus)
    assert (status.name, status.choices, status.default) == (
        "status",
        tuple(member.value for member in RoundStatus),
        tuple(RoundStatus)[0].value,
    )
    assert status_field(PositionStatus).default == tuple(PositionStatus)[0].value
    assert KINDS["positions"].field("status").choices == tuple(m.value for m in PositionStatus)


def test_a_new_kind_finds_its_fields_by_name() -> None:
    kind = Kind("things", (f.Field("name"), f.Integer("count")), "name", ("name",))
    assert kind.field("count") is kind.fields[1]
    assert kind.has_field("name") and not kind.has_field("other")


def test_choice_and_town_messages_list_the_choices() -> None:
    with pytest.raises(f.FieldError) as refused:
        f.Choice("format", choices=("Präsenz", "digital")).parse_value("vor Ort")
    assert str(refused.value) == "Ungültiger Wert – erlaubt: Präsenz, digital."
    with pytest.raises(f.FieldError) as refused:
        f.Town("town").check_value("Münster")
    assert str(refused.value).startswith("Kein Ort im Kreis Soest – erlaubt: Anröchte, Bad Sassendorf, ")


@pytest.mark.parametrize(
    ("high", "shown"),
    [(41, "41"), (10_000, "10.000"), (9_999, "9999"), (12_345.5, "12345,5"), (0.5, "0,5")],
)
def test_bounds_in_messages_are_written_the_german_way(high: float, shown: str) -> None:
    with pytest.raises(f.FieldError) as refused:
        f.Number("x", low=0, high=high).check_value(high + 1)
    assert str(refused.value) == f"Muss zwischen 0 und {shown} liegen."


def test_an_integer_may_be_typed_with_spaces_between_thousands() -> None:
    assert f.Integer("capacity").parse_value("1 000") == 1000
    assert f.Integer("capacity").parse_value(" 2 5 ") == 25


def test_removing_a_link_keeps_the_others() -> None:
    link, links, roles = f.Link("staff", target="contacts"), f.Links("m", target="contacts"), f.RoleLinks("c")
    assert (link.without(5, 5), link.without(3, 5)) == (None, 3)
    assert (links.without(None, 1), links.without([1, 2, 1], 1)) == ([], [2])
    entries = [{"contact": 1, "role": "A"}, {"contact": 2, "role": "B"}]
    assert roles.without(entries, 1) == [{"contact": 2, "role": "B"}]
    assert roles.without(None, 1) == []


def test_role_links_skip_blank_lines() -> None:
    roles = f.RoleLinks("contacts", target="contacts")
    assert roles.value_from_text("3: Leitung\n\n|4: Vertretung", None) == [
        {"contact": 3, "role": "Leitung"},
        {"contact": 4, "role": "Vertretung"},
    ]


def test_sections_read_and_write_back() -> None:
    sections = f.Sections("sections")
    parsed = sections.parse_value(
        "  Vorweg eingerückt\n\n## Nur ein Titel\n## Termine\n\n  Fachtag am 3.5.\n"
    )
    assert parsed == [
        {"title": "", "body": "  Vorweg eingerückt"},
        {"title": "Nur ein Titel", "body": ""},
        {"title": "Termine", "body": "  Fachtag am 3.5."},
    ]
    assert sections.format_value(parsed) == (
        "  Vorweg eingerückt\n\n## Nur ein Titel\n\n\n## Termine\n  Fachtag am 3.5."
    )
    assert sections.format_value([{"body": "Ohne Titel"}, {"title": "Ohne Text"}]) == (
        "Ohne Titel\n\n## Ohne Text\n"
    )


def test_an_audience_with_an_unknown_town_is_refused_with_the_town() -> None:
    with pytest.raises(f.FieldError) as refused:
        f.Audience("audience").check_value({"town": ["Berlin"]})
    assert str(refused.value).startswith("Unbekannter Ort „Berlin“ im Empfängerkreis – erlaubt: Anröchte")


def test_system_data_as_text_is_sorted_plain_json_and_refuses_nan() -> None:
    data = f.SystemData("deliveries")
    assert data.format_value({"b": 1, "a": "Gröne"}) == '{"a": "Gröne", "b": 1}'
    for text in ("NaN", "[1, Infinity]", "{"):
        with pytest.raises(f.FieldError):
            data.parse_value(text)
    assert data.parse_value('{"x": [1.5]}') == {"x": [1.5]}


def test_audience_syntax_details() -> None:
    assert audience.parse("ort=soest;; gruppe=#2, 3") == {"town": ["Soest"], "group": [2, 3]}
    assert audience.parse("rolle=a=b") == {"role": ["a=b"]}
    for wrong in ("gruppe=X3", "farbe=blau", "ort"):
        with pytest.raises(audience.AudienceError):
            audience.parse(wrong)
    for shape in ({"farbe": ["blau"]}, {"group": ["1"]}, {"group": [True]}, {"town": [1]}, {"town": "Soest"}):
        with pytest.raises(audience.AudienceError):
            audience.check_shape(shape)
    audience.check_shape({"group": [1], "town": ["Soest"]})


def test_consent_skips_events_it_does_not_know() -> None:
    log = [{"action": consent.GIVEN}, {"action": "noted"}, "kaputt"]
    assert consent.current(log) is True
    assert consent.current([{"action": consent.WITHDRAWN}, {}]) is False
    assert consent.current([]) is None


def _contact(id_: int, **values) -> dict:
    return {"id": id_, "newsletter_consent": True, **values}


@pytest.mark.parametrize(
    "chosen_by",
    [{"role": ["sozial"]}, {"town": ["Soest"]}, {"organisation": ["awo"]}, {"group": [1]}, {"event": [1]}],
)
def test_the_audience_goes_on_after_a_contact_that_does_not_match(chosen_by: dict) -> None:
    contacts = [
        _contact(1, role="Leitung", town="Werl", organisation="Caritas"),
        _contact(2, role="Schulsozialarbeit", town="Soest", organisation="AWO Soest"),
        _contact(3, role="Leitung", town="Werl", organisation="Caritas"),
    ]
    groups = {1: {"members": [2], "contacts": []}}
    events = {1: {"registrations": [2]}}
    assert [c["id"] for c in audience.select(contacts, chosen_by, groups, events)] == [2]


def test_a_contact_without_role_or_organisation_matches_no_role_or_organisation() -> None:
    contacts = [_contact(1), _contact(2, role=None, organisation=None)]
    for key in ("role", "organisation"):
        assert audience.select(contacts, {key: ["x"]}, {}, {}) == []


def test_bool_and_office_hours_messages_and_display() -> None:
    with pytest.raises(f.FieldError) as refused:
        f.Bool("open_for_new").parse("vielleicht")
    assert str(refused.value) == "Bitte ja oder nein angeben."
    hours = f.OfficeHours("office_hours")
    assert hours.display_value({"Freitag": "9–11", "Montag": "8–12"}) == "Montag: 8–12; Freitag: 9–11"


from ssa_tui.schema.kinds import (  # noqa: E402  (grouped with the rules they test)
    PositionStatus as PS,
    SuggestionStatus,
    allocations_within_hours,
    planned_has_event,
    vacant_has_no_staff,
)


@pytest.mark.parametrize(
    ("hours", "allocations", "problem"),
    [
        (19.5, [{"school_number": "1", "hours": 10}, {"school_number": "2", "hours": 9.5}], None),
        (19.5, [{"school_number": "1", "hours": 10}, {"school_number": "2", "hours": 9.75}], "19,75"),
        (10, [{"school_number": "1", "hours": "10.5"}], "10,5"),
        (10, [{"school_number": "1", "hours": 10.000000001}], None),  # rounding noise is no excess
        (True, [{"school_number": "1", "hours": 50}], None),  # malformed: the field says so itself
        ("10", [{"school_number": "1", "hours": 50}], None),
        (10, "kaputt", None),
        (10, [{"school_number": "1"}], None),
        (10, [{"school_number": "1", "hours": None}], None),
        (10, [{"school_number": "1", "hours": "viel"}], None),
    ],
)
def test_allocations_may_not_exceed_the_weekly_hours(hours, allocations, problem) -> None:
    found = allocations_within_hours({"hours_per_week": hours, "allocations": allocations})
    if problem is None:
        assert found == []
    else:
        assert [(p.field, p.message) for p in found] == [
            (
                "allocations",
                f"Die Stunden an den Schulen ({problem}) sind mehr als die Wochenstunden der Stelle.",
            )
        ]


def test_status_rules_name_their_field() -> None:
    assert [(p.field, p.message) for p in vacant_has_no_staff({"status": PS.VACANT, "staff": 3})] == [
        ("staff", "Eine vakante Stelle hat keine Fachkraft – Feld leeren oder Status ändern.")
    ]
    assert vacant_has_no_staff({"status": PS.VACANT, "staff": None}) == []
    assert vacant_has_no_staff({"status": PS.OCCUPIED, "staff": 3}) == []
    planned = SuggestionStatus.PLANNED
    assert [(p.field, p.message) for p in planned_has_event({"status": planned, "event": None})] == [
        ("event", "„eingeplant“ braucht eine verknüpfte Veranstaltung.")
    ]
    assert planned_has_event({"status": planned, "event": 4}) == []
    assert planned_has_event({"status": "offen", "event": None}) == []


def test_unknown_groups_and_events_in_an_audience_are_each_named() -> None:
    existing = {("groups", 1), ("events", 2)}

    def exists(kind: str, record_id: int) -> bool:
        return (kind, record_id) in existing

    value = {"group": [1, 7], "event": [2, 9, "x"], "town": ["Soest"]}
    assert audience.unknown_references(value, exists) == [
        "Arbeitskreis #7 gibt es nicht.",
        "Veranstaltung #9 gibt es nicht.",
    ]
    assert f.Audience("audience").unknown_references(value, exists) == audience.unknown_references(
        value, exists
    )
    assert audience.unknown_references("kaputt", exists) == []
    assert audience.unknown_references({"group": None}, exists) == []


def test_group_members_and_contact_persons_both_count_for_the_audience() -> None:
    contacts = [_contact(n) for n in range(1, 6)]
    groups = {
        1: {"members": [1, "x"], "contacts": [{"contact": 2, "role": "Leitung"}, "kaputt"]},
        2: {"members": [3]},
    }
    events = {1: {"registrations": [4]}, 2: {}}
    chosen = audience.select(contacts, {"group": [1, 9]}, groups, events)
    assert [c["id"] for c in chosen] == [1, 2]
    assert [c["id"] for c in audience.select(contacts, {"group": [2], "event": [1]}, groups, events)] == []
    assert [c["id"] for c in audience.select(contacts, {"event": [1, 2]}, groups, events)] == [4]


def test_a_consent_event_has_exactly_its_fields() -> None:
    entry = consent.event(consent.GIVEN, at="2026-01-10", source="Formular", by="anna")
    assert entry == {
        "action": "given",
        "at": "2026-01-10",
        "source": "Formular",
        "version": consent.CONSENT_TEXT_VERSION,
        "by": "anna",
    }
    assert consent.event(consent.WITHDRAWN, at="a", source="b", by="c", version="v2")["version"] == "v2"
    with pytest.raises(ValueError):
        consent.event("vielleicht", at="a", source="b", by="c")


def test_link_ids_and_label_keys() -> None:
    assert f.Link("staff", target="contacts").ids(5) == [5]
    assert f.Link("staff", target="contacts").ids(None) == []
    assert f.Links("m", target="contacts").ids(None) == [] and f.Links("m", target="contacts").ids(
        [2, 3]
    ) == [2, 3]
    assert f.RoleLinks("c", target="contacts").ids([{"contact": 4, "role": ""}]) == [4]
    assert f.RoleLinks("c", target="contacts").ids(None) == []
    positions = KINDS["positions"]
    assert positions.label_key("updated_by") == "field.meta.updated_by"
    assert positions.label_key("school") == "field.positions.school"


SECTIONS_MESSAGE = "Abschnitte als „## Titel“ mit dem Text darunter."


@pytest.mark.parametrize(
    "value",
    [
        "kein Verzeichnis",
        ["kein Abschnitt"],
        [{"title": "T", "body": "B", "extra": "x"}],
        [{"title": 3, "body": "B"}],
        [{"title": "T", "body": None}],
        [{"title": " T", "body": "B"}],
        [{"title": "T", "body": "\nB"}],
        [{"title": "", "body": ""}],
        [{}],
        [{"title": "T", "body": "erste Zeile\n## kein Titel im Text"}],
    ],
)
def test_stored_sections_of_the_wrong_shape_are_refused_with_the_rule(value) -> None:
    with pytest.raises(f.FieldError) as refused:
        f.Sections("sections").check_value(value)
    assert str(refused.value) == SECTIONS_MESSAGE


def test_sections_of_the_right_shape_pass_and_their_length_counts_title_and_body() -> None:
    sections = f.Sections("sections", max_length=10)
    sections.check_value([{"title": "Titel"}, {"body": "Text"}])  # either may be missing
    sections.check_value([{"title": "Titel", "body": "Xtext"}])  # exactly 10 characters
    sections.check_value([{"title": "", "body": "x ##"}])  # "## " only counts at a line's start
    with pytest.raises(f.FieldError) as refused:
        sections.check_value([{"title": "Titel", "body": "Xtext!"}])  # 11
    assert str(refused.value) == "Zu lang: höchstens 10 Zeichen."
    assert f.Sections("sections").display_value([{"title": "A"}, {"body": "x"}, {"title": "B"}]) == "A, , B"


def test_a_section_body_keeps_its_own_first_and_last_letters() -> None:
    parsed = f.Sections("sections").parse_value("## X-Tag\nXylophon am X\n")
    assert parsed == [{"title": "X-Tag", "body": "Xylophon am X"}]


def test_role_links_are_shown_on_one_line() -> None:
    roles = f.RoleLinks("contacts", target="contacts")
    value = [{"contact": 3, "role": "Leitung"}, {"contact": 4, "role": ""}]
    assert roles.display_value(value) == "3: Leitung | 4"


ALLOCATIONS_MESSAGE = (
    "Schulen bitte als „Schulnummer (Stunden)“ mit „;“ getrennt, z. B. 166234 (19,5); 166258 (19,5)."
)


def test_allocations_are_read_with_whole_and_decimal_hours_and_blank_parts_skipped() -> None:
    allocations = f.Allocations("allocations")
    assert allocations.parse_value("166234 (19,0);\n\n;166258 (9,5)") == [
        {"school_number": "166234", "hours": 19},
        {"school_number": "166258", "hours": 9.5},
    ]
    assert isinstance(allocations.parse_value("166234 (19,0)")[0]["hours"], int)
    for wrong in ("166234", "166234 (viel)", "166234 (1,2,3)"):
        with pytest.raises(f.FieldError) as refused:
            allocations.parse_value(wrong)
        assert str(refused.value) == ALLOCATIONS_MESSAGE, wrong


def test_audience_messages_and_text_form() -> None:
    with pytest.raises(f.FieldError) as refused:
        f.Audience("audience").parse_value("farbe=blau")
    assert str(refused.value) == (
        "Filter als „schlüssel=wert,wert; …“ mit den Schlüsseln role/rolle, town/ort, "
        "organisation/organisation, group/gruppe, event/veranstaltung."
    )
    value = {"group": [1, 2], "town": ["Soest", "Werl"], "role": ["Leitung"]}
    assert audience.format_value(value) == "role=Leitung; town=Soest,Werl; group=1,2"
    assert f.Audience("audience").format_value(value) == "role=Leitung; town=Soest,Werl; group=1,2"
    assert audience.normalised({"town": [" soest "]}) == {"town": ["Soest"]}
    assert audience.normalised({"role": ["x"]}) == {"role": ["x"]}
