"""Field types at their edges: exact messages, display of damaged values, bounds of ids and lists.

Written against the survivors of a mutation run over ``ssa_tui.schema`` (issue 16); each test
names the value that tells the code apart from a one-line change of it (a bound moved by one, a
separator or message key replaced, ``or`` turned into ``and``).
"""

from __future__ import annotations

import pytest

from ssa_tui.schema import KINDS
from ssa_tui.schema import fields as f
from ssa_tui.schema.links import Names
from ssa_tui.schema.validate import UniqueIndex

NOT_TEXT = "Ungültiger Wert: hier gehört Text hin."
LINK_FORMAT = "Ungültiger Verweis."


def refused(check, value) -> str:
    with pytest.raises(f.FieldError) as error:
        check(value)
    return str(error.value)


# -- kinds, names, uniqueness -------------------------------------------------------------------


def test_a_blank_record_holds_each_fields_empty_value_or_its_default() -> None:
    assert KINDS["groups"].blank() == {
        "name": None,
        "description": None,
        "rhythm": None,
        "venue": None,
        "region": None,
        "contacts": [],
        "members": [],
        "next_meeting": None,
        "open_for_new": False,
    }
    blank = KINDS["newsletters"].blank()
    assert (blank["sections"], blank["audience"], blank["template"], blank["status"]) == (
        [],
        {},
        "newsletter",
        "Entwurf",
    )


def test_the_unique_index_counts_only_filled_text() -> None:
    index = UniqueIndex(KINDS["groups"], [{"id": 1, "name": ""}, {"id": 2, "name": None}])
    assert index.owners == {}
    index.add(KINDS["groups"], {"id": 3, "name": "AK  Soest"})
    assert index.owners == {("name", "ak soest"): {"3"}}


def test_names_skip_a_record_without_a_whole_number_id_and_read_on() -> None:
    records = [{"id": "x", "name": "Anna"}, {"id": None, "name": "Bert"}, {"id": 2, "name": "Carla"}]
    names = Names(lambda kind: records)
    assert names.resolve("contacts", "carla") == 2
    assert names.resolve("contacts", "Anna") is None
    assert names.title_of("contacts", 2) == "Carla"


def test_names_are_compared_with_single_spaces_between_words() -> None:
    assert f.match_key("  Anna \t Maria  Müller ") == "anna maria müller"


# -- empty values, preparing and showing text -----------------------------------------------------


def test_empty_values_of_every_shape() -> None:
    field = f.Field("x")
    assert [field.is_empty(v) for v in (None, "", [], {}, 0, " ", False)] == [
        True,
        True,
        True,
        True,
        False,
        False,
        False,
    ]
    assert f.Field("x", required=True).validate({}) == ["Pflichtfeld – bitte ausfüllen."]


def test_long_text_keeps_inner_and_tab_characters_and_drops_outer_blank_lines() -> None:
    notes = f.LongText("notes")
    assert notes.prepare("\r\n \tEinzug\t\r\n ") == "\tEinzug\t"  # tabs are the writer's own
    assert notes.prepare("\n X-Tag am X \n") == "X-Tag am X"
    assert notes.parse("\r\nZeile 1\r\nZeile 2\rZeile 3\n") == "Zeile 1\nZeile 2\nZeile 3"


def test_a_list_cell_shows_text_on_one_line() -> None:
    notes = f.LongText("notes")
    assert notes.display("Zeile 1\nZeile 2") == "Zeile 1 Zeile 2"
    assert notes.display_value("a\nb\nc") == "a b c"
    assert notes.display("") == ""
    assert notes.display(None) == ""


def test_a_damaged_value_is_shown_as_it_is() -> None:
    assert f.Date("day").display(20260110) == "20260110"
    assert f.Date("day").format(20260110) == "20260110"
    assert f.Allocations("allocations").display(["kaputt"]) == "['kaputt']"


def test_a_value_that_is_not_text_is_refused_as_such() -> None:
    assert refused(f.Field("x").check_value, 5) == NOT_TEXT
    assert refused(f.Field("x").check_value, ["a"]) == NOT_TEXT
    assert f.Field("x").validate(5) == [NOT_TEXT]


# -- dates --------------------------------------------------------------------------------------


def test_dates_are_refused_with_the_date_message() -> None:
    message = "Kein gültiges Datum (TT.MM.JJJJ)."
    assert refused(f.Date("day").parse_value, "gestern") == message
    assert refused(f.Date("day").check_value, "2026-02-30") == message
    assert refused(f.Date("day").check_value, "30.01.2026") == message


def test_a_day_is_shown_from_its_first_ten_characters() -> None:
    assert f.Date("day").format("2026-01-10") == "10.01.2026"
    assert f.Date("day").format("2026-01-10T09:00") == "10.01.2026"


def test_a_time_is_shown_with_hours_and_minutes_only() -> None:
    moment = f.DateTime("start")
    assert moment.format("2026-05-03T14:00:30") == "03.05.2026 14:00"
    assert moment.format("2026-05-03T14:00") == "03.05.2026 14:00"
    assert moment.format("2026-05-03") == "03.05.2026"


def test_anything_beyond_the_ten_characters_of_a_day_counts_as_a_time() -> None:
    assert f.is_timed("2026-05-03T") is True
    assert f.is_timed("2026-05-03") is False


# -- numbers ------------------------------------------------------------------------------------


