"""End to end over a real OpenSSH server: forced commands per key, as the README sets it up."""

from __future__ import annotations

import subprocess
import time

import filelock
import pytest

from ssa_tui.store import Repository, audit
from ssa_tui.store.storage import lock_path

pytestmark = pytest.mark.slow


def processes_of(name: str) -> list[int]:
    result = subprocess.run(["pgrep", "-f", f"ssa-tui --db .* --user {name}"], capture_output=True, text=True)
    return [int(pid) for pid in result.stdout.split()]


def wait_gone(name: str, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while processes_of(name) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not processes_of(name), f"ssa-tui of {name} still running"


def test_a_record_added_over_ssh_names_the_person_in_the_audit_log(server, terminals) -> None:
    server.add_person("anna")
    terminal = terminals("anna", server.ssh_command("anna", "-tt"))
    terminal.wait_for("anna · Bearbeitung")
    terminal.keys("n")
    terminal.wait_for("Neu: Stelle")
    terminal.text("Schule über SSH")
    terminal.keys("C-s")
    terminal.wait_for("Gespeichert")
    terminal.keys("q")
    wait_gone("anna")
    created = [
        c
        for c in audit.read(server.db)
        if c.action == "create" and c.after.get("school") == "Schule über SSH"
    ]
    assert [c.user for c in created] == ["anna"]


def test_two_sessions_on_one_record_the_second_save_is_refused(server, terminals) -> None:
    server.add_person("anna")
    server.add_person("bernd")
    sessions = {
        name: terminals(name, server.ssh_command(name, "-tt"), size=(100, 30)) for name in ("anna", "bernd")
    }
    for name, terminal in sessions.items():
        terminal.wait_for(f"{name} · Bearbeitung")
        terminal.keys("4", "/")
        terminal.text("Thulfaut")
        terminal.keys("Enter", "Enter")
        terminal.wait_for("Kontakt #1")
        terminal.keys("End")
        terminal.text(f" {name}")
    sessions["anna"].keys("C-s")
    sessions["anna"].wait_for("Gespeichert")
    sessions["bernd"].keys("C-s")
    sessions["bernd"].wait_for("Jemand anderes hat diesen Datensatz geändert")
    assert Repository(server.db, user="t").get("contacts", 1)["name"] == "Britta Thulfaut anna"


def test_a_viewer_key_changes_nothing(server, terminals) -> None:
    server.add_person("praktikum", read_only=True)
    lock_path(server.db).unlink()  # left by the demo set-up; a viewer must not create it again
    before = server.db.read_bytes()
    terminal = terminals("praktikum", server.ssh_command("praktikum", "-tt"))
    screen = terminal.wait_for("praktikum · nur lesen")
    assert "Neu" not in screen and "Löschen" not in screen
    terminal.keys("n", "d", "j", "Enter")
    terminal.text("Neuer Name")
    terminal.keys("C-s", "Escape", "Escape", "q")
    wait_gone("praktikum")
    assert server.db.read_bytes() == before
    assert not lock_path(server.db).exists()


def test_a_lost_connection_mid_edit_leaves_a_valid_db_and_no_lock(server, terminals) -> None:
    server.add_person("anna")
    before = server.db.read_bytes()
    terminal = terminals("anna", server.ssh_command("anna", "-tt"))
    terminal.wait_for("anna · Bearbeitung")
    terminal.keys("1", "Enter")
    terminal.text(" halb getippt")
    assert processes_of("anna")
    terminal.close()  # the client goes away: sshd hangs up on the session (SIGHUP)
    wait_gone("anna")
    assert server.db.read_bytes() == before
    filelock.FileLock(lock_path(server.db)).acquire(timeout=1).lock.release()
    again = terminals("anna-2", server.ssh_command("anna", "-tt"))
    again.wait_for("anna · Bearbeitung")


def test_without_a_terminal_one_line_and_exit_2(server) -> None:
    server.add_person("anna")
    result = subprocess.run(
        server.ssh_command("anna", "-T"), capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=30
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "ssa-tui braucht ein Terminal (bei SSH: ssh -t). Für Skripte: ssa-tui --help."
    ]
    time.sleep(0.5)
    assert not processes_of("anna")


@pytest.mark.parametrize("term", ["xterm-256color", "xterm", "screen"])
def test_plain_terminals_and_a_resize(server, terminals, term: str) -> None:
    server.add_person("anna")
    terminal = terminals("anna", server.ssh_command("anna", "-tt"), size=(80, 24), term=term)
    screen = terminal.wait_for("1 Stellen")
    assert "\x1b" not in screen
    terminal.resize(120, 40)
    wide = terminal.wait_for("6 Themen")
    assert len(wide.splitlines()) >= 39
    terminal.keys("q")
    wait_gone("anna")
