"""A real OpenSSH server on 127.0.0.1 for the end-to-end tests, and tmux terminals as clients.

Every terminal runs on its own tmux server (``tmux -L``), so a test never touches another's
sessions or the machine's default server; ssa-tui processes are found by their own database
path in ``/proc/*/cmdline``, never by a user name or a pattern over every process; tests wait
for what the screen shows instead of sleeping.
"""

from __future__ import annotations

import os
import pwd
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

from ssa_tui.demo import build
from ssa_tui.team.keys import authorized_keys_line

SSHD = "/usr/sbin/sshd"
PROGRAM = str(Path(sys.executable).with_name("ssa-tui"))
#: A bare Escape is only an Escape once ESCDELAY (250 ms, set by the forced command) passed
#: without a next byte; this pause is part of the terminal protocol, not a wait for a result.
ESCAPE_PAUSE = 0.45
#: The background (24-bit RGB) of the cursor cell the app's theme draws in a focused input.
CURSOR_BACKGROUND = "224;224;224"


def ssh_tools_missing() -> str | None:
    """Why the SSH end-to-end tests cannot run here, or None."""
    if not (Path(SSHD).exists() and shutil.which("ssh") and shutil.which("tmux") and shutil.which("sftp")):
        return "OpenSSH server, client or tmux missing (.ci/run installs them with apt-get)"
    return None


def wait_until(condition: Callable[[], object], timeout: float, what: str) -> None:
    """Poll ``condition`` until it is true; fail naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


def processes_using(db: Path) -> list[int]:
    """Ids of the processes whose command line has ``db`` as one argument (our own sessions)."""
    wanted = str(db).encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if wanted in arguments:
            found.append(int(entry.name))
    return found


def wait_gone(db: Path, timeout: float = 15) -> None:
    """Every ssa-tui process on ``db`` has ended within ``timeout`` seconds."""
    try:
        wait_until(lambda: not processes_using(db), timeout, f"the ssa-tui processes on {db} to end")
    except AssertionError:
        raise AssertionError(f"still running after {timeout} s: {processes_using(db)}") from None


def start_sshd(config: Path, port: int) -> subprocess.Popen:
    """sshd in the foreground on ``port``; None-safe wait until it accepts connections."""
    Path("/run/sshd").mkdir(exist_ok=True)
    process = subprocess.Popen([SSHD, "-D", "-e", "-f", str(config)], stderr=subprocess.DEVNULL)

    def listening() -> bool:
        if process.poll() is not None:
            raise RuntimeError(f"sshd ended with {process.returncode} (port {port} taken?)")
        with socket.socket() as sock:
            return sock.connect_ex(("127.0.0.1", port)) == 0

    wait_until(listening, 10, f"sshd on port {port}")
    return process


def sshd_on_a_free_port(write_config: Callable[[int], Path]) -> tuple[subprocess.Popen, int]:
    """Start sshd with the config ``write_config(port)`` writes; another port if one was taken."""
    for _ in range(5):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        try:
            return start_sshd(write_config(port), port), port
        except RuntimeError:
            continue  # someone took the port between our probe and sshd's bind
    raise RuntimeError("no free port for sshd")


def ssh_options(key: Path, port: int) -> list[str]:
    return [
        "-i",
        str(key),
        "-p",
        str(port),
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "LogLevel=ERROR",
        "-o",
        "BatchMode=yes",
        "-o",
        "IdentitiesOnly=yes",
    ]


def new_key(path: Path) -> Path:
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", path.name, "-f", str(path)], check=True
    )
    return path


class Server:
    """sshd with its own config, host key and authorized_keys; one key per person."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.db = folder / "data" / "db.json"
        self.db.parent.mkdir()
        build(self.db)
        self.authorized = folder / "authorized_keys"
        self.keys: dict[str, Path] = {}
        host_key = new_key(folder / "host_key")

        def write_config(port: int) -> Path:
            config = folder / "sshd_config"
            config.write_text(
                f"Port {port}\nListenAddress 127.0.0.1\nHostKey {host_key}\nPidFile {folder}/sshd.pid\n"
                f"AuthorizedKeysFile {self.authorized}\nStrictModes no\nUsePAM no\nPasswordAuthentication no\n"
                "KbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\nPrintMotd no\n"
                "PrintLastLog no\nAcceptEnv none\nLogLevel ERROR\n"
            )
            return config

        self.process, self.port = sshd_on_a_free_port(write_config)

    def add_person(self, name: str, *, read_only: bool = False) -> Path:
        key = new_key(self.folder / f"key_{name}")
        line = authorized_keys_line(
            PROGRAM, self.db, name, key.with_suffix(".pub").read_text(), read_only=read_only, environ={}
        )
        with open(self.authorized, "a") as handle:
            handle.write(line + "\n")
        self.keys[name] = key
        return key

    def ssh_command(self, name: str, *options: str) -> list[str]:
        account = pwd.getpwuid(os.geteuid()).pw_name
        return ["ssh", *options, *ssh_options(self.keys[name], self.port), f"{account}@127.0.0.1"]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


