"""Repository details pinned to exact values: paths, titles, links, notes, deletes, updates,
the messages of the store's errors, committee-report snapshots and plain TinyDB writes.

Real databases in ``tmp_path``; every assertion names the exact stored value or message.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from tinydb import Query

from ssa_tui.schema import Problem
from ssa_tui.store import (
    Conflict,
    ReadOnlyError,
    Repository,
    SharedTinyDB,
    StaleWrite,
    StillLinked,
    ValidationFailed,
    WriteFailed,
)
from ssa_tui.store.audit import audit_path
from ssa_tui.store.erasure import ERASED_TABLE, address_hash
from ssa_tui.store.report_snapshots import SnapshotExists, save_snapshot, snapshots
from ssa_tui.store.repository import resolve_db_path

NOW = datetime(2026, 11, 27, 9, 30, 5, 123456, tzinfo=timezone.utc)
AT = "2026-11-27T09:30:05+00:00"


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    return Repository(tmp_path / "db.json", user="anna", create=True, clock=lambda: NOW)


def audit_lines(repository: Repository) -> list[dict]:
    text = audit_path(repository.path).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


# -- the database path ---------------------------------------------------------------------


def test_the_db_option_wins_then_the_environment_then_db_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSA_TUI_DB", "/srv/env.json")
    assert resolve_db_path("/srv/option.json") == Path("/srv/option.json")
    assert resolve_db_path(None) == Path("/srv/env.json")
    assert resolve_db_path("") == Path("/srv/env.json")
    monkeypatch.setenv("SSA_TUI_DB", "")
    assert resolve_db_path(None) == Path("db.json")
    monkeypatch.delenv("SSA_TUI_DB")
    assert resolve_db_path(None) == Path("db.json")
    assert resolve_db_path("x.json") == Path("x.json")


# -- titles and links ----------------------------------------------------------------------


def test_a_linked_record_is_named_by_its_title_or_its_number(repo: Repository) -> None:
    repo.create("contacts", {"name": "Anna Berg"})
    assert repo.title("contacts", 1) == "Anna Berg"
    assert repo.title("contacts", 7) == "#7"
    assert repo.title("contacts", None) == "#None"


def test_linked_from_names_every_record_and_field_that_links(repo: Repository) -> None:
    repo.create("contacts", {"name": "Anna"})
    repo.create("contacts", {"name": "Bernd"})
    assert repo.linked_from("contacts", 1) == []
    repo.create("positions", {"school": "GS Werl", "staff": 1})
    repo.create("groups", {"name": "AK", "contacts": [{"contact": 1, "role": "Leitung"}], "members": [2, 1]})
    assert repo.linked_from("contacts", 1) == [
        ("positions", 1, "staff", "GS Werl"),
        ("groups", 1, "contacts", "AK"),
        ("groups", 1, "members", "AK"),
    ]
    assert repo.linked_from("contacts", 2) == [("groups", 1, "members", "AK")]
    assert repo.linked_from("positions", 1) == []


# -- notes (an access that changes nothing) -----------------------------------------------


def test_a_note_is_one_audit_entry_without_before_and_after(repo: Repository) -> None:
    repo.create("contacts", {"name": "Anna"})
    before = repo.path.read_bytes()
    repo.note("contacts", 1, "access")
    assert repo.path.read_bytes() == before
    assert audit_lines(repo)[-1] == {
        "at": AT,
        "user": "anna",
        "kind": "contacts",
        "id": 1,
        "action": "access",
        "before": None,
        "after": None,
    }
    assert len(audit_lines(repo)) == 2


def test_a_viewer_cannot_note(repo: Repository) -> None:
    viewer = Repository(repo.path, user="anna", read_only=True)
    with pytest.raises(ReadOnlyError) as refused:
        viewer.note("contacts", 1, "access")
    assert str(refused.value) == "Nur Lesezugriff – Änderungen sind nicht erlaubt."
    assert not audit_path(repo.path).exists()


# -- updates and deletes -------------------------------------------------------------------


def test_an_update_stamps_the_record_and_audits_it(repo: Repository) -> None:
    created = repo.create("contacts", {"name": "Anna"})
    later = datetime(2026, 11, 28, 8, 0, tzinfo=timezone.utc)
    repository = Repository(repo.path, user="bernd", clock=lambda: later)
    updated = repository.update("contacts", 1, {"role": "Leitung", "rev": 99}, expected_rev=1)
    assert updated == {
        **created,
        "role": "Leitung",
        "rev": 2,
        "updated_at": "2026-11-28T08:00:00+00:00",
        "updated_by": "bernd",
    }
    assert repository.get("contacts", 1) == updated
    entry = audit_lines(repository)[-1]
    assert entry == {
        "at": "2026-11-28T08:00:00+00:00",
        "user": "bernd",
        "kind": "contacts",
        "id": 1,
        "action": "update",
        "before": created,
        "after": updated,
    }


def test_an_update_that_changes_nothing_writes_nothing(repo: Repository) -> None:
    created = repo.create("contacts", {"name": "Anna"})
    before = repo.path.read_bytes()
    assert repo.update("contacts", 1, {"name": "Anna"}, expected_rev=1) == created
    assert repo.path.read_bytes() == before and len(audit_lines(repo)) == 1


def test_a_withdrawn_consent_is_derived_against_the_record_before(repo: Repository) -> None:
    created = repo.create(
        "contacts", {"name": "Anna", "newsletter_consent": True, "consent_date": "2026-11-01"}
    )
    [given] = created["consent_log"]
    updated = repo.update("contacts", 1, {"newsletter_consent": False}, expected_rev=1)
    assert updated["newsletter_consent"] is False
    assert [entry["action"] for entry in updated["consent_log"]] == [given["action"], "withdrawn"]


def test_an_erased_address_that_stays_unchanged_does_not_block_an_update(repo: Repository) -> None:
    repo.create("contacts", {"name": "Anna", "email": "anna@example.de"})
    with repo.storage.transaction() as data:
        data[ERASED_TABLE] = {
            "1": {"id": 1, "hash": address_hash(repo.path, "anna@example.de"), "at": "2026-01-05"}
        }
    assert repo.update("contacts", 1, {"role": "Leitung"}, expected_rev=1)["role"] == "Leitung"
    with pytest.raises(ValidationFailed) as refused:
        repo.create("contacts", {"name": "Wieder", "email": "ANNA@example.de"})
    assert [p.field for p in refused.value.problems if "5. Januar 2026" in p.message] == ["email"]


def test_a_delete_is_audited_with_the_record_as_it_was(repo: Repository) -> None:
    created = repo.create("suggestions", {"topic": "Fortbildung"})
    repo.delete("suggestions", 1)
    assert repo.get("suggestions", 1) is None
    assert audit_lines(repo)[-1] == {
        "at": AT,
        "user": "anna",
        "kind": "suggestions",
        "id": 1,
        "action": "delete",
        "before": created,
        "after": None,
    }


def test_a_batch_delete_of_a_linked_record_is_refused_unless_links_are_cleared(repo: Repository) -> None:
    repo.create("contacts", {"name": "Anna"})
    repo.create("contacts", {"name": "Bernd"})
    repo.create("groups", {"name": "AK", "members": [1, 2]})
    before = repo.path.read_bytes()
    with pytest.raises(StillLinked) as refused:
        with repo.batch() as batch:
            batch.delete("contacts", 1)
    assert (refused.value.kind, refused.value.record_id) == ("contacts", 1)
    assert refused.value.refs == [("groups", 1, "members", "AK")]
    assert str(refused.value) == "Kontakt #1 wird noch verwendet von: Arbeitskreis „AK“."
    assert repo.path.read_bytes() == before


def test_clearing_links_keeps_the_other_links_of_the_field(repo: Repository) -> None:
    for name in ("Anna", "Bernd", "Clara"):
        repo.create("contacts", {"name": name})
    repo.create("groups", {"name": "AK", "members": [1, 2, 3], "contacts": [{"contact": 2, "role": "L"}]})
    repo.delete("contacts", 2, clear_links=True)
    group = repo.get("groups", 1)
    assert group["members"] == [1, 3] and group["contacts"] == [] and group["rev"] == 3  # two fields
    updates = [e for e in audit_lines(repo) if e["kind"] == "groups" and e["action"] == "update"]
    assert [(e["after"]["members"], e["after"]["contacts"]) for e in updates] == [
        ([1, 2, 3], []),
        ([1, 3], []),
    ]


def test_the_message_names_every_record_that_still_links(repo: Repository) -> None:
    repo.create("contacts", {"name": "Anna"})
    repo.create("positions", {"school": "GS Werl", "staff": 1})
    repo.create("groups", {"name": "AK", "members": [1]})
    with pytest.raises(StillLinked) as refused:
        repo.delete("contacts", 1)
    assert str(refused.value) == ("Kontakt #1 wird noch verwendet von: Stelle „GS Werl“, Arbeitskreis „AK“.")


def test_a_suggestion_whose_event_is_deleted_is_open_again(repo: Repository) -> None:
    repo.create("events", {"title": "Fachtag"})
    repo.create("suggestions", {"topic": "Fortbildung", "event": 1, "status": "eingeplant"})
    repo.delete("events", 1, clear_links=True)
    suggestion = repo.get("suggestions", 1)
    assert (suggestion["event"], suggestion["status"]) == (None, "offen")


# -- the messages of the store's errors ----------------------------------------------------


def test_a_conflict_names_who_changed_the_record_and_both_revisions(repo: Repository) -> None:
    repo.create("contacts", {"name": "Anna"})
    Repository(repo.path, user="bernd").update("contacts", 1, {"role": "x"}, expected_rev=1)
    with pytest.raises(Conflict) as refused:
        repo.update("contacts", 1, {"role": "y"}, expected_rev=1)
    assert str(refused.value) == (
        "Kontakt #1 wurde inzwischen von bernd geändert (Version 2, Ihre Vorlage: 1). "
        "Nichts wurde überschrieben."
    )


def test_a_conflict_with_an_unknown_author_shows_a_question_mark() -> None:
    error = Conflict("contacts", 4, 1, {"id": 4, "rev": 3, "updated_by": ""})
    assert str(error) == (
        "Kontakt #4 wurde inzwischen von ? geändert (Version 3, Ihre Vorlage: 1). Nichts wurde überschrieben."
    )


def test_a_conflict_over_a_deleted_record_says_it_is_gone(repo: Repository) -> None:
    repo.create("contacts", {"name": "Anna"})
    repo.delete("contacts", 1)
    with pytest.raises(Conflict) as refused:
        repo.update("contacts", 1, {"role": "y"}, expected_rev=1)
    assert str(refused.value) == "Kontakt #1 wurde inzwischen gelöscht."
    assert (refused.value.kind, refused.value.record_id, refused.value.theirs) == ("contacts", 1, None)


def test_a_refused_record_lists_every_problem_with_its_field_label() -> None:
    problems = [Problem("school", "Pflichtfeld"), Problem("hours_per_week", "zu groß")]
    error = ValidationFailed("positions", problems)
    assert error.kind == "positions" and error.problems == problems
    assert str(error) == "Ungültige Eingaben: Schule: Pflichtfeld; Wochenstunden: zu groß"


def test_a_read_only_refusal_without_a_reason_says_so_plainly() -> None:
    assert str(ReadOnlyError()) == "Nur Lesezugriff – Änderungen sind nicht erlaubt."
    assert str(ReadOnlyError("Grund")) == "Grund"


# -- committee-report snapshots ------------------------------------------------------------


def test_snapshots_are_kept_once_per_date_and_listed_by_date(repo: Repository) -> None:
    assert snapshots(repo) == []
    later = save_snapshot(repo, {"as_of": "2026-12-31", "positions": 3}, "schon da")
    assert later == {
        "as_of": "2026-12-31",
        "taken_at": AT,
        "taken_by": "anna",
        "report": {"as_of": "2026-12-31", "positions": 3},
    }
    earlier = save_snapshot(repo, {"as_of": "2026-06-30", "positions": 2}, "schon da")
    assert snapshots(repo) == [earlier, later]
    stored = json.loads(repo.path.read_bytes())["_reports"]
    assert stored == {"1": later, "2": earlier}

    before = repo.path.read_bytes()
    with pytest.raises(SnapshotExists) as refused:
        save_snapshot(repo, {"as_of": "2026-12-31", "positions": 99}, "Stichtag 31.12.2026 gibt es schon.")
    assert str(refused.value) == "Stichtag 31.12.2026 gibt es schon."
    assert repo.path.read_bytes() == before
    third = save_snapshot(repo, {"as_of": "2027-06-30"}, "schon da")
    assert json.loads(repo.path.read_bytes())["_reports"]["3"] == third


def test_a_viewer_cannot_keep_a_snapshot(repo: Repository) -> None:
    viewer = Repository(repo.path, user="praktikum", read_only=True)
    before = repo.path.read_bytes()
    with pytest.raises(ReadOnlyError) as refused:
        save_snapshot(viewer, {"as_of": "2026-12-31"}, "schon da")
    assert str(refused.value) == (
        "Nur Lesezugriff für praktikum (Rolle: viewer, --read-only) – Änderungen sind nicht erlaubt."
    )
    assert repo.path.read_bytes() == before


# -- plain TinyDB on the shared storage ----------------------------------------------------


def test_a_stale_plain_write_names_the_database(repo: Repository) -> None:
    repo.create("contacts", {"name": "Anna"})
    tiny = SharedTinyDB(repo.path)
    assert tiny.table("contacts").get(doc_id=1)["name"] == "Anna"
    repo.update("contacts", 1, {"name": "Neu"}, expected_rev=1)
    with pytest.raises(StaleWrite) as refused:
        tiny.storage.write({"contacts": {}})
    assert str(refused.value) == (
        f"Datenbank {repo.path} wurde seit dem Lesen von einem anderen Vorgang geändert; "
        "nichts wurde überschrieben."
    )


def test_a_plain_write_of_a_broken_shape_is_refused_with_the_reason(repo: Repository) -> None:
    tiny = SharedTinyDB(repo.path)
    tiny.storage.read()
    before = repo.path.read_bytes()
    with pytest.raises(WriteFailed) as refused:
        tiny.storage.write({"contacts": [1, 2]})
    assert str(refused.value) == (
        "Nicht gespeichert, die Datenbank hätte danach eine fehlerhafte Form: Tabelle „contacts“ ist kein Objekt."
    )
    assert repo.path.read_bytes() == before


def test_a_plain_write_replaces_the_database(repo: Repository) -> None:
    tiny = SharedTinyDB(repo.path)
    tiny.table("suggestions").insert({"id": 1, "rev": 1, "topic": "Neu"})
    data = json.loads(repo.path.read_bytes())
    assert data["suggestions"] == {"1": {"id": 1, "rev": 1, "topic": "Neu"}}
    assert list(data) == ["_meta", "suggestions"]


def test_plain_tinydb_sees_another_process_change_at_once(repo: Repository) -> None:
    repo.create("contacts", {"name": "Anna"})
    tiny = SharedTinyDB(repo.path)
    table = tiny.table("contacts")
    assert [row["name"] for row in table.search(Query().name.exists())] == ["Anna"]
    repo.update("contacts", 1, {"name": "Neu"}, expected_rev=1)
    assert [row["name"] for row in table.search(Query().name.exists())] == ["Neu"]
    assert table.get(doc_id=1)["name"] == "Neu"


# -- reading and writing where a table does not exist yet ----------------------------------


def test_a_record_of_a_kind_with_no_table_yet_is_none(repo: Repository) -> None:
    assert repo.get("events", 1) is None
    assert repo.records("events") == [] and repo.count("events") == 0


def test_a_link_to_a_kind_with_no_table_yet_is_refused(repo: Repository) -> None:
    before = repo.path.read_bytes()
    with pytest.raises(ValidationFailed) as refused:
        repo.create("positions", {"school": "GS Werl", "staff": 5})
    assert [p.field for p in refused.value.problems] == ["staff"]
    assert repo.path.read_bytes() == before


def test_an_update_is_validated(repo: Repository) -> None:
    repo.create("positions", {"school": "GS Werl"})
    before = repo.path.read_bytes()
    with pytest.raises(ValidationFailed) as refused:
        repo.update("positions", 1, {"school": ""}, expected_rev=1)
    assert [p.field for p in refused.value.problems] == ["school"]
    assert repo.path.read_bytes() == before


def test_a_closed_storage_reads_the_file_again(repo: Repository) -> None:
    repo.create("contacts", {"name": "Anna"})
    first = repo.storage.read()
    repo.storage.close()
    again = repo.storage.read()
    assert again == first and again is not first
