from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from datetime import datetime
from pathlib import Path

import pytest

from ssa_tui.demo import build
from ssa_tui.store import Repository
from ssa_tui.store.repository import OFFICE_TIME
from ssa_tui.ui.app import SsaApp, build_app

FIXED_NOW = datetime(2026, 11, 24, 10, 0, tzinfo=OFFICE_TIME)


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots must not depend on the caller's colour or theme settings."""
    for name in ("NO_COLOR", "TEXTUAL_THEME", "COLORTERM", "TEXTUAL_COLOR_SYSTEM"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "db.json"
    build(path)
    return path


@pytest.fixture
def make_app(demo_db: Path):
    """An app on the demo database for user ``britta`` (or ``user``) with a frozen clock."""

    def make(*, read_only: bool = False, db: Path | None = None, user: str = "britta") -> SsaApp:
        repository = Repository(db or demo_db, user=user, read_only=read_only, clock=lambda: FIXED_NOW)
        return build_app(repository, clock=lambda: FIXED_NOW)

    return make


# -- the real program in a real terminal ------------------------------------------------------
# Each Terminal starts a tmux server of its own (``tmux -L <unique>``), so tests neither share
# the default server nor see other sessions. Processes are found by the database path in their
# command line (``/proc/*/cmdline``), never by a pattern over every process of the machine.
# Waits poll the screen's content; PATIENCE only bounds how long a broken program is waited for.

PROGRAM = str(Path(sys.executable).with_name("ssa-tui"))
WAITER = (
    "import subprocess, sys; code = subprocess.call(sys.argv[2:]); open(sys.argv[1], 'w').write(str(code))"
)
DEAF = "import signal; signal.signal(signal.SIGHUP, signal.SIG_IGN); "
#: The environment of the tmux server and so of the program: without COLUMNS and LINES, which
#: Textual would take over the window's real size (pytest's own may be exported as 80).
TERMINAL_ENV = {name: value for name, value in os.environ.items() if name not in ("COLUMNS", "LINES")}
PATIENCE = 20.0  # seconds a test waits for a screen before it fails (a bound, not a measurement)


def processes_using(db: Path) -> list[int]:
    """Pids of the programs whose command line names ``db`` (not the tmux server and the waiter
    that started them, which have it in their command lines too)."""
    needle = str(db).encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        argv = cmdline.split(b"\0")
        if needle in argv and state != "Z" and b"-c" not in argv[1:2] and not argv[0].endswith(b"tmux"):
            found.append(int(entry.name))
    return found


def wait_until_gone(db: Path, seconds: float) -> list[int]:
    """The processes of ``db`` still there after at most ``seconds`` (empty: all ended)."""
    deadline = time.monotonic() + seconds
    while (left := processes_using(db)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


class Terminal:
    """One tmux window of ``width``×``height`` running ``ssa-tui --db DB``."""

    def __init__(
        self, db: Path, *args: str, width: int = 80, height: int = 24, deaf_leader: bool = False
    ) -> None:
        if not shutil.which("tmux"):
            pytest.skip("tmux missing (.ci/run installs it)")
        self.db = db
        self.server = f"ssa-{uuid.uuid4().hex[:12]}"
        self.status_file = db.with_name(db.name + f".{self.server}.status")
        # A small parent notes how the program ended: its exit code, or -N when signal N's
        # default action killed it (so a test can tell our handler from the default).
        # ``deaf_leader``: that parent ignores SIGHUP, as a wrapper or tracer may; the kernel
        # sends the hang-up to the session leader only, so the program gets none from it.
        waiter = DEAF + WAITER if deaf_leader else WAITER
        command = [sys.executable, "-c", waiter, str(self.status_file)]
        command += [PROGRAM, "--db", str(db), "--user", "britta", *args]
        self.tmux("new-session", "-d", "-s", "main", "-x", str(width), "-y", str(height), *command)

    def tmux(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["tmux", "-L", self.server, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            env=TERMINAL_ENV,
        )

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "main").stdout

    def wait_for(self, *texts: str) -> str:
        """The screen once it shows every one of ``texts``."""
        deadline = time.monotonic() + PATIENCE
        while True:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"never showed {texts!r}; screen:\n{screen}")
            time.sleep(0.02)

    def keys(self, *keys: str) -> None:
        """Named keys (``Enter``, ``Escape``, ``C-s``), each its own write."""
        self.tmux("send-keys", "-t", "main", *keys)

    def write(self, text: str) -> None:
        """``text`` as one write to the terminal, as a paste or a bundled SSH packet arrives."""
        self.tmux("send-keys", "-t", "main", "-l", text)

    def exit_status(self) -> str:
        """How the program ended: its exit code, or ``-N`` if signal N's default action killed it."""
        deadline = time.monotonic() + PATIENCE
        while not (text := self.status_file.read_text() if self.status_file.exists() else ""):
            if time.monotonic() > deadline:
                raise AssertionError("the program never ended")
            time.sleep(0.02)
        return text

    def pid(self) -> int:
        pids = processes_using(self.db)
        assert len(pids) == 1, pids
        return pids[0]

    def close(self) -> None:
        """Close the terminal (tmux kills the session: the program gets its hang-up)."""
        self.tmux("kill-server")


@pytest.fixture
def open_terminal():
    """``open_terminal(db, *args, width=80, height=24, deaf_leader=False)``: a Terminal, closed
    after the test."""
    opened = []

    def start(db: Path, *args: str, width: int = 80, height: int = 24, deaf_leader: bool = False) -> Terminal:
        opened.append(Terminal(db, *args, width=width, height=height, deaf_leader=deaf_leader))
        return opened[-1]

    yield start
    for terminal in opened:
        terminal.close()


@pytest.fixture
def program_processes():
    """The process helpers: ``.using(db)`` and ``.gone_within(db, seconds)``."""

    class Processes:
        using = staticmethod(processes_using)
        gone_within = staticmethod(wait_until_gone)

    return Processes
