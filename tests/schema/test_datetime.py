"""Date-only or timed (issue 15): all-day events stay days, timed ones keep their time."""

from __future__ import annotations

import pytest

from ssa_tui.schema import KINDS, FieldError, validate_record
from ssa_tui.schema.fields import ends_before, is_timed

EVENTS, GROUPS = KINDS["events"], KINDS["groups"]
START = EVENTS.field("start")


@pytest.mark.parametrize(
    ("text", "stored", "shown"),
    [
        ("03.05.2027", "2027-05-03", "03.05.2027"),
        ("2027-05-03", "2027-05-03", "03.05.2027"),
        ("3.5.27", "2027-05-03", "03.05.2027"),
        ("03.05.2027 14:00", "2027-05-03T14:00", "03.05.2027 14:00"),
        ("03.05.2027 14:00 Uhr", "2027-05-03T14:00", "03.05.2027 14:00"),
        ("2027-05-03T14:00", "2027-05-03T14:00", "03.05.2027 14:00"),
        ("2027-05-03 14:00:59", "2027-05-03T14:00", "03.05.2027 14:00"),
        ("03.05.2027 00:00", "2027-05-03T00:00", "03.05.2027 00:00"),
    ],
)
def test_date_only_and_timed_are_stored_and_shown_as_typed(text: str, stored: str, shown: str) -> None:
    assert START.parse(text) == stored
    assert START.format(stored) == shown
    assert GROUPS.field("next_meeting").parse(text) == stored


def test_stored_midnight_values_stay_valid_and_timed() -> None:
    assert START.validate("2022-06-20T00:00") == []
    assert START.parse(START.format("2022-06-20T00:00")) == "2022-06-20T00:00"
    assert is_timed("2022-06-20T00:00") and not is_timed("2022-06-20")


@pytest.mark.parametrize("stored", ["2027-05-03T14", "2027-05-03T14:00:00", "2027-13-01", "03.05.2027", 5])
def test_other_shapes_are_not_stored(stored) -> None:
    assert START.validate(stored) == ["Kein gültiger Zeitpunkt (TT.MM.JJJJ HH:MM)."]


def test_time_without_a_day_is_refused() -> None:
    with pytest.raises(FieldError, match="Kein gültiger Zeitpunkt"):
        START.parse("14:00")


@pytest.mark.parametrize(
    ("start", "end", "before"),
    [
        ("2027-05-03", "2027-05-04", False),  # two whole days
        ("2027-05-03", "2027-05-03", False),
        ("2027-05-03T14:00", "2027-05-03", False),  # ends the same day: the day includes 14:00
        ("2027-05-03", "2027-05-03T10:00", False),
        ("2027-05-04", "2027-05-03T23:00", True),
        ("2027-05-03T14:00", "2027-05-02", True),
        ("2027-05-03T14:00", "2027-05-03T13:59", True),
        ("2027-05-03T14:00", "2027-05-03T14:00", False),
    ],
)
def test_end_before_start_across_the_two_shapes(start: str, end: str, before: bool) -> None:
    assert ends_before(start, end) is before
    problems = validate_record(EVENTS, {"title": "Fachtag", "start": start, "end": end})
    assert [(p.field, p.message) for p in problems] == (
        [("end", "Das Ende liegt vor dem Beginn.")] if before else []
    )
