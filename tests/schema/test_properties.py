"""Property-based tests over every field type: any text is refused with a German message at the
field, or parsed to a value that validates and whose text form reads back as the same value."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ssa_tui.schema import KINDS, FieldError, Names
from ssa_tui.schema.fields import Link

FIELDS = [
    pytest.param(field, id=f"{kind.name}.{field.name}") for kind in KINDS.values() for field in kind.fields
]

#: Fragments that reach deep into the grammars: dates, times, numbers, ids, roles, sections,
#: e-mail, JSON, full-width and other digits, invisible and control characters.
FRAGMENTS = [
    "03.05.2027",
    "31.7.27",
    "2027-05-03",
    "14:00",
    "T",
    " Uhr",
    "1.1.0005",
    "31.12.2100",
    "29.02.2028",
    "19,5",
    "1.234,5",
    "0,001",
    "-3",
    "41",
    "99999999999999999999999",
    "nan",
    "1e9",
    "١٢٣",
    "１２３４５６",
    "#",
    "5",
    "#7",
    ",",
    ";",
    ":",
    "|",
    "\n",
    "\r\n",
    "\t",
    " ",
    "(#3)",
    "## ",
    "Montag",
    "Mo",
    "Sun",
    "ja",
    "nein",
    "x",
    "@",
    "anna@example.org",
    "jörg@",
    "müller.de",
    "+49",
    "0",
    "(0",
    "/",
    "-",
    "{",
    "}",
    "[",
    "]",
    '"',
    "NaN",
    "\u200b",
    "\u2028",
    "\u202e",
    "\ufeff",
    "\x1b",
    "\x00",
    "u\u0308",
    "Soest",
    "soest",
    "Münster",
    "vakant",
    "Präsenz",
    "Hans Müller",
    "Müller, Hans",
    "=1+1",
]
#: A few tokens that combine into structured text (lines, lists, sections) often.
STRUCTURE = ["a", "Bé", " ", "\n", ":", ": ", ",", ";", "|", "## ", "5", "12", "(#3)", "08:00", "Mo"]
TEXTS = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(STRUCTURE), max_size=12).map("".join),
    st.lists(st.lists(st.sampled_from(STRUCTURE), max_size=4).map("".join), max_size=6).map("\n".join),
    st.lists(st.sampled_from(FRAGMENTS), max_size=8).map("".join),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=6).map("".join),
)


def german_message(error: FieldError) -> bool:
    """A message from the catalogue: text for people, not an unknown key like ``error.x``."""
    message = str(error)
    return bool(message) and not re.fullmatch(r"[a-z_.]+", message)


@pytest.mark.parametrize("field", FIELDS)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS)
# Cases random search reaches only now and then, run every time: an untitled later section, a role
# ending in a colon, a name with an id, office hours in a CSV cell, German thousands.
@example(text="0\n## \n0")
@example(text="## \n 0")  # a first body starting with a space
@example(text="5: a:\n6:: b")
@example(text="Bé (#3)")
@example(text="Mo: 08:00|Di: 09:00 ;")
@example(text="1.234,5")
@example(text="03.05.2027 00:00")
def test_any_text_is_refused_or_reads_back_unchanged(field, text: str) -> None:
    try:
        value = field.parse(text)
    except FieldError as error:
        assert german_message(error), str(error)
        return
    if field.is_empty(value):
        assert value == field.empty()
    else:
        assert field.validate(value) == []
    assert field.parse(field.format(value)) == value


# Records a link can name: twins (ambiguous), a comma, a colon, digits and parentheses in names.
TARGETS = {
    "contacts": [
        {"id": 1, "name": "Hans Müller", "email": "hans@example.org"},
        {"id": 2, "name": "Hans Müller"},
        {"id": 3, "name": "Müller, Hans"},
        {"id": 4, "name": "Dr. Ärztin: Kinderschutz"},
        {"id": 5, "name": "2024"},
        {"id": 6, "name": "AWO (Soest)"},
        {"id": 7, "name": "Anna Schmidt", "email": "Anna@Example.org"},
    ],
    "events": [{"id": 1, "title": "Fachtag"}, {"id": 2, "title": "Digitales Häppchen (#9)"}],
}
NAMES = Names(lambda kind: TARGETS.get(kind, []))
LINK_FIELDS = [
    pytest.param(field, id=f"{kind.name}.{field.name}") for kind in KINDS.values() for field in kind.links()
]
LINK_TEXTS = st.lists(
    st.one_of(
        st.sampled_from(
            [r.get("name") or r.get("title") for rows in TARGETS.values() for r in rows]
            + [
                "hans MÜLLER",
                "anna@example.org",
                "Otto",
                "#3",
                "5",
                "(#6)",
                ", ",
                "; ",
                ": ",
                "\n",
                "|",
                " Rolle",
            ]
        ),
        st.text(max_size=4),
    ),
    max_size=6,
).map("".join)


@pytest.mark.parametrize("field", LINK_FIELDS)
@settings(max_examples=200, deadline=None)
@given(text=LINK_TEXTS)
def test_link_text_with_names_is_refused_or_reads_back_unchanged(field: Link, text: str) -> None:
    try:
        value = field.parse_text(text, NAMES.resolve)
    except FieldError as error:
        assert german_message(error), str(error)
        return
    written = field.format_text(value, NAMES.title_of, NAMES.resolve)
    assert field.parse_text(written, NAMES.resolve) == value
    assert field.parse_text(field.format_text(value, NAMES.title_of), None) == value  # ids only: same
    assert field.parse(field.format(value)) == value


#: Whatever a damaged or hand-edited db.json may hold in a field.
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


#: One field of each type (the stored shape depends on the type, not on the field's settings).
ONE_PER_TYPE = list({type(param.values[0]): param for param in FIELDS}.values())


@pytest.mark.parametrize("field", ONE_PER_TYPE)
@settings(max_examples=100, deadline=None)
@given(value=JSON_VALUES)
@example(value=[{"contact": 1, "role": 5}])
@example(value=[{"title": 1}])
@example(value={"Montag": ["08:00"]})
def test_any_stored_value_is_validated_and_shown_without_an_exception(field, value) -> None:
    problems = field.validate(value)
    assert all(isinstance(message, str) and message for message in problems)
    assert isinstance(field.format(value), str) and isinstance(field.display(value), str)