def test_a_number_that_cannot_be_read_is_named_in_the_error() -> None:
    with pytest.raises(ValueError) as error:
        f.parse_german_number("zwölf")
    assert str(error.value) == "zwölf"


def test_german_numbers_are_written_without_needless_decimals() -> None:
    assert [f.format_german_number(v) for v in (20.0, 19.5, 3, -0.25, 0.0)] == [
        "20",
        "19,5",
        "3",
        "-0,25",
        "0",
    ]
    assert f.Number("hours").format(20.0) == "20"


def test_stored_numbers_and_yes_no_values_of_the_wrong_type_are_refused() -> None:
    assert refused(f.Number("hours").check_value, "3") == "Keine gültige Zahl."
    assert refused(f.Number("hours").check_value, True) == "Keine gültige Zahl."
    assert refused(f.Number("hours").check_value, float("nan")) == "Keine gültige Zahl."
    assert refused(f.Integer("count").check_value, 2.5) == "Keine ganze Zahl."
    assert refused(f.Bool("open").check_value, "ja") == "Bitte ja oder nein angeben."
    assert refused(f.Bool("open").check_value, 1) == "Bitte ja oder nein angeben."


def test_the_local_part_of_an_address_ends_at_its_last_at_sign() -> None:
    # everything before the last @ is the local part: ``a@jörg`` is not ASCII
    assert refused(f.Email("email").check_value, "a@jörg@example.org") == (
        "Vor dem @ sind Umlaute und Akzente nicht möglich – solche Adressen lassen sich nicht "
        "zuverlässig zustellen."
    )
    f.Email("email").check_value("anna@müller.de")


def test_a_phone_number_has_six_to_fifteen_digits() -> None:
    phone = f.Phone("phone")
    phone.check_value("0" + "1" * 14)  # fifteen
    phone.check_value("012 345")  # six
    message = "Keine gültige deutsche Telefonnummer (z. B. 02921 30-3947)."
    assert refused(phone.check_value, "0" + "1" * 15) == message
    assert refused(phone.check_value, "01234") == message


# -- links --------------------------------------------------------------------------------------


def test_ids_run_from_one_to_a_billion() -> None:
    f.check_id(1)
    f.check_id(10**9)
    for wrong in (0, 10**9 + 1, True, "5", 5.0, None):
        assert refused(f.check_id, wrong) == LINK_FORMAT


def test_a_list_may_hold_exactly_the_most_links() -> None:
    links = f.Links("members", target="contacts")
    links.check_value(list(range(1, f.MAX_LINKS + 1)))
    assert refused(links.check_value, list(range(1, f.MAX_LINKS + 2))) == (
        "Zu viele Einträge: höchstens 100.000."
    )
    assert refused(links.check_value, "3, 4") == LINK_FORMAT
    assert refused(links.check_value, (3, 4)) == LINK_FORMAT


def test_a_name_that_is_not_found_is_quoted_up_to_eighty_characters() -> None:
    link = f.Link("staff", target="contacts")
    name = "A" * 79 + "BC"

    def nobody(kind: str, text: str):
        return None

    def two(kind: str, text: str):
        return f.Ambiguous(((1, "Anna"), (2, "Anna")))

    assert refused(lambda text: link.ref(text, nobody), name) == f"Kontakt „{'A' * 79}B“ nicht gefunden."
    assert refused(lambda text: link.ref(text, two), name) == (
        f"„{'A' * 79}B“ passt auf mehrere: Anna (#1), Anna (#2) – bitte mit „(#ID)“ angeben."
    )


def test_names_with_capital_x_are_written_as_names() -> None:
    link, links = f.Link("staff", target="contacts"), f.Links("members", target="contacts")
    assert link.writable_name("Xaver Xylander") is True
    assert links.writable_name("Xaver, Xylander") is False
    assert link.writable_name("Anna | Bert") is False
    assert link.writable_name("Anna\nBert") is False


def test_stored_role_links_are_refused_with_the_matching_message() -> None:
    roles = f.RoleLinks("contacts", target="contacts")
    roles.check_value([{"contact": 3}])  # the role may be missing
    roles.check_value([{"contact": 3, "role": "Leitung"}, {"contact": 4, "role": ""}])
    assert refused(roles.check_value, {"contact": 3}) == LINK_FORMAT
    assert refused(roles.check_value, ["3"]) == LINK_FORMAT
    assert refused(roles.check_value, [{"contact": 3, "rolle": "x"}]) == LINK_FORMAT
    assert refused(roles.check_value, [{"contact": 0, "role": "x"}]) == LINK_FORMAT
    assert refused(roles.check_value, [{"contact": 3, "role": None}]) == NOT_TEXT
    assert refused(roles.check_value, [{"contact": 3, "role": 7}]) == NOT_TEXT
    role = "Eine Rolle steht in einer Zeile, ohne „|“."
    assert refused(roles.check_value, [{"contact": 3, "role": "a | b"}]) == role
    assert refused(roles.check_value, [{"contact": 3, "role": "Leitung "}]) == role


# -- system data --------------------------------------------------------------------------------


def test_system_data_must_be_storable_as_json_text() -> None:
    data = f.SystemData("deliveries")
    data.check_value({"anna@müller.de": "2026-01-10", "liste": [1, 2.5, None, True]})
    data.check_value([])
    message = "Ungültige Systemdaten."
    for wrong in ({"x": float("nan")}, {"x": float("inf")}, {"x": {1, 2}}, {"x": "\ud800"}, "text", 5):
        assert refused(data.check_value, wrong) == message, wrong
