"""Hostile conditions around the store: symlinks, planted files, modes, full disks, bad settings.

Each case asserts the outcome (refused with one clear message, or done as intended) and that
nothing is lost: the database is byte-identical afterwards unless the change was meant to land.
Real files and real processes; "another account" is ``nobody`` via ``setpriv``.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from ssa_tui.store import DatabaseUnusable, Repository, SharedTinyDB, WriteFailed, audit
from ssa_tui.store.config import config_is_protected
from ssa_tui.store.storage import backups_dir, lock_path

NOBODY = 65534


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("SSA_TUI_CONFIG", "SSA_TUI_LOCK_TIMEOUT", "SSA_TUI_EXCHANGE_DIR"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "db.json"
    Repository(path, user="setup", create=True).create("contacts", {"name": "Anna"})
    return path


@pytest.fixture
def shared() -> Path:
    """A folder outside pytest's root-only tmp, so that ``nobody`` can reach what is inside."""
    folder = Path(tempfile.mkdtemp(prefix="ssa-hostile-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def ssa(
    *args: str, env: dict[str, str] | None = None, nobody: bool = False, **popen
) -> subprocess.CompletedProcess:
    """``ssa-tui ARGS`` as a real process; ``nobody``: run by an unprivileged account."""
    drop = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"] if nobody else []
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SSA_TUI_")} | (env or {})
    return subprocess.run(
        [*drop, sys.executable, "-m", "ssa_tui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        stdin=subprocess.DEVNULL,
        **popen,
    )


def one_line(result: subprocess.CompletedProcess) -> str:
    """The single stderr line of a refused command (and never a traceback)."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def nobodys_db(shared: Path, *, db_owner: int = NOBODY) -> Path:
    """A database in a folder that belongs to ``nobody`` (the service account of these tests)."""
    data = shared / "data"
    data.mkdir()
    db = data / "db.json"
    Repository(db, user="setup", create=True).create("contacts", {"name": "Anna"})
    for path in (data, *data.iterdir()):
        os.chown(path, NOBODY, NOBODY)
    for path in backups_dir(db).iterdir():
        os.chown(path, NOBODY, NOBODY)
    os.chown(db, db_owner, db_owner)
    return db


# -- symlinks and planted files -------------------------------------------------------------


def test_a_symlinked_db_is_written_through_and_stays_a_link(db: Path, tmp_path: Path) -> None:
    link = tmp_path / "elsewhere" / "db.json"
    link.parent.mkdir()
    link.symlink_to(db)
    Repository(link, user="anna").create("contacts", {"name": "Über den Link"})
    assert link.is_symlink() and os.readlink(link) == str(db)
    assert [c["name"] for c in Repository(db, user="x").records("contacts")] == ["Anna", "Über den Link"]
    # Side files live beside the real file, for every way of naming it.
    assert not (link.parent / "db.json.audit.jsonl").exists() and not lock_path(link).exists()
    assert [c.after["name"] for c in audit.read(db) if c.action == "create"][-1] == "Über den Link"


def test_planted_temp_file_symlinks_receive_nothing_and_are_swept(db: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"unberuehrt")
    planted = [db.with_name(f".db.json.{pid}.{'a' * 32}.tmp") for pid in (os.getpid(), 1, 99999)]
    for link in planted:
        link.symlink_to(victim)
    Repository(db, user="anna").create("contacts", {"name": "Neu"})
    assert victim.read_bytes() == b"unberuehrt"
    assert not any(os.path.lexists(link) for link in planted)
    assert Repository(db, user="x").count("contacts") == 2


def test_a_planted_folder_with_a_temp_name_does_not_stop_writes(db: Path) -> None:
    planted = db.with_name(f".db.json.{os.getpid()}.{'b' * 32}.tmp")
    planted.mkdir()
    Repository(db, user="anna").create("contacts", {"name": "Trotzdem"})
    assert [c["name"] for c in Repository(db, user="x").records("contacts")] == ["Anna", "Trotzdem"]


def test_a_symlinked_audit_log_is_refused_and_nothing_changes(db: Path, tmp_path: Path) -> None:
    victim = tmp_path / "authorized_keys"
    victim.write_bytes(b"ssh-ed25519 AAAA\n")
    log = audit.audit_path(db)
    log.unlink()
    log.symlink_to(victim)
    before = db.read_bytes()
    with pytest.raises(WriteFailed) as refused:
        Repository(db, user="anna").create("contacts", {"name": "⏎ssh-ed25519 BÖSE"})
    assert str(refused.value).startswith(f"Änderungsprotokoll {log} lässt sich nicht schreiben (")
    assert db.read_bytes() == before and victim.read_bytes() == b"ssh-ed25519 AAAA\n"


def test_a_symlinked_lock_file_is_refused_and_its_target_untouched(db: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"x" * 10)
    lock_path(db).unlink()
    lock_path(db).symlink_to(victim)
    before = db.read_bytes()
    with pytest.raises(DatabaseUnusable, match=f"^Sperrdatei {lock_path(db)} lässt sich nicht öffnen: "):
        Repository(db, user="anna").create("contacts", {"name": "Neu"})
    assert db.read_bytes() == before and victim.read_bytes() == b"x" * 10


# -- modes, whatever the umask --------------------------------------------------------------


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_every_file_the_store_creates_is_0660_in_the_dbs_group(tmp_path: Path, umask: int) -> None:
    data = tmp_path / "data"
    data.mkdir()
    os.chown(data, 0, NOBODY)  # the office's group; our own (root) is a different one
    db = data / "db.json"
    assert ssa("--db", str(db), "init", umask=umask).returncode == 0
    csv = tmp_path / "k.csv"
    csv.write_text("Name\nNeu\n")
    for args in (["import", "contacts", str(csv)], ["backup"], ["backup", "-o", str(tmp_path / "copy.json")]):
        result = ssa("--db", str(db), *args, umask=umask)
        assert result.returncode == 0, result.stderr
    created = [db, lock_path(db), audit.audit_path(db), *backups_dir(db).iterdir(), tmp_path / "copy.json"]
    assert len(created) == 6  # db, lock, audit, one automatic and one manual backup, the -o copy
    for path in created:
        info = os.stat(path)
        assert (oct(stat.S_IMODE(info.st_mode)), info.st_gid) == (oct(0o660), NOBODY), path
    folder = os.stat(backups_dir(db))
    assert (oct(stat.S_IMODE(folder.st_mode)), folder.st_gid) == (oct(0o2770), NOBODY)


# -- the audit log: before the commit, whole, or not at all ---------------------------------


def test_an_audit_log_in_the_way_refuses_the_change_and_names_the_file(db: Path) -> None:
    log = audit.audit_path(db)
    log.unlink()
    log.mkdir()  # unwritable for anyone, root included
    before = db.read_bytes()
    result = ssa("--db", str(db), "import", "contacts", str(_csv(db.parent)))
    assert result.returncode == 1
    assert one_line(result).startswith(f"Änderungsprotokoll {log} lässt sich nicht schreiben (")
    assert "die Änderung wurde nicht gespeichert" in result.stderr
    assert db.read_bytes() == before
    assert not list(backups_dir(db).glob("*.tmp")) and not list(db.parent.glob(".db.json.*.tmp"))


def test_an_audit_log_the_account_may_not_write_refuses_the_change(shared: Path) -> None:
    db = nobodys_db(shared)
    log = audit.audit_path(db)
    os.chown(log, 0, 0)
    log.chmod(0o644)
    before, logged = db.read_bytes(), log.read_bytes()
    result = ssa("--db", str(db), "import", "contacts", str(_csv(shared)), nobody=True)
    assert result.returncode == 1
    assert one_line(result).startswith(
        f"Änderungsprotokoll {log} lässt sich nicht schreiben (keine Berechtigung)"
    )
    assert db.read_bytes() == before and log.read_bytes() == logged


def _grow_audit_beyond_db(db: Path) -> None:
    repository = Repository(db, user="anna")
    for n in range(4):
        repository.update("contacts", 1, {"notes": str(n) * 1500}, expected_rev=n + 1)
    assert audit.audit_path(db).stat().st_size > 2 * db.stat().st_size


@pytest.mark.parametrize("room", [0, 40], ids=["no-room", "room-for-part-of-the-line"])
def test_a_full_disk_at_the_audit_log_refuses_the_change_and_cuts_nothing(db: Path, room: int) -> None:
    _grow_audit_beyond_db(db)
    log = audit.audit_path(db)
    before, logged = db.read_bytes(), log.read_bytes()
    limit = len(logged) + room  # the new db fits (it is smaller), the audit line does not
    code = (
        "import atexit, resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, resource.RLIM_INFINITY))\n"
        # Room again at exit (atexit runs last-in first): coverage's own data file must fit.
        "atexit.register(resource.setrlimit, resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY,) * 2)\n"
        "from ssa_tui.store import Repository, WriteFailed\n"
        f"repo = Repository({str(db)!r}, user='anna')\n"
        "try:\n"
        "    repo.update('contacts', 1, {'notes': 'zu viel'}, expected_rev=5)\n"
        "except WriteFailed as error:\n"
        "    print(error); sys.exit(3)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 3, result.stderr
    assert result.stdout.startswith(f"Änderungsprotokoll {log} lässt sich nicht schreiben (")
    assert db.read_bytes() == before and log.read_bytes() == logged
    # Afterwards, with room again, the same change goes through and is audited once.
    Repository(db, user="anna").update("contacts", 1, {"notes": "zu viel"}, expected_rev=5)
    assert [c.after["notes"] for c in audit.read(db)][-1] == "zu viel"


def test_a_replace_that_fails_after_the_audit_takes_the_audit_entry_back(db: Path) -> None:
    shutil.rmtree(backups_dir(db))
    backups_dir(db).write_text("kein Ordner")  # the backup step (after the audit) fails
    before, logged = db.read_bytes(), audit.audit_path(db).read_bytes()
    with pytest.raises(WriteFailed) as refused:
        Repository(db, user="anna").create("contacts", {"name": "Neu"})
    assert str(refused.value).startswith(f"Speichern fehlgeschlagen bei {backups_dir(db)}")
    assert db.read_bytes() == before and audit.audit_path(db).read_bytes() == logged


def test_a_torn_last_audit_line_does_not_swallow_the_next_entry(db: Path) -> None:
    log = audit.audit_path(db)
    with open(log, "ab") as handle:
        handle.write(b'{"at":"2026-11-27T10:00:00+01:00","user":"abgebr')  # a writer killed mid-line
    Repository(db, user="britta").create("contacts", {"name": "Nach dem Absturz"})
    lines = log.read_bytes().split(b"\n")
    assert lines[-1] == b"" and lines[-3].endswith(b'"user":"abgebr')
    assert json.loads(lines[-2])["after"]["name"] == "Nach dem Absturz"
    assert [c.after["name"] for c in audit.read(db)] == ["Anna", "Nach dem Absturz"]


def test_an_unreadable_or_garbled_audit_log_gives_one_line_not_a_traceback(db: Path, shared: Path) -> None:
    log = audit.audit_path(db)
    with open(log, "ab") as handle:
        handle.write(b"\xff\xfe kaputt\n[1, 2]\n")
    result = ssa("audit", "--db", str(db))
    assert result.returncode == 0 and result.stderr == "" and "Anna" in result.stdout
    log.unlink()
    log.mkdir()
    result = ssa("audit", "--db", str(db))
    assert result.returncode == 2
    assert one_line(result).startswith(f"Änderungsprotokoll {log} ist nicht lesbar: ")
    private = nobodys_db(shared)
    audit.audit_path(private).chmod(0o600)
    os.chown(audit.audit_path(private), 0, 0)
    result = ssa("audit", "--db", str(private), nobody=True)
    assert result.returncode == 2
    assert (
        one_line(result)
        == f"Änderungsprotokoll {audit.audit_path(private)} ist nicht lesbar: keine Berechtigung"
    )


# -- bad environment, bad settings, bad shapes ----------------------------------------------


@pytest.mark.parametrize("value", ["nan", "abc", "-1", "inf", "1e400"])
def test_a_bad_lock_timeout_is_one_message_and_exit_2(db: Path, value: str) -> None:
    before = db.read_bytes()
    result = ssa(
        "--db", str(db), "import", "contacts", str(_csv(db.parent)), env={"SSA_TUI_LOCK_TIMEOUT": value}
    )
    assert result.returncode == 2
    assert one_line(result) == (
        f"SSA_TUI_LOCK_TIMEOUT={value!r} ist keine gültige Wartezeit – bitte Sekunden als Zahl ab 0 angeben (z. B. 10)."
    )
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('roles = "editor"\n', "„roles“ muss ein Abschnitt sein"),
        ('[roles]\nanna = "admin"\n', "[roles] anna = 'admin': diese Rolle gibt es nicht"),
        ("[roles]\nanna = true\n", "[roles] anna = True: diese Rolle gibt es nicht"),
        ("[roles\n", "ist kein gültiges TOML"),
    ],
)
def test_a_bad_roles_file_is_one_message_and_exit_2(db: Path, text: str, problem: str) -> None:
    (db.parent / "ssa-tui.toml").write_text(text)
    before = db.read_bytes()
    result = ssa("--db", str(db), "--user", "anna", "import", "contacts", str(_csv(db.parent)))
    assert result.returncode == 2
    line = one_line(result)
    assert line.startswith(f"Einstellungsdatei {db.parent / 'ssa-tui.toml'}") and problem in line
    assert db.read_bytes() == before


def test_roles_the_service_account_could_rewrite_are_refused_in_a_team_session(shared: Path) -> None:
    db = nobodys_db(shared)
    beside = db.parent / "ssa-tui.toml"
    beside.write_text('[roles]\nanna = "editor"\n')  # root-owned 644, but in the account's folder
    before = db.read_bytes()
    result = ssa("--db", str(db), "--user", "anna", "import", "contacts", str(_csv(shared)), nobody=True)
    assert result.returncode == 2
    assert one_line(result).startswith(
        f"Einstellungsdatei {beside} ist nicht geschützt: {db.parent} ist für das Konto nobody beschreibbar"
    )
    assert db.read_bytes() == before
    assert config_is_protected(beside, NOBODY) == result.stderr.strip()
    etc = shared / "etc" / "ssa-tui.toml"
    etc.parent.mkdir()
    shutil.copy(beside, etc)
    assert config_is_protected(etc, NOBODY) is None
    result = ssa(
        "--db", str(db), "--user", "anna", "--config", str(etc), "import", "contacts", str(_csv(shared))
    )
    assert result.returncode == 0, result.stderr


def _file(path: Path, *, owner: int = 0, mode: int = 0o644) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('[roles]\nanna = "editor"\n')
    os.chown(path, owner, owner)
    path.chmod(mode)
    return path


def test_a_root_owned_644_file_in_a_root_folder_is_protected(shared: Path) -> None:
    assert config_is_protected(_file(shared / "etc" / "ssa-tui.toml"), NOBODY) is None


@pytest.mark.parametrize(
    ("owner", "mode", "folder_owner", "writable"),
    [
        (NOBODY, 0o644, 0, "file"),  # owner may chmod
        (0, 0o666, 0, "file"),  # world-writable
        (0, 0o644, NOBODY, "folder"),  # may replace the file
    ],
)
def test_a_file_the_account_could_rewrite_is_named_with_the_fix(
    shared: Path, owner: int, mode: int, folder_owner: int, writable: str
) -> None:
    path = _file(shared / "etc" / "ssa-tui.toml", owner=owner, mode=mode)
    os.chown(path.parent, folder_owner, folder_owner)
    problem = config_is_protected(path, NOBODY)
    place = path if writable == "file" else path.parent
    assert problem is not None
    assert problem.startswith(
        f"Einstellungsdatei {path} ist nicht geschützt: {place} ist für das Konto nobody"
    )
    assert (
        "sudo install -D -o root -g root -m 644" in problem
        and "--config /etc/ssa-tui/ssa-tui.toml" in problem
    )


def test_group_write_counts_only_for_the_accounts_groups(shared: Path) -> None:
    path = _file(shared / "etc" / "ssa-tui.toml", mode=0o664)  # group root: nobody is not in it
    assert config_is_protected(path, NOBODY) is None
    os.chown(path, 0, NOBODY)
    assert config_is_protected(path, NOBODY) is not None


def test_a_symlink_in_the_accounts_folder_is_not_protected(shared: Path) -> None:
    real = _file(shared / "etc" / "ssa-tui.toml")
    link = shared / "data" / "ssa-tui.toml"
    link.parent.mkdir()
    os.chown(link.parent, NOBODY, NOBODY)
    link.symlink_to(real)
    assert f"{link.parent} ist für das Konto nobody" in config_is_protected(link, NOBODY)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data["contacts"]["1"].pop("id"),
        lambda data: data["contacts"]["1"].update(id=2),
        lambda data: data["contacts"]["1"].update(id=True),
        lambda data: data["contacts"]["1"].update(id="1"),
        lambda data: data.update(_meta=[1, 2]),
        lambda data: data.update(_meta={"1": "x"}),
        lambda data: data["_meta"]["1"].update(next_ids={"contacts": "zwei"}),
        lambda data: data["_meta"].update({"2": {}}),
        lambda data: data["contacts"].update({"²": data["contacts"]["1"]}),
        lambda data: data["contacts"]["1"].update(rev=None),
        lambda data: data["contacts"]["1"].pop("rev"),
    ],
    ids=[
        "id-missing",
        "id-differs",
        "id-bool",
        "id-text",
        "meta-list",
        "meta-text",
        "meta-next-ids",
        "meta-two",
        "key-superscript-two",
        "rev-null",
        "rev-missing",
    ],
)
def test_records_without_their_id_and_a_bent_meta_table_are_refused(db: Path, damage) -> None:
    data = json.loads(db.read_bytes())
    damage(data)
    db.write_text(json.dumps(data))
    before = db.read_bytes()
    for args in (["check"], ["import", "contacts", str(_csv(db.parent))]):
        result = ssa("--db", str(db), *args)
        assert result.returncode == 2
        assert one_line(result).startswith(f"Datenbank {db} ist beschädigt (")
    assert db.read_bytes() == before


def test_a_plain_tinydb_write_of_a_bent_shape_is_refused(db: Path) -> None:
    before = db.read_bytes()
    tiny = SharedTinyDB(db)
    with pytest.raises(WriteFailed, match="fehlerhafte Form"):
        tiny.table("contacts").insert({"name": "ohne id"})
    assert db.read_bytes() == before


def test_an_integer_beyond_64_bits_is_a_clean_error_not_a_traceback(db: Path) -> None:
    before = db.read_bytes()
    repository = Repository(db, user="anna")
    with pytest.raises(WriteFailed) as refused:
        with repository.storage.transaction() as data:
            data["contacts"]["1"] = {**data["contacts"]["1"], "capacity": 99999999999999999999999}
    assert str(refused.value).startswith("Nicht gespeichert: ein Wert lässt sich nicht speichern (")
    assert db.read_bytes() == before


# -- the files beside the db: replace, link, back up ----------------------------------------


def test_a_db_the_account_cannot_link_is_backed_up_by_copy_and_check_says_why(shared: Path) -> None:
    db = nobodys_db(shared, db_owner=0)  # copied in by root: 644, not the account's
    db.chmod(0o644)
    old = db.read_bytes()
    result = ssa("--db", str(db), "check", nobody=True)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"Datenbank {db} gehört nicht dem Konto nobody: Sicherungen müssen kopiert statt verlinkt werden. "
        f"Abhilfe: sudo chown nobody {db} && sudo chmod 660 {db}"
    )
    kept = set(backups_dir(db).iterdir())
    result = ssa("--db", str(db), "import", "contacts", str(_csv(shared)), nobody=True)
    assert result.returncode == 0, result.stderr
    (new_backup,) = set(backups_dir(db).iterdir()) - kept
    assert new_backup.read_bytes() == old  # the version replaced, copied: not skipped
    assert ssa("--db", str(db), "check", nobody=True).returncode == 0  # the new db is the account's


def test_a_db_folder_the_account_cannot_write_is_reported_by_check(shared: Path) -> None:
    db = nobodys_db(shared)
    os.chown(db.parent, 0, 0)
    result = ssa("--db", str(db), "check", nobody=True)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0].startswith(
        f"Datenbank {db} kann vom Konto nobody nicht ersetzt werden (Ordner {db.parent} nicht beschreibbar)"
    )


@pytest.mark.parametrize(
    "where", ["missing-folder", "onto-the-db", "onto-the-audit-log", "folder-is-a-file", "symlink"]
)
def test_backup_to_a_bad_place_is_one_line_exit_2_and_writes_nothing(
    db: Path, tmp_path: Path, where: str
) -> None:
    (tmp_path / "file").write_text("x")
    (tmp_path / "link.json").symlink_to(tmp_path / "file")
    target = {
        "missing-folder": tmp_path / "fehlt" / "b.json",
        "onto-the-db": db,
        "onto-the-audit-log": audit.audit_path(db),
        "folder-is-a-file": tmp_path / "file" / "b.json",
        "symlink": tmp_path / "link.json",
    }[where]
    before, logged = db.read_bytes(), audit.audit_path(db).read_bytes()
    result = ssa("--db", str(db), "backup", "-o", str(target), "--force")
    assert result.returncode == 2
    one_line(result)
    assert db.read_bytes() == before and audit.audit_path(db).read_bytes() == logged
    assert (tmp_path / "file").read_text() == "x"


def test_backup_into_a_folder_the_account_cannot_write_is_one_line(shared: Path) -> None:
    db = nobodys_db(shared)
    closed = shared / "closed"
    closed.mkdir()  # root's, 755
    result = ssa("--db", str(db), "backup", "-o", str(closed / "b.json"), nobody=True)
    assert result.returncode == 2
    assert (
        one_line(result) == f"Datei {closed / 'b.json'} konnte nicht geschrieben werden (keine Berechtigung)."
    )
    assert list(closed.iterdir()) == []


def test_backup_replaces_an_existing_file_only_with_force(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "b.json"
    target.write_text("alt")
    result = ssa("--db", str(db), "backup", "-o", str(target))
    assert result.returncode == 2 and "--force" in one_line(result)
    assert target.read_text() == "alt"
    assert ssa("--db", str(db), "backup", "-o", str(target), "--force").returncode == 0
    assert target.read_bytes() == db.read_bytes()


def _csv(folder: Path) -> Path:
    path = folder / "neu.csv"
    path.write_text("Name\nNeu\n", encoding="utf-8")
    path.chmod(0o644)
    return path


def test_a_symlinked_settings_file_is_judged_by_where_it_leads(shared: Path) -> None:
    target = _file(shared / "offen" / "ssa-tui.toml")
    os.chown(target.parent, NOBODY, NOBODY)  # the account may replace the real file
    link = shared / "etc" / "ssa-tui.toml"
    link.parent.mkdir()
    link.symlink_to(target)
    problem = config_is_protected(link, NOBODY)
    assert problem is not None
    assert problem.startswith(
        f"Einstellungsdatei {link} ist nicht geschützt: {target.parent} ist für das Konto nobody"
    )


def test_an_account_without_a_passwd_entry_is_named_by_its_number(shared: Path) -> None:
    stranger = 54_321  # no passwd entry: no groups, shown as its number
    path = _file(shared / "etc" / "ssa-tui.toml", owner=stranger)
    problem = config_is_protected(path, stranger)
    assert problem is not None
    assert problem.startswith(f"Einstellungsdatei {path} ist nicht geschützt: {path} ist für das Konto 54321")
    group_only = _file(shared / "etc2" / "ssa-tui.toml", mode=0o664)
    os.chown(group_only, 0, stranger)
    assert config_is_protected(group_only, stranger) is None  # in no group: group write is not its


def test_a_folder_in_place_of_the_database_is_an_unusable_database(tmp_path: Path) -> None:
    folder = tmp_path / "db.json"
    folder.mkdir()
    result = ssa("--db", str(folder), "--user", "anna", "check")
    assert result.returncode == 2
    assert one_line(result) == f"Datenbank {folder} ist nicht lesbar: ist ein Ordner"


@pytest.mark.parametrize("value", ["-1", "nan", "inf", "zehn"])
def test_a_lock_timeout_that_is_no_waiting_time_is_refused_before_any_write(db: Path, value: str) -> None:
    before = db.read_bytes()
    result = ssa(
        "--db",
        str(db),
        "--user",
        "anna",
        "import",
        "contacts",
        str(_csv(db.parent)),
        env={"SSA_TUI_LOCK_TIMEOUT": value},
    )
    assert result.returncode == 2
    assert one_line(result).startswith(f"SSA_TUI_LOCK_TIMEOUT={value!r} ist keine gültige Wartezeit")
    assert db.read_bytes() == before


def test_tinydb_s_whole_write_refuses_a_broken_shape(db: Path) -> None:
    repository = Repository(db, user="anna")
    before = db.read_bytes()
    data = repository.storage.read()
    with pytest.raises(WriteFailed) as refused:
        repository.storage.write({**data, "contacts": {"1": "kein Datensatz"}})
    assert str(refused.value).startswith(
        "Nicht gespeichert, die Datenbank hätte danach eine fehlerhafte Form: "
    )
    assert db.read_bytes() == before