class Terminal:
    """A terminal on its own tmux server running one command, typed into and read like a person would."""

    def __init__(
        self, name: str, command: list[str], size: tuple[int, int] = (80, 24), term: str = "xterm-256color"
    ) -> None:
        self.socket = f"ssa-{name}-{os.getpid()}-{time.monotonic_ns()}"
        width, height = size
        self.tmux(
            "new-session",
            "-d",
            "-s",
            "main",
            "-x",
            str(width),
            "-y",
            str(height),
            "-e",
            f"TERM={term}",
            " ".join(shlex.quote(part) for part in command),
        )

    def tmux(self, *arguments: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, *arguments], capture_output=True, text=True, check=check, timeout=30
        )

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "main", check=False).stdout

    def wait_for(self, text: str, timeout: float = 20) -> str:
        try:
            wait_until(lambda: text in self.screen(), timeout, repr(text))
        except AssertionError:
            raise AssertionError(f"{text!r} not on screen:\n{self.screen()}") from None
        return self.screen()

    def wait_for_cursor_after(self, text: str, timeout: float = 20) -> None:
        """Wait until the input cursor follows ``text`` (a value, or an empty field's label).

        Keys typed before a new form's field has the focus may go elsewhere. The cursor is seen
        in the colours (``capture-pane -e``): a cell in the theme's cursor background.
        """
        cursor = re.compile(re.escape(text) + r"(\x1b\[[0-9;]*m| )*?\x1b\[48;2;" + CURSOR_BACKGROUND + "m")

        def focused() -> bool:
            return bool(
                cursor.search(self.tmux("capture-pane", "-p", "-e", "-t", "main", check=False).stdout)
            )

        try:
            wait_until(focused, timeout, f"the cursor after {text!r}")
        except AssertionError:
            raise AssertionError(f"no cursor after {text!r} on screen:\n{self.screen()}") from None

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "main", key)
            if key == "Escape":
                time.sleep(ESCAPE_PAUSE)

    def text(self, text: str) -> None:
        self.tmux("send-keys", "-t", "main", "-l", text)

    def resize(self, width: int, height: int) -> None:
        self.tmux("resize-window", "-t", "main", "-x", str(width), "-y", str(height))

    def client_pid(self) -> int:
        """The process id of the command tmux started (the ssh client)."""
        return int(self.tmux("display-message", "-p", "-t", "main", "#{pane_pid}").stdout.strip())

    def alive(self) -> bool:
        return self.tmux("has-session", "-t", "main", check=False).returncode == 0

    def close(self) -> None:
        """Kill the tmux server: the pane's terminal goes away and its process gets SIGHUP."""
        self.tmux("kill-server", check=False)


@pytest.fixture
def server(tmp_path: Path):
    missing = ssh_tools_missing()
    if missing:
        pytest.skip(missing)
    started = Server(tmp_path)
    yield started
    started.stop()


@pytest.fixture
def terminals():
    opened: list[Terminal] = []

    def open_terminal(*args, **kwargs) -> Terminal:
        terminal = Terminal(*args, **kwargs)
        opened.append(terminal)
        return terminal

    yield open_terminal
    for terminal in opened:
        terminal.close()


@pytest.fixture(scope="session")
def ssh():
    """The helpers above for the test modules (importlib mode: they cannot import conftest)."""
    return SimpleNamespace(
        processes_using=processes_using,
        wait_gone=wait_gone,
        wait_until=wait_until,
        sshd_on_a_free_port=sshd_on_a_free_port,
        ssh_options=ssh_options,
        new_key=new_key,
        Terminal=Terminal,
        missing=ssh_tools_missing,
    )
