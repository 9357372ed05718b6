"""Tests written against store mutation survivors left "not analysed" by the first analysis
(bench/mutation-survivors.md): each pins what the surviving mutant changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ssa_tui.store import DatabaseCorrupt, Repository
from ssa_tui.store.erasure import address_hash, secret_path


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
