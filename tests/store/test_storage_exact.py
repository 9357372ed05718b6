"""The storage's refusals and side files with their exact texts and values.

Real files in ``tmp_path``: damaged databases written as bytes, a folder where the audit log or
the database should be, a torn last audit line, the lock-timeout variable.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from ssa_tui.store import DatabaseCorrupt, DatabaseMissing, DatabaseUnusable, Repository, WriteFailed
from ssa_tui.store import audit
from ssa_tui.store.audit import Change, audit_path
from ssa_tui.store.migrate import format_of
from ssa_tui.store.storage import (
    DEFAULT_LOCK_TIMEOUT,
    LockedJSONStorage,
    backups_dir,
    check_shape,
    lock_path,
    lock_timeout_from_env,
)


# -- the lock timeout ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"), [(None, 10.0), ("", 10.0), ("  ", 10.0), ("2.5", 2.5), ("0", 0.0)]
)
def test_the_lock_timeout_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, text: str | None, seconds: float
) -> None:
    if text is None:
        monkeypatch.delenv("SSA_TUI_LOCK_TIMEOUT", raising=False)
    else:
        monkeypatch.setenv("SSA_TUI_LOCK_TIMEOUT", text)
    assert lock_timeout_from_env() == seconds
    assert DEFAULT_LOCK_TIMEOUT == 10.0


@pytest.mark.parametrize("text", ["-1", "-0.5", "zehn", "nan", "inf", "x" * 50])
def test_a_lock_timeout_that_is_no_number_from_0_is_refused(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.setenv("SSA_TUI_LOCK_TIMEOUT", text)
    with pytest.raises(DatabaseUnusable) as refused:
        lock_timeout_from_env()
    assert str(refused.value) == (
        f"SSA_TUI_LOCK_TIMEOUT={text[:40]!r} ist keine gültige Wartezeit – "
        "bitte Sekunden als Zahl ab 0 angeben (z. B. 10)."
    )


def test_the_side_files_lie_beside_the_database() -> None:
    db = Path("/srv/ssa/db.json")
    assert lock_path(db) == Path("/srv/ssa/db.json.lock")
    assert backups_dir(db) == Path("/srv/ssa/db.json.backups")
    assert math.isfinite(DEFAULT_LOCK_TIMEOUT)


# -- shapes and damage ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ([], "kein Objekt aus Tabellen"),
        ({"contacts": []}, "Tabelle „contacts“ ist kein Objekt"),
        ({"contacts": {"a": {}}}, "Tabelle „contacts“ hat einen fehlerhaften Datensatz „a“"),
        ({"contacts": {"²": {}}}, "Tabelle „contacts“ hat einen fehlerhaften Datensatz „²“"),
        ({"contacts": {"1": []}}, "Tabelle „contacts“ hat einen fehlerhaften Datensatz „1“"),
        ({"contacts": {"k" * 50: {}}}, f"Tabelle „contacts“ hat einen fehlerhaften Datensatz „{'k' * 40}“"),
        ({"contacts": {"1": {"id": 2, "rev": 1}}}, "Tabelle „contacts“, Datensatz „1“: id ist 2 statt 1"),
        (
            {"contacts": {"1": {"id": True, "rev": 1}}},
            "Tabelle „contacts“, Datensatz „1“: id ist True statt 1",
        ),
        ({"contacts": {"1": {"rev": 1}}}, "Tabelle „contacts“, Datensatz „1“: id ist None statt 1"),
        (
            {"contacts": {"1": {"id": "1" * 50, "rev": 1}}},
            f"Tabelle „contacts“, Datensatz „1“: id ist '{'1' * 39} statt 1",
        ),
        (
            {"contacts": {"1": {"id": 1, "rev": 0}}},
            "Tabelle „contacts“, Datensatz „1“: rev ist 0 statt einer ganzen Zahl ab 1",
        ),
        (
            {"contacts": {"1": {"id": 1, "rev": True}}},
            "Tabelle „contacts“, Datensatz „1“: rev ist True statt einer ganzen Zahl ab 1",
        ),
        (
            {"contacts": {"1": {"id": 1}}},
            "Tabelle „contacts“, Datensatz „1“: rev ist None statt einer ganzen Zahl ab 1",
        ),
        (
            {"contacts": {"1": {"id": 1, "rev": "x" * 50}}},
            f"Tabelle „contacts“, Datensatz „1“: rev ist '{'x' * 39} statt einer ganzen Zahl ab 1",
        ),
        ({"contacts": {"1": {"id": 1, "rev": 1}}, "anything": {"1": {"no": "id"}}}, None),
        ({"contacts": {"1": {"id": 1, "rev": 1}}, "contacts2": {"7": {}}}, None),
    ],
)
def test_each_shape_problem_is_named_exactly(data: object, problem: str | None) -> None:
    assert check_shape(data) == problem


def test_a_damaged_file_is_named_with_the_json_error_and_the_backups(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    db.write_bytes(b'{"contacts": {"1": ')
    with pytest.raises(DatabaseCorrupt) as refused:
        LockedJSONStorage(db).read()
    message = str(refused.value)
    assert re.fullmatch(
        rf"Datenbank {re.escape(str(db))} ist beschädigt \(JSON-Fehler: [^,]+, Zeile 1, Spalte 20\)\. "
        rf"Sie wurde nicht verändert; Sicherungen liegen in {re.escape(str(backups_dir(db)))}\.",
        message,
    ), message


def test_a_file_of_the_wrong_shape_is_named_with_the_problem(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    db.write_bytes(b'{"contacts": {"1": {"id": 1, "rev": 0}}}')
    with pytest.raises(DatabaseCorrupt) as refused:
        LockedJSONStorage(db).read()
    assert str(refused.value) == (
        f"Datenbank {db} ist beschädigt (Tabelle „contacts“, Datensatz „1“: rev ist 0 statt einer ganzen "
        f"Zahl ab 1). Sie wurde nicht verändert; Sicherungen liegen in {backups_dir(db)}."
    )


def test_a_missing_and_an_unreadable_database_are_named(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    with pytest.raises(DatabaseMissing) as missing:
        LockedJSONStorage(db).read()
    assert str(missing.value) == (
        f"Datenbank {db} nicht gefunden. Mit --db einen Pfad angeben oder `ssa-tui init` ausführen."
    )
    db.mkdir()
    with pytest.raises(DatabaseUnusable) as unreadable:
        LockedJSONStorage(db).read()
    assert str(unreadable.value) == f"Datenbank {db} ist nicht lesbar: ist ein Ordner"


def test_a_value_json_cannot_hold_is_refused_and_nothing_written(tmp_path: Path) -> None:
    repository = Repository(tmp_path / "db.json", user="anna", create=True)
    before = repository.path.read_bytes()
    storage = LockedJSONStorage(repository.path)
    storage.read()
    with pytest.raises(WriteFailed) as refused:
        storage.write({"numbers": {"1": {"value": 2**70}}})
    assert str(refused.value) == (
        "Nicht gespeichert: ein Wert lässt sich nicht speichern (Integer exceeds 64-bit range); "
        "die Datenbank ist unverändert."
    )
    assert repository.path.read_bytes() == before


@pytest.mark.parametrize(
    ("data", "version"),
    [
        ({}, 1),
        ({"_meta": {}}, 1),
        ({"_meta": {"1": {}}}, 1),
        ({"_meta": {"1": "x"}}, 1),
        ({"_meta": {"1": {"format": 2}}}, 2),
        ({"_meta": {"1": {"format": 1}}}, 1),
    ],
)
def test_the_format_of_a_database(data: dict, version: int) -> None:
    assert format_of(data) == version


# -- the audit log's append ----------------------------------------------------------------


def change(n: int) -> Change:
    return Change("2026-11-27T10:00:00+01:00", "anna", "contacts", n, "create", None, {"id": n})


def test_appending_after_a_torn_line_starts_a_new_line(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    audit_path(db).write_bytes(b'{"torn')
    audit.append(db, [change(1), change(2)])
    assert audit_path(db).read_text(encoding="utf-8") == (
        '{"torn\n' + change(1).to_json() + "\n" + change(2).to_json() + "\n"
    )


def test_appending_to_a_new_or_whole_log_adds_exactly_the_lines(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    audit.append(db, [change(1)])
    assert audit_path(db).read_text(encoding="utf-8") == change(1).to_json() + "\n"
    undo = audit.append(db, [change(2)])
    assert (
        audit_path(db).read_text(encoding="utf-8") == change(1).to_json() + "\n" + change(2).to_json() + "\n"
    )
    undo()
    assert audit_path(db).read_text(encoding="utf-8") == change(1).to_json() + "\n"


def test_appending_nothing_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    undo = audit.append(db, [])
    assert not audit_path(db).exists()
    undo()
    assert not audit_path(db).exists()


def test_an_audit_log_that_cannot_be_opened_refuses_the_change(tmp_path: Path) -> None:
    repository = Repository(tmp_path / "db.json", user="anna", create=True)
    audit_path(repository.path).mkdir()
    before = repository.path.read_bytes()
    with pytest.raises(WriteFailed) as refused:
        repository.create("contacts", {"name": "Anna"})
    assert str(refused.value) == (
        f"Änderungsprotokoll {audit_path(repository.path)} lässt sich nicht schreiben (ist ein Ordner); "
        "die Änderung wurde nicht gespeichert, die Datenbank ist unverändert."
    )
    assert repository.path.read_bytes() == before


# -- ids -----------------------------------------------------------------------------------


def test_a_restored_record_keeps_its_id_and_ids_stay_above_it(tmp_path: Path) -> None:
    repository = Repository(tmp_path / "db.json", user="anna", create=True)
    repository.create("contacts", {"name": "A"})
    with repository.batch() as batch:
        assert batch.create("contacts", {"name": "B"}, record_id=5)["id"] == 5
        with pytest.raises(ValueError, match=r"^contacts #1 exists$"):
            batch.create("contacts", {"name": "C"}, record_id=1)
        assert batch.create("contacts", {"name": "D"})["id"] == 6
    assert [c["id"] for c in repository.records("contacts")] == [1, 5, 6]
    meta = json.loads(repository.path.read_bytes())["_meta"]["1"]
    assert meta["next_ids"] == {"contacts": 7}
    with repository.batch() as batch:
        assert batch.create("contacts", {"name": "E"}, record_id=3)["id"] == 3
    assert json.loads(repository.path.read_bytes())["_meta"]["1"]["next_ids"] == {"contacts": 7}
    assert repository.create("contacts", {"name": "F"})["id"] == 7


def test_ids_never_fall_below_what_the_table_holds(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    stamp = {"rev": 1, "created_at": "x", "updated_at": "x", "updated_by": "x", "name": "Alt"}
    db.write_text(
        json.dumps(
            {
                "_meta": {"1": {"generation": "0", "format": 2, "next_ids": {"contacts": 2}}},
                "contacts": {"9": {"id": 9, **stamp}},
            }
        ),
        encoding="utf-8",
    )
    created = Repository(db, user="anna").create("contacts", {"name": "Neu"})
    assert created["id"] == 10
    assert created["rev"] == 1 and created["created_at"] == created["updated_at"]
    assert created["updated_by"] == "anna"


# -- writes: the generation stamp and the automatic backup ---------------------------------


def test_each_write_stamps_a_new_generation_first_in_the_file(tmp_path: Path) -> None:
    repository = Repository(tmp_path / "db.json", user="anna", create=True)
    first = repository.generation()
    repository.create("contacts", {"name": "Anna"})
    second = repository.generation()
    raw = repository.path.read_bytes()
    assert re.match(rb'\{"_meta":\{"1":\{"generation":"([0-9a-f]{32})","format":2,"next_ids":', raw)
    assert second == re.match(rb'\{"_meta":\{"1":\{"generation":"([0-9a-f]{32})"', raw).group(1)
    assert first != second and len(second) == 32
    assert list(json.loads(raw)) == ["_meta", "contacts"]


def test_the_replaced_file_is_kept_as_a_hard_link_named_by_the_time(tmp_path: Path) -> None:
    repository = Repository(tmp_path / "db.json", user="anna", create=True)
    old = repository.path.stat()
    old_bytes = repository.path.read_bytes()
    repository.create("contacts", {"name": "Anna"})
    [backup] = backups_dir(repository.path).iterdir()
    assert re.fullmatch(r"db-\d{8}T\d{12}Z\.json", backup.name), backup.name
    assert backup.stat().st_ino == old.st_ino and backup.read_bytes() == old_bytes


def test_a_storage_that_keeps_no_backups_makes_no_folder(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    storage = LockedJSONStorage(db, create=True, keep_backups=0)
    with storage.transaction() as data:
        data["suggestions"] = {"1": {"id": 1, "rev": 1, "topic": "x"}}
    assert not backups_dir(db).exists()
    assert json.loads(db.read_bytes())["suggestions"] == {"1": {"id": 1, "rev": 1, "topic": "x"}}


# -- the write lock ------------------------------------------------------------------------


def test_a_lock_held_elsewhere_is_named_with_the_whole_seconds_waited(tmp_path: Path) -> None:
    import filelock

    from ssa_tui.store import DatabaseLocked

    repository = Repository(tmp_path / "db.json", user="anna", create=True, lock_timeout=1.2)
    before = repository.path.read_bytes()
    holder = filelock.FileLock(lock_path(repository.path))
    holder.acquire()
    try:
        with pytest.raises(DatabaseLocked) as refused:
            repository.create("contacts", {"name": "Anna"})
    finally:
        holder.release()
    assert str(refused.value) == (
        f"Datenbank {repository.path} ist seit 1 s von einem anderen Vorgang gesperrt – "
        "bitte später erneut versuchen."
    )
    assert repository.path.read_bytes() == before
    assert repository.create("contacts", {"name": "Anna"})["id"] == 1  # the lock was let go


def test_a_lock_file_that_cannot_be_opened_is_named(tmp_path: Path) -> None:
    repository = Repository(tmp_path / "db.json", user="anna", create=True)
    lock_path(repository.path).unlink()
    lock_path(repository.path).mkdir()
    with pytest.raises(DatabaseUnusable) as refused:
        repository.create("contacts", {"name": "Anna"})
    assert (
        str(refused.value)
        == f"Sperrdatei {lock_path(repository.path)} lässt sich nicht öffnen: ist ein Ordner"
    )


def test_the_lock_timeout_is_taken_from_the_environment_when_not_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSA_TUI_LOCK_TIMEOUT", "3.5")
    assert LockedJSONStorage(tmp_path / "db.json").lock_timeout == 3.5
    assert LockedJSONStorage(tmp_path / "db.json", lock_timeout=0).lock_timeout == 0
    assert LockedJSONStorage(tmp_path / "db.json").keep_backups == 20
