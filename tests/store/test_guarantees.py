"""What the store promises: stale writes refused, damage reported and never written over,
read-only enforced below the UI, failed writes leave the old file, audit, backups, links."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ssa_tui.store import (
    Conflict,
    DatabaseCorrupt,
    DatabaseMissing,
    ReadOnlyError,
    Repository,
    SharedTinyDB,
    StaleWrite,
    StillLinked,
    ValidationFailed,
)
from ssa_tui.store import audit
from ssa_tui.store.storage import backups_dir, lock_path


HOLD_LOCK = "import filelock, time; lock = filelock.FileLock({lock!r}); lock.acquire(); print('ok', flush=True); time.sleep(60)"


def test_a_stale_revision_is_refused_and_nothing_is_overwritten(db: Path) -> None:
    mine = Repository(db, user="anna")
    theirs = Repository(db, user="bernd")
    opened = mine.get("contacts", 1)
    theirs.update("contacts", 1, {"role": "von Bernd"}, expected_rev=opened["rev"])
    with pytest.raises(Conflict) as refused:
        mine.update("contacts", 1, {"role": "von Anna"}, expected_rev=opened["rev"])
    assert refused.value.theirs["role"] == "von Bernd"
    assert "bernd" in str(refused.value)
    assert Repository(db, user="x").get("contacts", 1)["role"] == "von Bernd"


def test_an_update_of_a_deleted_record_is_a_conflict(db: Path) -> None:
    repository = Repository(db, user="anna")
    repository.delete("contacts", 1)
    with pytest.raises(Conflict) as refused:
        repository.update("contacts", 1, {"role": "x"}, expected_rev=1)
    assert refused.value.theirs is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated mid-write by something else
        lambda raw: b"",
        lambda raw: b'{"contacts": [1, 2, 3]}',  # parses, wrong shape
        lambda raw: b'{"contacts": {"1": "text"}}',
        lambda raw: raw.replace(b'"', b"\xff", 1),
    ],
    ids=["truncated", "empty", "list-table", "text-record", "not-utf8"],
)
def test_a_damaged_database_is_reported_and_left_byte_for_byte(db: Path, damage) -> None:
    db.write_bytes(damage(db.read_bytes()))
    before = db.read_bytes()
    with pytest.raises(DatabaseCorrupt) as error:
        Repository(db, user="anna").create("contacts", {"name": "Neu"})
    assert str(db) in str(error.value) and "beschädigt" in str(error.value)
    assert db.read_bytes() == before
    result = subprocess.run(
        [sys.executable, "-m", "ssa_tui", "--db", str(db), "check"], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "beschädigt" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert db.read_bytes() == before


def test_a_missing_database_is_not_created_by_accident(tmp_path: Path) -> None:
    with pytest.raises(DatabaseMissing):
        Repository(tmp_path / "nope.json", user="anna").records("contacts")
    assert not (tmp_path / "nope.json").exists()


def test_read_only_can_read_everything_and_write_nothing(db: Path) -> None:
    lock_path(db).unlink()
    before = db.read_bytes()
    viewer = Repository(db, user="praktikum", read_only=True)
    assert viewer.get("contacts", 1)["name"] == "Geteilt"
    for attempt in (
        lambda: viewer.create("contacts", {"name": "x"}),
        lambda: viewer.update("contacts", 1, {"name": "x"}, expected_rev=1),
        lambda: viewer.delete("contacts", 1),
        lambda: viewer.storage.write({}),
    ):
        with pytest.raises(ReadOnlyError):
            attempt()
    assert db.read_bytes() == before
    assert not lock_path(db).exists()  # a viewer never even takes the lock


def test_a_viewer_in_the_roles_file_cannot_write(db: Path) -> None:
    (db.parent / "ssa-tui.toml").write_text('[roles]\nbritta = "editor"\npraktikum = "viewer"\n')
    Repository(db, user="britta").create("contacts", {"name": "Von Britta"})
    for user in ("praktikum", "unbekannt"):
        with pytest.raises(ReadOnlyError):
            Repository(db, user=user).create("contacts", {"name": "x"})


def _write_with_file_size_limit(db: Path, limit: int) -> subprocess.CompletedProcess[str]:
    """Try a write in a process that may not write files beyond ``limit`` bytes (a full disk)."""
    code = (
        "import atexit, resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, resource.RLIM_INFINITY))\n"
        # Room again at exit (atexit runs last-in first): coverage's own data file must fit.
        "atexit.register(resource.setrlimit, resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY,) * 2)\n"
        "from ssa_tui.store import Repository, WriteFailed\n"
        f"repo = Repository({str(db)!r}, user='anna')\n"
        "try:\n"
        "    repo.create('contacts', {'name': 'Groß', 'notes': 'x' * 3000})\n"
        "except WriteFailed as error:\n"
        "    print(error); sys.exit(3)\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_a_full_disk_leaves_the_old_file_byte_for_byte(db: Path) -> None:
    before = db.read_bytes()
    result = _write_with_file_size_limit(db, len(before) + 100)
    assert result.returncode == 3, result.stderr
    assert "unverändert" in result.stdout
    assert db.read_bytes() == before
    assert not [p for p in db.parent.iterdir() if p.name.endswith(".tmp")]


def test_every_change_is_in_the_audit_log_with_user_before_and_after(db: Path) -> None:
    repository = Repository(db, user="britta")
    created = repository.create("contacts", {"name": "Neu"})
    repository.update("contacts", created["id"], {"role": "Leitung"}, expected_rev=1)
    repository.delete("contacts", created["id"])
    changes = [c for c in audit.read(db) if c.id == created["id"]]
    assert [c.action for c in changes] == ["create", "update", "delete"]
    assert {c.user for c in changes} == {"britta"}
    assert changes[1].before["role"] is None and changes[1].after["role"] == "Leitung"
    assert changes[2].after is None


def test_backups_rotate_and_each_is_a_complete_earlier_version(db: Path) -> None:
    repository = Repository(db, user="anna")
    for n in range(25):
        repository.create("suggestions", {"topic": f"Thema {n}"})
    backups = sorted(backups_dir(db).iterdir())
    assert len(backups) == 20
    counts = [len(json.loads(p.read_bytes()).get("suggestions", {})) for p in backups]
    assert counts == list(range(5, 25))


def test_deleting_a_linked_record_asks_for_clearing_and_leaves_no_dangling_link(db: Path) -> None:
    repository = Repository(db, user="anna")
    position = repository.create("positions", {"school": "GS Werl", "staff": 1})
    group = repository.create(
        "groups", {"name": "AK", "contacts": [{"contact": 1, "role": "Leitung"}], "members": [1]}
    )
    with pytest.raises(StillLinked) as refused:
        repository.delete("contacts", 1)
    assert {ref[0] for ref in refused.value.refs} == {"positions", "groups"}
    repository.delete("contacts", 1, clear_links=True)
    assert repository.get("positions", position["id"])["staff"] is None
    cleared = repository.get("groups", group["id"])
    assert cleared["contacts"] == [] and cleared["members"] == []


def test_invalid_records_are_refused_with_every_problem(db: Path) -> None:
    with pytest.raises(ValidationFailed) as refused:
        Repository(db, user="anna").create(
            "positions",
            {"school": "", "hours_per_week": 99, "town": "Soest", "postal_code": "59555", "staff": 404},
        )
    assert {p.field for p in refused.value.problems} == {"school", "hours_per_week", "postal_code", "staff"}


def test_ids_are_never_reused(db: Path) -> None:
    repository = Repository(db, user="anna")
    first = repository.create("suggestions", {"topic": "a"})
    repository.delete("suggestions", first["id"])
    assert repository.create("suggestions", {"topic": "b"})["id"] == first["id"] + 1


def test_plain_tinydb_through_the_shared_storage_refuses_a_stale_write(db: Path) -> None:
    tiny = SharedTinyDB(db)
    table = tiny.table("contacts")
    assert table.get(doc_id=1)["name"] == "Geteilt"
    Repository(db, user="other").update("contacts", 1, {"name": "Neu"}, expected_rev=1)
    with pytest.raises(StaleWrite):
        tiny.storage.write({"contacts": {}})
    assert Repository(db, user="x").get("contacts", 1)["name"] == "Neu"


def test_a_killed_process_holding_the_lock_releases_it(db: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK.format(lock=str(lock_path(db)))],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "ok"
    os.kill(holder.pid, signal.SIGKILL)
    assert holder.wait() == -signal.SIGKILL
    created = Repository(db, user="anna", lock_timeout=2).create("contacts", {"name": "Danach"})
    stored = Repository(db, user="x").get("contacts", created["id"])
    assert (stored["name"], stored["updated_by"], stored["rev"]) == ("Danach", "anna", 1)


def test_a_lock_held_too_long_is_a_clear_error(db: Path) -> None:
    from ssa_tui.store import DatabaseLocked

    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK.format(lock=str(lock_path(db)))],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        before = db.read_bytes()
        with pytest.raises(DatabaseLocked) as error:
            Repository(db, user="anna", lock_timeout=0.5).create("contacts", {"name": "x"})
        assert "gesperrt" in str(error.value)
        assert db.read_bytes() == before
    finally:
        holder.kill()
        holder.wait()


def test_a_batch_that_changes_nothing_does_not_write(db: Path) -> None:
    repository = Repository(db, user="anna")
    before = db.stat().st_ino, db.read_bytes()
    with repository.batch() as batch:
        assert batch.get("events", 1) is None
        record = batch.get("contacts", 1)
        batch.update("contacts", 1, {"name": record["name"]}, expected_rev=record["rev"])
    assert (db.stat().st_ino, db.read_bytes()) == before


def test_deleting_a_planned_event_reopens_its_suggestion(tmp_path: Path) -> None:
    from ssa_tui.demo import build

    repository = build(tmp_path / "db.json")
    [planned] = [s for s in repository.records("suggestions") if s["status"] == "eingeplant"]
    repository.delete("events", planned["event"], clear_links=True)
    reopened = repository.get("suggestions", planned["id"])
    assert reopened["event"] is None and reopened["status"] == "offen"


def test_manual_backups_are_not_rotated_away(db: Path) -> None:
    from ssa_tui.services.maintenance import write_backup

    repository = Repository(db, user="anna")
    manual = write_backup(repository)
    for n in range(25):
        repository.create("suggestions", {"topic": f"Thema {n}"})
    assert manual.exists()
    assert len([p for p in backups_dir(db).iterdir() if "manual" not in p.name]) == 20
