"""Hostile file names and targets: nothing outside the exchange folder, nothing of the db's.

Each case asserts the outcome (refused with a message, or written as intended) and that the
database is byte-identical afterwards.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ssa_tui.store import Repository
from ssa_tui.store.files import (
    OutputExists,
    OutputFailed,
    ProtectedPath,
    UnsafeFileName,
    exchange_dir,
    exchange_file,
    exchange_files,
    write_output,
)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SSA_TUI_EXCHANGE_DIR", raising=False)
    monkeypatch.delenv("SSA_TUI_CONFIG", raising=False)
    path = tmp_path / "db.json"
    Repository(path, user="setup", create=True).create("contacts", {"name": "Anna"})
    return path


@pytest.mark.parametrize(
    "name",
    [
        "../db.json",
        "/etc/passwd",
        "sub/x.csv",
        "..",
        ".",
        ".hidden.csv",
        "-rf",
        "~ssa",
        "a\\b.csv",
        "x\n.csv",
        "x\x1b]0;pwn\x07.csv",
        "",
        "   ",
        "x" * 300,
    ],
)
def test_a_file_name_that_is_not_plain_is_refused(db: Path, name: str) -> None:
    before = db.read_bytes()
    with pytest.raises(UnsafeFileName) as refused:
        exchange_file(db, name)
    assert str(refused.value)  # a message for people
    assert db.read_bytes() == before


def test_a_plain_name_lands_in_the_exchange_folder_beside_the_db(db: Path) -> None:
    target = exchange_file(db, "Kontakte 2026.csv")
    assert target == db.parent / "exchange" / "Kontakte 2026.csv"
    assert stat.S_IMODE(os.stat(target.parent).st_mode) == 0o2770


def test_the_exchange_folder_comes_from_the_environment(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSA_TUI_EXCHANGE_DIR", str(tmp_path / "austausch"))
    assert exchange_file(db, "a.csv") == tmp_path / "austausch" / "a.csv"


def test_a_symlink_in_the_exchange_folder_is_never_followed(db: Path, tmp_path: Path) -> None:
    folder = exchange_dir(db)
    secret = tmp_path / "secret.txt"
    secret.write_text("geheim")
    (folder / "link.csv").symlink_to(secret)
    with pytest.raises(UnsafeFileName):
        exchange_file(db, "link.csv")
    with pytest.raises(UnsafeFileName):
        write_output(folder / "link.csv", b"x", db_path=db, replace=True)
    assert secret.read_text() == "geheim"
    assert "link.csv" not in exchange_files(db)


@pytest.mark.parametrize(
    "side",
    ["db.json", "db.json.lock", "db.json.audit.jsonl", "db.json.backups/x.json", "ssa-tui.toml", "db.json.x"],
)
def test_the_database_and_its_side_files_are_protected(db: Path, side: str) -> None:
    before = db.read_bytes()
    with pytest.raises(ProtectedPath):
        write_output(db.parent / side, b"name;x\n", db_path=db, replace=True)
    assert db.read_bytes() == before


def test_a_symlinked_alias_of_the_db_is_protected(db: Path, tmp_path: Path) -> None:
    alias_dir = tmp_path / "alias"
    alias_dir.symlink_to(db.parent)
    before = db.read_bytes()
    with pytest.raises(ProtectedPath):
        write_output(alias_dir / "db.json", b"{}", db_path=db, replace=True)
    assert db.read_bytes() == before


def test_ssh_keys_are_never_written(db: Path, tmp_path: Path) -> None:
    (tmp_path / ".ssh").mkdir()
    with pytest.raises(ProtectedPath):
        write_output(tmp_path / ".ssh" / "authorized_keys", b"ssh-ed25519 AAAA", db_path=db, replace=True)
    assert not (tmp_path / ".ssh" / "authorized_keys").exists()


def test_an_existing_file_is_replaced_only_when_asked(db: Path) -> None:
    target = exchange_file(db, "export.csv")
    target.write_bytes(b"alt")
    with pytest.raises(OutputExists):
        write_output(target, b"neu", db_path=db)
    assert target.read_bytes() == b"alt"
    write_output(target, b"neu", db_path=db, replace=True)
    assert target.read_bytes() == b"neu"


def test_new_files_are_group_only_whatever_the_umask(db: Path, tmp_path: Path) -> None:
    script = (
        "import os, sys; from pathlib import Path; os.umask(0o022);"
        "from ssa_tui.store.files import write_output;"
        "write_output(Path(sys.argv[1]), b'x', db_path=Path(sys.argv[2]))"
    )
    target = tmp_path / "out.csv"
    subprocess.run([sys.executable, "-c", script, str(target), str(db)], check=True)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o660
    assert os.stat(target).st_gid == os.stat(db).st_gid


def test_a_planted_temp_symlink_receives_nothing(db: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("unberührt")
    folder = exchange_dir(db)
    # Every predictable temp name an attacker might plant.
    for name in (".export.csv.tmp", ".export.csv.1.tmp"):
        (folder / name).symlink_to(victim)
    write_output(folder / "export.csv", b"daten", db_path=db)
    assert victim.read_text() == "unberührt"
    assert (folder / "export.csv").read_bytes() == b"daten"


def test_a_missing_folder_or_a_folder_as_target_is_one_clear_error(db: Path, tmp_path: Path) -> None:
    with pytest.raises(OutputFailed) as missing:
        write_output(tmp_path / "nope" / "x.csv", b"x", db_path=db)
    assert "nope" in str(missing.value)
    (tmp_path / "ordner").mkdir()
    with pytest.raises(OutputFailed) as folder:
        write_output(tmp_path / "ordner", b"x", db_path=db, replace=True)
    assert "ordner" in str(folder.value)


def test_exchange_listing_shows_plain_files_only(db: Path) -> None:
    folder = exchange_dir(db)
    (folder / "b.csv").write_text("x")
    (folder / "A.xlsx").write_text("x")
    (folder / ".versteckt.csv").write_text("x")
    (folder / "unterordner").mkdir()
    assert exchange_files(db) == ["A.xlsx", "b.csv"]


def test_a_full_disk_leaves_the_old_file_and_no_temp(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "big.csv"
    target.write_bytes(b"alt")
    script = (
        "import resource, sys; from pathlib import Path;"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1000, resource.RLIM_INFINITY));"
        # Room again at exit (atexit runs last-in first): coverage's own data file must fit.
        "import atexit; atexit.register(resource.setrlimit, resource.RLIMIT_FSIZE, (-1, -1));"
        "import signal; signal.signal(signal.SIGXFSZ, signal.SIG_IGN);"
        "from ssa_tui.store.files import write_output, OutputFailed;"
        "\ntry:\n write_output(Path(sys.argv[1]), b'x' * 100000, db_path=Path(sys.argv[2]), replace=True)"
        "\nexcept OutputFailed as e:\n print(e); sys.exit(3)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(target), str(db)], capture_output=True, text=True
    )
    assert result.returncode == 3, result.stderr
    assert "big.csv" in result.stdout
    assert target.read_bytes() == b"alt"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
