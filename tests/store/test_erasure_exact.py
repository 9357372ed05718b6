"""Erasure marks: the secret beside the database, the normalised address hash, the erased date.

Real files in ``tmp_path``; the expected hash is computed here from the secret on disk, so a
changed normalisation, key or digest shows up.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import stat
from pathlib import Path

import pytest

from ssa_tui.store.erasure import (
    ERASED_TABLE,
    address_hash,
    erased_on,
    normalise_address,
    secret_key,
    secret_path,
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db.json"
    path.write_text("{}", encoding="utf-8")
    return path


def test_the_secret_lies_beside_the_database() -> None:
    assert secret_path(Path("/srv/ssa/db.json")) == Path("/srv/ssa/db.json.secret")
    assert secret_path("/srv/ssa/other.json") == Path("/srv/ssa/other.json.secret")  # type: ignore[arg-type]


def test_the_secret_is_made_once_0660_in_the_databases_group(db: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to give the database to another group")
    os.chown(db, -1, 4321)
    old = os.umask(0o022)
    try:
        key = secret_key(db)
    finally:
        os.umask(old)
    path = secret_path(db)
    text = path.read_text(encoding="ascii")
    assert len(key) == 32 and text == key.hex() and len(text) == 64
    info = path.stat()
    assert stat.S_IMODE(info.st_mode) == 0o660 and info.st_gid == 4321
    assert secret_key(db) == key  # read again, not made anew
    assert path.read_text(encoding="ascii") == text


def test_two_databases_get_different_secrets(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert secret_key(first) != secret_key(second)


def test_a_secret_there_already_is_used_as_it_is(db: Path) -> None:
    secret_path(db).write_text("ab" * 32 + "\n", encoding="ascii")
    assert secret_key(db) == bytes([0xAB]) * 32


def test_a_secret_replaced_by_the_admin_is_read_again(db: Path) -> None:
    path = secret_path(db)
    path.write_text("ab" * 32, encoding="ascii")
    assert secret_key(db) == bytes([0xAB]) * 32
    new = path.with_name("new")
    new.write_text("cd" * 32, encoding="ascii")
    os.replace(new, path)
    assert secret_key(db) == bytes([0xCD]) * 32


def test_a_planted_symlink_in_place_of_the_secret_receives_nothing(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    secret_path(db).symlink_to(target)
    with pytest.raises(FileNotFoundError):
        secret_key(db)
    assert not target.exists()


@pytest.mark.parametrize(
    ("address", "normal"),
    [
        (" Anna.Berg@Example.DE ", "anna.berg@example.de"),
        ("jürgen@example.de", "jürgen@example.de"),
        ("ju\u0308rgen@example.de", "jürgen@example.de"),  # decomposed ü composed (NFC)
        ("STRASSE@example.de", "strasse@example.de"),
        ("Straße@example.de", "strasse@example.de"),  # casefold, not lower
        ("\tx@y.de\n", "x@y.de"),
    ],
)
def test_an_address_is_normalised_before_it_is_hashed(address: str, normal: str) -> None:
    assert normalise_address(address) == normal


def test_the_hash_is_the_hmac_sha256_of_the_normalised_address(db: Path) -> None:
    secret_path(db).write_text("00" * 32, encoding="ascii")
    expected = hmac.new(bytes(32), "jürgen@example.de".encode(), hashlib.sha256).hexdigest()
    assert address_hash(db, "jürgen@example.de") == expected
    assert address_hash(db, " JU\u0308RGEN@example.de ") == expected
    assert address_hash(db, "juergen@example.de") != expected


def test_the_hash_depends_on_the_secret(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    secret_path(first).write_text("00" * 32, encoding="ascii")
    secret_path(second).write_text("01" * 32, encoding="ascii")
    assert address_hash(first, "a@b.de") != address_hash(second, "a@b.de")


def marks(db: Path, *entries: object) -> dict:
    return {ERASED_TABLE: {str(n): mark for n, mark in enumerate(entries, start=1)}}


def test_erased_on_finds_the_date_of_the_matching_mark(db: Path) -> None:
    data = marks(
        db,
        "kein Eintrag",
        {"id": 2, "at": "2026-01-01"},  # no hash
        {"id": 3, "hash": address_hash(db, "other@example.de"), "at": "2026-02-02"},
        {"id": 4, "hash": address_hash(db, "anna@example.de"), "at": "2026-03-03"},
        {"id": 5, "hash": address_hash(db, "anna@example.de"), "at": "2026-04-04"},
    )
    assert erased_on(data, db, " ANNA@example.de") == "2026-03-03"
    assert erased_on(data, db, "other@example.de") == "2026-02-02"
    assert erased_on(data, db, "bernd@example.de") is None


@pytest.mark.parametrize(("at", "shown"), [(None, "?"), ("", "?"), (20260101, "20260101")])
def test_a_mark_without_a_date_still_counts(db: Path, at: object, shown: str) -> None:
    data = marks(db, {"id": 1, "hash": address_hash(db, "a@b.de"), "at": at})
    assert erased_on(data, db, "a@b.de") == shown
    no_at = marks(db, {"id": 1, "hash": address_hash(db, "a@b.de")})
    assert erased_on(no_at, db, "a@b.de") == "?"


@pytest.mark.parametrize("address", [None, ""])
def test_no_address_was_never_erased(db: Path, address: str | None) -> None:
    data = marks(db, {"id": 1, "hash": address_hash(db, ""), "at": "2026-01-01"})
    assert erased_on(data, db, address) is None


@pytest.mark.parametrize("data", [{}, {ERASED_TABLE: {}}, {ERASED_TABLE: None}])
def test_without_marks_nobody_was_erased_and_no_secret_is_made(db: Path, data: dict) -> None:
    assert erased_on(data, db, "a@b.de") is None
    assert not secret_path(db).exists()
