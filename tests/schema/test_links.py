"""The link text grammar, once on the link field types: ids, names, ``Name (#id)``, lists and
``reference: role`` lines; names looked up over a real database."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssa_tui.schema import KINDS, FieldError, Names
from ssa_tui.store import Repository

POSITIONS, GROUPS, SUGGESTIONS = KINDS["positions"], KINDS["groups"], KINDS["suggestions"]


@pytest.fixture
def names(tmp_path: Path) -> Names:
    repository = Repository(tmp_path / "db.json", user="setup", create=True)
    for name, email in [
        ("Platzhalter", None),  # id 1
        ("Britta Thulfaut", "britta@kreis-soest.de"),  # 2
        ("Hans Müller", None),  # 3
        ("Hans Müller", "hans.mueller@awo.de"),  # 4
        ("Müller, Hans", None),  # 5
        ("Hans Muller", None),  # 6: not the same name as Müller
    ]:
        repository.create("contacts", {"name": name, "email": email})
    repository.create("events", {"title": "Fachtag Digitalisierung"})
    return Names(repository.records)


def test_one_link_by_id_name_or_email(names: Names) -> None:
    staff = POSITIONS.field("staff")
    assert staff.parse_text("2", names.resolve) == 2
    assert staff.parse_text("#2", names.resolve) == 2
    assert staff.parse_text("britta thulfaut", names.resolve) == 2
    assert staff.parse_text("Britta@Kreis-Soest.de", names.resolve) == 2
    assert staff.parse_text("Hans Muller", names.resolve) == 6  # accents are not stripped
    assert staff.parse_text("Hans Müller (#4)", names.resolve) == 4
    assert staff.parse_text("", names.resolve) is None


def test_an_ambiguous_name_is_refused_naming_the_candidates(names: Names) -> None:
    with pytest.raises(FieldError) as caught:
        POSITIONS.field("staff").parse_text("Hans Müller", names.resolve)
    assert str(caught.value) == (
        "„Hans Müller“ passt auf mehrere: Hans Müller (#3), Hans Müller (#4) – bitte mit „(#ID)“ angeben."
    )


def test_an_unknown_name_is_refused_naming_the_kind(names: Names) -> None:
    with pytest.raises(FieldError) as caught:
        SUGGESTIONS.field("event").parse_text("Fachtag Inklusion", names.resolve)
    assert str(caught.value) == "Veranstaltung „Fachtag Inklusion“ nicht gefunden."


def test_the_old_id_only_parse_still_works_and_refuses_names() -> None:
    staff = POSITIONS.field("staff")
    assert staff.parse("5") == 5 and staff.parse("Hans Müller (#4)") == 4
    assert GROUPS.field("members").parse("1, 2; 3") == [1, 2, 3]
    assert GROUPS.field("contacts").parse("3: Ansprechperson Raum Lippstadt|4") == [
        {"contact": 3, "role": "Ansprechperson Raum Lippstadt"},
        {"contact": 4, "role": ""},
    ]
    with pytest.raises(FieldError, match="Ungültiger Verweis"):
        staff.parse("Hans Müller")


def test_lists_and_roles_by_name(names: Names) -> None:
    members = GROUPS.field("members")
    assert members.parse_text("Britta Thulfaut, #5; Hans Müller (#3), 2", names.resolve) == [2, 5, 3]
    contacts = GROUPS.field("contacts")
    assert contacts.parse_text(
        "Britta Thulfaut: Ansprechperson Raum Soest\nHans Müller (#4): Raum Lippstadt: Nord", names.resolve
    ) == [
        {"contact": 2, "role": "Ansprechperson Raum Soest"},
        {"contact": 4, "role": "Raum Lippstadt: Nord"},
    ]


def test_format_text_writes_names_and_ids_where_a_name_would_not_read_back(names: Names) -> None:
    members = GROUPS.field("members")
    value = [2, 3, 5, 6, 99]
    assert members.format_text(value, names.title_of, names.resolve) == (
        "Britta Thulfaut, Hans Müller (#3), 5, Hans Muller, 99"  # 5 holds a comma, 99 is gone
    )
    assert (
        members.parse_text(members.format_text(value, names.title_of, names.resolve), names.resolve) == value
    )
    assert members.format_text(value, names.title_of) == (
        "Britta Thulfaut (#2), Hans Müller (#3), 5, Hans Muller (#6), 99"  # without resolve: every id
    )
    contacts = GROUPS.field("contacts")
    roles = [{"contact": 5, "role": "Raum Soest"}, {"contact": 2, "role": ""}]
    assert (
        contacts.format_text(roles, names.title_of, names.resolve)
        == "Müller, Hans: Raum Soest\nBritta Thulfaut"  # a comma is no separator in role lines
    )
    assert (
        contacts.parse_text(contacts.format_text(roles, names.title_of, names.resolve), names.resolve)
        == roles
    )


def test_roles_stay_one_line(names: Names) -> None:
    contacts = GROUPS.field("contacts")
    assert contacts.validate([{"contact": 2, "role": "a|b"}]) == [
        "Eine Rolle steht in einer Zeile, ohne „|“."
    ]
    assert contacts.validate([{"contact": 2, "role": "a\nb"}]) == [
        "Enthält Steuerzeichen, die nicht erlaubt sind."
    ]
    assert contacts.validate([{"contact": 2, "role": "a", "extra": 1}]) == ["Ungültiger Verweis."]
