"""Side files and folders of the database: names, modes, groups, and the sweep of stale temps.

Real files in ``tmp_path``; the database's group is set to a group of its own (the tests may run
as root, who can give files to any group) so that "the db's group" is not just the default.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from ssa_tui.store import Repository, ValidationFailed
from ssa_tui.store.erasure import ERASED_TABLE, address_hash
from ssa_tui.store.files import make_private_dir
from ssa_tui.store.sidefiles import db_group, ensure_side_file, open_side_file, write_temp
from ssa_tui.store.storage import LockedJSONStorage

GID = 4242


@pytest.fixture
def db(tmp_path: Path) -> Path:
    if os.geteuid() != 0:
        pytest.skip("needs root to give files to another group")
    path = tmp_path / "db.json"
    path.write_text("{}", encoding="utf-8")
    os.chown(path, -1, GID)
    return path


def mode_and_group(path: Path) -> tuple[int, int]:
    info = path.stat()
    return stat.S_IMODE(info.st_mode), info.st_gid


def test_missing_folders_are_made_2770_in_the_databases_group(db: Path) -> None:
    old = os.umask(0o077)
    try:
        made = make_private_dir(db.parent / "a" / "b" / "c", db)
    finally:
        os.umask(old)
    assert made == db.parent / "a" / "b" / "c"
    for folder in (db.parent / "a", db.parent / "a" / "b", made):
        assert mode_and_group(folder) == (0o2770, GID), folder
    assert make_private_dir(made, db) == made  # there already: fine


def test_a_temp_file_has_an_unpredictable_name_the_payload_and_0660(db: Path) -> None:
    target = db.parent / "out.csv"
    old = os.umask(0o077)
    try:
        temp = write_temp(target, b"payload", db)
    finally:
        os.umask(old)
    assert re.fullmatch(rf"\.out\.csv\.{os.getpid()}\.[0-9a-f]{{32}}\.tmp", temp.name), temp.name
    assert temp.parent == db.parent and temp.read_bytes() == b"payload"
    assert mode_and_group(temp) == (0o660, GID)
    assert write_temp(target, b"", db) != temp


def test_a_side_file_is_made_once_0660_and_then_opened_as_it_is(db: Path) -> None:
    path = db.parent / "db.json.sends"
    ensure_side_file(path, db)
    assert path.read_bytes() == b"" and mode_and_group(path) == (0o660, GID)
    path.write_bytes(b"kept")
    os.chmod(path, 0o640)
    ensure_side_file(path, db)
    fd = open_side_file(path, db)
    try:
        os.write(fd, b"+more")
    finally:
        os.close(fd)
    assert path.read_bytes() == b"kept+more" and mode_and_group(path) == (0o640, GID)


def test_a_side_file_never_follows_a_symlink(db: Path) -> None:
    target = db.parent / "elsewhere"
    target.write_bytes(b"x")
    link = db.parent / "db.json.sends"
    link.symlink_to(target)
    with pytest.raises(OSError):
        os.close(open_side_file(link, db))
    assert target.read_bytes() == b"x"


def test_the_group_of_a_missing_database_is_its_folders(db: Path) -> None:
    os.chown(db.parent, -1, 4343)
    assert db_group(db) == GID
    assert db_group(db.parent / "new.json") == 4343
    assert db_group(db.parent / "no" / "such" / "db.json") is None


def test_only_the_temp_files_of_this_database_are_swept(db: Path) -> None:
    names = [
        ".db.json.1.abc.tmp",
        ".db.json.x.tmpx",
        "db.json.1.tmp",
        ".other.json.1.tmp",
        ".db.json.2.def.tmp",
    ]
    for name in names:
        (db.parent / name).write_bytes(b"")
    db.write_text('{"_meta": {"1": {"generation": "0", "format": 2, "next_ids": {}}}}', encoding="utf-8")
    storage = LockedJSONStorage(db)
    with storage.transaction():
        pass
    left = sorted(p.name for p in db.parent.iterdir() if p.name not in ("db.json", "db.json.lock"))
    assert left == [".db.json.x.tmpx", ".other.json.1.tmp", "db.json.1.tmp"]


def test_an_erased_address_is_refused_with_the_date_unless_confirmed(db: Path) -> None:
    db.unlink()
    repository = Repository(db, user="anna", create=True)
    with repository.storage.transaction() as data:
        data[ERASED_TABLE] = {
            "1": {"id": 1, "hash": address_hash(db, "anna@example.de"), "at": "2026-01-05T10:00:00+01:00"}
        }
    with pytest.raises(ValidationFailed) as refused:
        repository.create("contacts", {"name": "Anna", "email": "Anna@Example.de"})
    [problem] = refused.value.problems
    assert (problem.field, problem.message) == (
        "email",
        "Diese Adresse gehörte einer Person, die am Montag, 5. Januar 2026 gelöscht wurde – nur mit Bestätigung "
        "wieder aufnehmen.",
    )
    repository.create("contacts", {"name": "Bernd", "email": "bernd@example.de", "role": "anna@example.de"})
    with repository.batch() as batch:
        batch.allow_erased = True
        batch.create("contacts", {"name": "Anna", "email": "anna@example.de"})
    assert [c["name"] for c in repository.records("contacts")] == ["Bernd", "Anna"]
