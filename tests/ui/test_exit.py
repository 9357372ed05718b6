"""The program ends with its terminal: hang-up, SIGTERM or a closed window, on every screen.

Each run is the real program in its own tmux server; the process is found by its own database
path. Before the fix 2 of 10 runs hung in ``Queue.put`` (the hang-up's SIGCONT restarted Textual's
output on the dead terminal), so closing 20 times is the proof, not one run.
"""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest

LOADED = "von"  # the count line ("5 von 5"): the first list is filled


@pytest.fixture
def fresh_db(demo_db: Path, tmp_path: Path):
    """A copy of the demo database per run, so each run's process is found by its own path."""
    counter = iter(range(1000))

    def make() -> Path:
        path = tmp_path / f"run{next(counter)}" / "db.json"
        path.parent.mkdir()
        shutil.copy(demo_db, path)
        return path

    return make


def test_closing_the_terminal_ends_the_program_every_time(fresh_db, open_terminal, program_processes) -> None:
    left = {}
    for run in range(20):
        db = fresh_db()
        terminal = open_terminal(db)
        if run % 3 == 1:
            terminal.wait_for("Schulsozialarbeit")  # the first frame, list maybe still loading
        elif run % 3 == 2:
            terminal.wait_for(LOADED)
        # run % 3 == 0: closed during start-up
        terminal.close()
        still = program_processes.gone_within(db, 3.0)
        if still:
            left[run] = still
            for pid in still:
                os.kill(pid, signal.SIGKILL)
        if db.with_name(db.name + ".errors.log").exists():  # an exit mid start-up is no crash
            left[run] = db.with_name(db.name + ".errors.log").read_text()
    assert left == {}


SCREENS = {
    "list": ([], LOADED),
    "form": (["n"], "Neu: Stelle"),
    "dropdown": (["n", "Tab", "Tab", "Enter"], "Weiterbildungskolleg"),
    "help": (["?"], "Tasten"),
    "palette": (["C-p"], "Befehl suchen"),
    "audit": (["a"], "Änderungsprotokoll"),
}


def _open(terminal, screen: str) -> None:
    keys, shows = SCREENS[screen]
    terminal.wait_for(LOADED)
    for key in keys:
        terminal.keys(key)
        if key == "n":
            terminal.wait_for("Neu: Stelle")
    terminal.wait_for(shows)


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_a_stop_signal_ends_the_program_on_every_screen(
    fresh_db, open_terminal, program_processes, screen: str, signum: int
) -> None:
    """Sent to the process while its terminal stays open: it exits with 128 + the signal."""
    db = fresh_db()
    terminal = open_terminal(db)
    _open(terminal, screen)
    os.kill(terminal.pid(), signum)
    assert program_processes.gone_within(db, 3.0) == []
    assert terminal.exit_status() == str(128 + signum)  # our handler, not the default action (-N)


@pytest.mark.parametrize("screen", ["dropdown", "form", "audit"])
def test_closing_the_terminal_with_a_screen_open(
    fresh_db, open_terminal, program_processes, screen: str
) -> None:
    db = fresh_db()
    terminal = open_terminal(db)
    _open(terminal, screen)
    terminal.close()
    assert program_processes.gone_within(db, 3.0) == []


def test_the_process_lookup_finds_the_running_program(fresh_db, open_terminal, program_processes) -> None:
    """The helper the tests above rely on sees a live program (else they could not fail)."""
    db = fresh_db()
    terminal = open_terminal(db)
    terminal.wait_for(LOADED)
    assert len(program_processes.using(db)) == 1


@pytest.mark.parametrize("screen", ["list", "dropdown"])
def test_a_closed_terminal_ends_the_program_when_its_leader_ignores_the_hang_up(
    fresh_db, open_terminal, program_processes, screen: str
) -> None:
    """The kernel sends SIGHUP to the session leader only; here the leader ignores it, so the
    program must notice the hang-up itself (before the fix it read end-of-file in a busy loop,
    for ever). It ends as on a SIGHUP: code 129."""
    db = fresh_db()
    terminal = open_terminal(db, deaf_leader=True)
    _open(terminal, screen)
    pid = terminal.pid()
    terminal.close()
    still = program_processes.gone_within(db, 3.0)
    for left in still:
        os.kill(left, signal.SIGKILL)
    assert still == [] and pid not in program_processes.using(db)
    assert terminal.exit_status() == str(128 + signal.SIGHUP)
