"""Tests written against store mutation survivors left "not analysed" by the first analysis
(bench/mutation-survivors.md): each pins what the surviving mutant changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ssa_tui.store import DatabaseCorrupt, Repository
from ssa_tui.store.erasure import address_hash, secret_path

from .test_guarantees import _write_with_file_size_limit


def test_the_erasure_secret_belongs_to_the_account_that_made_it(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    Repository(db, user="anna", create=True)
    address_hash(db, "erika@example.org")  # the first use makes the secret
    info = secret_path(db).stat()
    assert info.st_uid == os.getuid() and info.st_gid == db.stat().st_gid
    assert info.st_mode & 0o777 == 0o660


def test_a_batch_lists_a_kind_that_has_no_table_yet(tmp_path: Path) -> None:  # data.get(kind, {})
    """A new database holds only its meta table; a kind's table comes with its first record."""
    repository = Repository(tmp_path / "db.json", user="anna", create=True)
    with repository.batch() as batch:
        assert batch.records("rounds") == [] and batch.records("contacts") == []
        batch.create("contacts", {"name": "Erika Muster"})
        assert [record["name"] for record in batch.records("contacts")] == ["Erika Muster"]


def test_a_json_error_is_reported_with_the_parser_s_words_and_place(tmp_path: Path) -> None:  # msg=
    db = tmp_path / "db.json"
    Repository(db, user="anna", create=True).create("contacts", {"name": "A"})
    db.write_text(db.read_text(encoding="utf-8").replace('"name"', '"name" "x"', 1), encoding="utf-8")
    with pytest.raises(DatabaseCorrupt) as corrupt:
        Repository(db, user="anna").records("contacts")
    message = str(corrupt.value)
    assert f"Datenbank {db} ist beschädigt (JSON-Fehler: " in message
    assert "expected ':' after key, Zeile 1, Spalte " in message and "None" not in message


def test_an_audit_append_cut_short_is_taken_back_and_named_as_a_full_disk(tmp_path: Path) -> None:
    """The disk fills in the middle of the audit line: ``write`` returns fewer bytes than given
    (no error of its own). The change is refused as a full disk, in German, and the log and the
    database stay as they were. (Mutants 55, 57, 58 and 69 of ``audit.append``, 2nd run.)"""
    from ssa_tui.store import Repository
    from ssa_tui.store.audit import audit_path

    db = tmp_path / "db.json"
    repository = Repository(db, user="anna", create=True)
    contact = repository.create("contacts", {"name": "Lang"})
    for n in range(30):  # the log grows far past the database (each line holds before and after)
        contact = repository.update(
            "contacts", contact["id"], {"notes": f"{n}" * 2000}, expected_rev=contact["rev"]
        )
    log, before = audit_path(db).read_bytes(), db.read_bytes()
    assert len(log) > len(before) + 10_000
    result = _write_with_file_size_limit(db, len(log) + 100)

    assert result.returncode == 3, result.stderr
    assert result.stdout.strip() == (
        f"Änderungsprotokoll {audit_path(db)} lässt sich nicht schreiben (kein Speicherplatz mehr frei); "
        "die Änderung wurde nicht gespeichert, die Datenbank ist unverändert."
    )
    assert audit_path(db).read_bytes() == log and db.read_bytes() == before


# -- survivors of the second run over the store (27.11.2026, evening) ------------------------

WHEN = __import__("datetime").datetime(
    2026, 11, 27, 21, 5, tzinfo=__import__("zoneinfo").ZoneInfo("Europe/Berlin")
)


def test_the_audit_line_of_a_create_carries_the_time_of_the_write(tmp_path: Path) -> None:
    """(``Batch.create`` mutant 69: the change logged without its time.)"""
    from ssa_tui.store import audit

    db = tmp_path / "db.json"
    created = Repository(db, user="anna", create=True, clock=lambda: WHEN).create("contacts", {"name": "Neu"})
    (change,) = [c for c in audit.read(db) if c.id == created["id"]]
    assert (change.action, change.at, change.user) == ("create", "2026-11-27T21:05:00+01:00", "anna")


