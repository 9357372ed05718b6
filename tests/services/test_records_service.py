"""The records intents on a real db.json: merge per field, delete with links, plan an event."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssa_tui.demo import build
from ssa_tui.services import ReadOnlyError, Repository, StillLinked
from ssa_tui.services.records import (
    AlreadyPlanned,
    FieldConflict,
    MergeConflict,
    RecordGone,
    capacity_warnings,
    delete_record,
    merge_fields,
    plan_event,
    save_record,
)
from ssa_tui.store.audit import audit_path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db.json"
    build(path)
    return path


# -- the pure merge ------------------------------------------------------------------------------


def test_merge_writes_only_my_changes_and_keeps_theirs() -> None:
    base = {"id": 2, "rev": 1, "hours": 19.5, "carrier": "Diakonie", "notes": None}
    theirs = {"id": 2, "rev": 2, "hours": 35, "carrier": "Diakonie", "notes": None}
    mine = {"hours": 19.5, "carrier": "AWO", "notes": ""}  # hours untouched, notes still empty
    assert merge_fields(base, theirs, mine) == ({"carrier": "AWO"}, [])


def test_merge_reports_a_field_both_changed_differently() -> None:
    base, theirs, mine = {"hours": 19.5}, {"hours": 35}, {"hours": 30}
    assert merge_fields(base, theirs, mine) == ({}, [FieldConflict("hours", 19.5, 35, 30)])


def test_merge_same_change_on_both_sides_is_no_conflict_and_no_write() -> None:
    assert merge_fields({"hours": 19.5}, {"hours": 35}, {"hours": 35}) == ({}, [])


def test_merge_ignores_meta_fields_and_counts_false_as_a_value() -> None:
    base, theirs = {"rev": 1, "open": None}, {"rev": 3, "open": None}
    assert merge_fields(base, theirs, {"rev": 9, "open": False}) == ({"open": False}, [])


VALUES = st.one_of(st.none(), st.just(""), st.just([]), st.integers(0, 3), st.sampled_from(["a", "b"]))
RECORDS = st.dictionaries(st.sampled_from(["x", "y", "z"]), VALUES)


@given(base=RECORDS, theirs=RECORDS, mine=RECORDS)
def test_merge_never_reverts_theirs_and_never_loses_mine(base, theirs, mine) -> None:
    changes, conflicts = merge_fields(base, theirs, mine)
    merged = {**theirs, **changes}
    conflicting = {conflict.field for conflict in conflicts}
    assert not conflicting & set(changes)
    for name in set(base) | set(theirs) | set(mine):
        if name in conflicting:
            continue
        empty = (None, "", [])
        same = lambda a, b: a == b or (a in empty and b in empty)  # noqa: E731
        if name not in mine or same(mine[name], base.get(name)):
            assert same(merged.get(name), theirs.get(name))  # what I did not touch stays theirs
        else:
            assert same(merged.get(name), mine[name])  # what I changed is written (or already there)


# -- the intents on a real file --------------------------------------------------------------------


def test_a_viewer_is_refused_before_anything_happens(db: Path) -> None:
    before, audit_before = db.read_bytes(), audit_path(db).read_bytes()
    viewer = Repository(db, user="vera", read_only=True)
    position = viewer.get("positions", 2)
    for attempt in (
        lambda: save_record(viewer, "positions", {"carrier": "AWO"}, base=position),
        lambda: save_record(viewer, "positions", {"school": "Neu"}),
        lambda: delete_record(viewer, "positions", 2, expected_rev=1),
        lambda: plan_event(viewer, 2, expected_rev=1),
    ):
        with pytest.raises(ReadOnlyError, match="Nur Lesezugriff"):
            attempt()
    assert db.read_bytes() == before and audit_path(db).read_bytes() == audit_before


def test_save_merges_on_top_of_the_stored_version(db: Path) -> None:
    bernd, anna = Repository(db, user="bernd"), Repository(db, user="anna")
    base = bernd.get("positions", 2)
    anna.update("positions", 2, {"hours_per_week": 35}, expected_rev=1)
    untouched = save_record(bernd, "positions", {"hours_per_week": 19.5}, base=base)
    assert not untouched.written and untouched.record["rev"] == 2
    saved = save_record(bernd, "positions", {"carrier": "AWO"}, base=base)
    assert saved.written
    stored = anna.get("positions", 2)
    assert (stored["hours_per_week"], stored["carrier"], stored["rev"]) == (35, "AWO", 3)


def test_a_conflict_writes_nothing_and_names_the_fields(db: Path) -> None:
    bernd, anna = Repository(db, user="bernd"), Repository(db, user="anna")
    base = bernd.get("positions", 2)
    anna.update("positions", 2, {"hours_per_week": 35}, expected_rev=1)
    before = db.read_bytes()
    with pytest.raises(MergeConflict, match="von anna geändert.*Wochenstunden") as raised:
        save_record(bernd, "positions", {"hours_per_week": 30, "carrier": "AWO"}, base=base)
    assert raised.value.changes == {"carrier": "AWO"} and raised.value.theirs["rev"] == 2
    assert db.read_bytes() == before


def test_a_deleted_record_names_who_deleted_it_and_when(db: Path) -> None:
    bernd = Repository(db, user="bernd")
    base = bernd.get("positions", 2)
    Repository(db, user="anna").delete("positions", 2)
    with pytest.raises(RecordGone, match="von anna gelöscht") as raised:
        save_record(bernd, "positions", {"carrier": "AWO"}, base=base)
    assert raised.value.deleted_by == "anna" and raised.value.deleted_at


def test_delete_asks_about_links_then_clears_them(db: Path) -> None:
    repository = Repository(db, user="bernd")
    with pytest.raises(StillLinked):
        delete_record(repository, "contacts", 3, expected_rev=1)
    assert repository.get("contacts", 3) is not None
    delete_record(repository, "contacts", 3, expected_rev=1, clear_links=True)
    assert repository.get("contacts", 3) is None
    assert all(position["staff"] != 3 for position in repository.records("positions"))


def test_plan_event_is_one_write_and_refuses_a_second_time(db: Path) -> None:
    repository = Repository(db, user="bernd")
    lines = audit_path(db).read_text().count("\n")
    event = plan_event(repository, 2, expected_rev=1)
    suggestion = repository.get("suggestions", 2)
    assert suggestion["event"] == event["id"] and suggestion["status"] == "eingeplant"
    assert event["title"] == suggestion["topic"] and event["status"] == "geplant"
    assert audit_path(db).read_text().count("\n") == lines + 2
    with pytest.raises(AlreadyPlanned, match="schon als Veranstaltung eingeplant"):
        plan_event(repository, 2, expected_rev=suggestion["rev"])


def test_capacity_warnings_count_registrations_and_participants() -> None:
    values = {"capacity": 30, "registrations": list(range(31)), "participants": 30}
    assert [p.field for p in capacity_warnings("events", values)] == ["registrations"]
    assert capacity_warnings("events", {"capacity": 30, "participants": 35})[0].message.startswith(
        "Achtung: 35 bei 30 Plätzen"
    )
    assert capacity_warnings("events", {"capacity": None, "participants": 35}) == []
