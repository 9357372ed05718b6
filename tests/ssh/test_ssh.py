"""End to end over a real OpenSSH server: forced commands per key, as the README sets it up."""

from __future__ import annotations

import os
import re
import signal
import subprocess

import filelock
import pytest

from ssa_tui.store import Repository, audit
from ssa_tui.store.storage import lock_path

pytestmark = pytest.mark.slow


def test_a_record_added_over_ssh_names_the_person_in_the_audit_log(server, terminals, ssh) -> None:
    server.add_person("anna")
    terminal = terminals("anna", server.ssh_command("anna", "-tt"))
    terminal.wait_for("anna · Bearbeitung")
    terminal.keys("n")
    terminal.wait_for_cursor_after("Schule *")  # the new form has the focus on its first field
    terminal.text("Schule über SSH")
    terminal.wait_for("Schule über SSH")
    terminal.keys("C-s")
    terminal.wait_for("Gespeichert")
    terminal.keys("q")
    ssh.wait_gone(server.db)
    created = [
        c
        for c in audit.read(server.db)
        if c.action == "create" and c.after.get("school") == "Schule über SSH"
    ]
    assert [c.user for c in created] == ["anna"]


def test_two_sessions_on_one_record_the_second_save_is_refused(server, terminals, ssh) -> None:
    server.add_person("anna")
    server.add_person("bernd")
    sessions = {
        name: terminals(name, server.ssh_command(name, "-tt"), size=(100, 30)) for name in ("anna", "bernd")
    }
    for name, terminal in sessions.items():
        terminal.wait_for(f"{name} · Bearbeitung")  # typed at once: the keys wait for the first load
        terminal.keys("4", "/")
        terminal.text("Thulfaut")
        terminal.keys("Enter", "Enter")
        terminal.wait_for_cursor_after("Britta Thulfaut")  # the form has focus on the name
        terminal.text(f" {name}")
        typed = re.compile(rf"Britta Thulfaut {name}\s*$", re.M)  # the whole value, nothing after it
        ssh.wait_until(lambda: typed.search(terminal.screen()), 20, f"the name with {name!r} appended")
    sessions["anna"].keys("C-s")
    sessions["anna"].wait_for("Gespeichert")
    sessions["bernd"].keys("C-s")
    sessions["bernd"].wait_for("Jemand anderes hat diesen Datensatz geändert")
    assert Repository(server.db, user="t").get("contacts", 1)["name"] == "Britta Thulfaut anna"


def test_a_viewer_key_changes_nothing(server, terminals, ssh) -> None:
    server.add_person("praktikum", read_only=True)
    lock_path(server.db).unlink()  # left by the demo set-up; a viewer must not create it again
    before = server.db.read_bytes()
    terminal = terminals("praktikum", server.ssh_command("praktikum", "-tt"))
    screen = terminal.wait_for("praktikum · nur lesen")
    assert "Neu" not in screen and "Löschen" not in screen
    terminal.keys("n", "d", "j", "Enter")
    terminal.wait_for("Esc Schließen")  # the record, opened read-only
    terminal.text("Neuer Name")
    terminal.keys("C-s")
    terminal.wait_for("Nur Lesezugriff")
    terminal.keys("Escape", "Escape", "q")
    ssh.wait_gone(server.db)
    assert server.db.read_bytes() == before
    assert not lock_path(server.db).exists()


def test_a_lost_connection_mid_edit_leaves_a_valid_db_and_no_lock(server, terminals, ssh) -> None:
    server.add_person("anna")
    before = server.db.read_bytes()
    terminal = terminals("anna", server.ssh_command("anna", "-tt"))
    terminal.wait_for("anna · Bearbeitung")
    terminal.keys("1", "Enter")
    terminal.text(" halb getippt")
    assert ssh.processes_using(server.db)
    terminal.close()  # the client goes away: sshd hangs up on the session (SIGHUP)
    ssh.wait_gone(server.db)
    assert server.db.read_bytes() == before
    filelock.FileLock(lock_path(server.db)).acquire(timeout=1).lock.release()
    again = terminals("anna-2", server.ssh_command("anna", "-tt"))
    again.wait_for("anna · Bearbeitung")


def test_without_a_terminal_one_line_and_exit_2(server, ssh) -> None:
    server.add_person("anna")
    result = subprocess.run(
        server.ssh_command("anna", "-T"), capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=30
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "ssa-tui braucht ein Terminal (bei SSH: ssh -t). Für Skripte: ssa-tui --help."
    ]
    ssh.wait_gone(server.db)


@pytest.mark.parametrize("term", ["xterm-256color", "xterm", "screen"])
def test_plain_terminals_and_a_resize(server, terminals, ssh, term: str) -> None:
    server.add_person("anna")
    terminal = terminals("anna", server.ssh_command("anna", "-tt"), size=(80, 24), term=term)
    screen = terminal.wait_for("anna · Bearbeitung")
    # capture-pane shows text, never escapes: what must hold is that the text arrives whole
    # (UTF-8 umlauts and the header intact, no replacement characters from a wrong locale).
    assert "Schulsozialarbeit Kreis Soest" in screen and "1 Stellen" in screen
    assert "\ufffd" not in screen and "Ã" not in screen
    terminal.resize(120, 40)
    wide = terminal.wait_for("6 Themen")
    assert len(wide.splitlines()) >= 39
    terminal.keys("q")
    ssh.wait_gone(server.db)


def test_twenty_sessions_closed_in_every_way_leave_no_process_after_3_s(server, terminals, ssh) -> None:
    """Issue 16: a dropped connection must never leave a session process behind.

    Half the sessions are closed as soon as ssa-tui runs (during start-up), half once the first
    screen is shown; each closed by killing its terminal (tmux: SIGHUP to the client) or by
    SIGHUP/SIGKILL to the ssh client (sshd then hangs up on the session).
    """
    server.add_person("anna")
    for round_ in range(20):
        terminal = terminals(f"round{round_}", server.ssh_command("anna", "-tt"))
        if round_ % 2:
            terminal.wait_for("anna · Bearbeitung")
        else:
            ssh.wait_until(lambda: ssh.processes_using(server.db), 20, "ssa-tui to start")
        way = round_ % 4
        if way < 2:
            terminal.close()
        else:
            os.kill(terminal.client_pid(), signal.SIGHUP if way == 2 else signal.SIGKILL)
        ssh.wait_gone(server.db, timeout=3)
