"""The ``_meta`` table's shape, case by case: what a sound database may hold there and what not.

``check_shape`` guards every read; each case below is one bound or one condition of it.
"""

from __future__ import annotations

import pytest

from ssa_tui.store.storage import check_shape, empty_database

BAD = "Tabelle „_meta“ hat nicht die erwartete Form (Datensatz 1 mit generation, format, next_ids)"


@pytest.mark.parametrize(
    "meta",
    [
        {"1": {}},
        {"1": {"generation": "ab", "format": 1, "next_ids": {"contacts": 1}}},
        {"1": {"generation": "", "format": 2, "next_ids": {"contacts": 7, "events": 1}}},
        {"1": {"format": 2}},
        {"1": {"next_ids": {}}},
    ],
)
def test_a_sound_meta_table_passes(meta: dict) -> None:
    assert check_shape({"_meta": meta}) is None


@pytest.mark.parametrize(
    "meta",
    [
        {"2": {}},
        {"1": {}, "2": {}},
        {"1": {"generation": 5}},
        {"1": {"format": "2"}},
        {"1": {"format": True}},
        {"1": {"format": 2.0}},
        {"1": {"format": 0}},
        {"1": {"format": 3}},
        {"1": {"next_ids": []}},
        {"1": {"next_ids": None}},
        {"1": {"next_ids": {"contacts": 0}}},
        {"1": {"next_ids": {"contacts": -1}}},
        {"1": {"next_ids": {"contacts": True}}},
        {"1": {"next_ids": {"contacts": 1.0}}},
        {"1": {"next_ids": {"contacts": 2, "events": "3"}}},
    ],
)
def test_a_meta_table_of_the_wrong_shape_is_named(meta: dict) -> None:
    assert check_shape({"_meta": meta}) == BAD


def test_a_database_without_meta_and_a_new_one_are_sound() -> None:
    assert check_shape({"contacts": {}}) is None
    assert check_shape(empty_database()) is None
    assert empty_database() == {"_meta": {"1": {"generation": "0", "format": 2, "next_ids": {}}}}


def test_a_meta_record_that_is_no_object_is_named_as_a_malformed_record() -> None:
    assert check_shape({"_meta": {"1": "text"}}) == "Tabelle „_meta“ hat einen fehlerhaften Datensatz „1“"