def test_consent_given_through_the_store_is_logged_with_its_time_and_person(tmp_path: Path) -> None:
    """(``Batch._derive`` mutants 4 and 5: the consent event without ``at`` or ``by``.)"""
    repository = Repository(tmp_path / "db.json", user="anna", create=True, clock=lambda: WHEN)
    values = {
        "name": "Neu",
        "email": "neu@example.org",
        "newsletter_consent": True,
        "consent_date": "2026-11-27",
    }
    contact = repository.create("contacts", values)
    (event,) = contact["consent_log"]
    assert (event["action"], event["at"], event["by"]) == ("given", "2026-11-27T21:05:00+01:00", "anna")


def test_a_batch_may_give_a_unique_name_to_another_record_once_the_first_gave_it_up(tmp_path: Path) -> None:
    """A group renamed in a batch frees its name for a new group in the same batch. (``Batch._validate``
    mutants 8 and 11: the unique index without ``current`` counts the old name for ever.)"""
    repository = Repository(tmp_path / "db.json", user="anna", create=True)
    first = repository.create("groups", {"name": "AK Werl"})
    with repository.batch() as batch:
        batch.update("groups", first["id"], {"name": "AK Werl (bis 2026)"}, expected_rev=first["rev"])
        second = batch.create("groups", {"name": "ak werl"})
    assert repository.get("groups", second["id"])["name"] == "ak werl"


def test_a_folder_that_cannot_be_made_is_named_itself(tmp_path: Path) -> None:
    """(``make_private_dir`` mutant 32: the message named the target, not the folder that failed.)"""
    from ssa_tui.store.errors import StoreError
    from ssa_tui.store.files import make_private_dir

    db = tmp_path / "db.json"
    Repository(db, user="anna", create=True)
    (tmp_path / "datei").write_text("kein Ordner")
    with pytest.raises(StoreError) as refused:
        make_private_dir(tmp_path / "datei" / "a" / "b", db)
    assert str(tmp_path / "datei" / "a") in str(refused.value)
    assert str(tmp_path / "datei" / "a" / "b") not in str(refused.value)


def test_a_full_disk_names_the_database_and_the_reason(tmp_path: Path) -> None:
    """The temp file cannot grow: the message names the database (not the temp file, not
    ``None``) and the reason in German. (``_write_locked`` mutants 52, 53 and 59.)"""
    db = tmp_path / "db.json"
    Repository(db, user="anna", create=True).create("contacts", {"name": "Erste"})
    before = db.read_bytes()
    result = _write_with_file_size_limit(db, len(before) + 100)
    assert result.returncode == 3, result.stderr
    assert (
        result.stdout == f"Speichern fehlgeschlagen bei {db}: Datei zu groß. Die Datenbank ist unverändert.\n"
    )
    assert db.read_bytes() == before


def test_one_backup_kept_is_one_backup(tmp_path: Path) -> None:
    """(``_keep_backup`` mutant 3: ``keep_backups`` of 1 kept none.)"""
    from ssa_tui.store.storage import LockedJSONStorage, backups_dir

    db = tmp_path / "db.json"
    Repository(db, user="anna", create=True)
    storage = LockedJSONStorage(db, keep_backups=1)
    for _ in range(3):
        storage.write(storage.read())
    assert len(list(backups_dir(db).iterdir())) == 1


def test_a_backup_that_cannot_be_made_names_the_backups_folder_and_the_reason(tmp_path: Path) -> None:
    """A file where the backups folder should be: the write is refused naming that folder, the
    reason in German. (``_keep_backup`` mutant 40: the reason's number lost, so the system's
    English text.)"""
    from ssa_tui.store import WriteFailed
    from ssa_tui.store.storage import backups_dir

    db = tmp_path / "db.json"
    repository = Repository(db, user="anna", create=True)
    repository.create("contacts", {"name": "Erste"})
    for backup in backups_dir(db).iterdir():
        backup.unlink()
    backups_dir(db).rmdir()
    backups_dir(db).write_text("kein Ordner")
    before = db.read_bytes()
    with pytest.raises(WriteFailed) as refused:
        repository.create("contacts", {"name": "Zweite"})
    assert str(refused.value) == (
        f"Speichern fehlgeschlagen bei {backups_dir(db)}: ist kein Ordner. Die Datenbank ist unverändert."
    )
    assert db.read_bytes() == before
