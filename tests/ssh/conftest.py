"""A real OpenSSH server on 127.0.0.1 for the end-to-end tests, and tmux terminals as clients."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import sys
import time
from pathlib import Path

import pytest

from ssa_tui.demo import build
from ssa_tui.team.keys import authorized_keys_line

SSHD = "/usr/sbin/sshd"
PROGRAM = str(Path(sys.executable).with_name("ssa-tui"))


def candidate_port() -> int:
    """A port free a moment ago; sshd may still lose it to another test, so :class:`Server` retries."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """sshd with its own config, host key and authorized_keys; one key per person."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.db = folder / "data" / "db.json"
        self.db.parent.mkdir()
        build(self.db)
        self.authorized = folder / "authorized_keys"
        self.keys: dict[str, Path] = {}
        host_key = folder / "host_key"
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(host_key)], check=True)
        Path("/run/sshd").mkdir(exist_ok=True)
        for _attempt in range(5):
            self.port = candidate_port()
            if self._start(folder, host_key):
                return
        raise RuntimeError("sshd did not start")

    def _start(self, folder: Path, host_key: Path) -> bool:
        """Start sshd on ``self.port``; True once sshd itself says it listens there (its own
        log line, not a connect that another program's listener could answer)."""
        config = folder / "sshd_config"
        config.write_text(
            f"Port {self.port}\nListenAddress 127.0.0.1\nHostKey {host_key}\nPidFile {folder}/sshd.pid\n"
            f"AuthorizedKeysFile {self.authorized}\nStrictModes no\nUsePAM no\nPasswordAuthentication no\n"
            "KbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\nPrintMotd no\nPrintLastLog no\n"
            "AcceptEnv none\nLogLevel INFO\n"
        )
        self.process = subprocess.Popen(
            [SSHD, "-D", "-e", "-f", str(config)], stderr=subprocess.PIPE, text=True, errors="replace"
        )
        for line in self.process.stderr:  # ends when sshd exits (e.g. the port was taken)
            if f"Server listening on 127.0.0.1 port {self.port}" in line:
                threading.Thread(target=self.process.stderr.read, daemon=True).start()  # keep draining
                return True
        self.process.wait()
        return False

    def add_person(self, name: str, *, read_only: bool = False) -> Path:
        key = self.folder / f"key_{name}"
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
        line = authorized_keys_line(
            PROGRAM, self.db, name, (key.with_suffix(".pub")).read_text(), read_only=read_only
        )
        with open(self.authorized, "a") as handle:
            handle.write(line + "\n")
        self.keys[name] = key
        return key

    def ssh_command(self, name: str, *options: str) -> list[str]:
        return [
            "ssh",
            *options,
            "-i",
            str(self.keys[name]),
            "-p",
            str(self.port),
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "LogLevel=ERROR",
            "-o",
            "BatchMode=yes",
            f"{_account()}@127.0.0.1",
        ]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def _account() -> str:
    import pwd

    return pwd.getpwuid(os.geteuid()).pw_name


class Terminal:
    """A tmux window running one ssh session, typed into and read like a person would."""

    def __init__(
        self, name: str, command: list[str], size: tuple[int, int] = (80, 24), term: str = "xterm-256color"
    ) -> None:
        self.session = f"ssa-{name}-{os.getpid()}-{time.monotonic_ns()}"
        width, height = size
        subprocess.run(
            [
                "tmux",
                "new-session",
                "-d",
                "-s",
                self.session,
                "-x",
                str(width),
                "-y",
                str(height),
                "-e",
                f"TERM={term}",
                " ".join(_quote(part) for part in command),
            ],
            check=True,
        )

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.session], capture_output=True, text=True
        ).stdout

    def wait_for(self, text: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} not on screen:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.session, key], check=True)
            # A bare Escape is only an Escape once ESCDELAY (250 ms) passed without a next byte.
            time.sleep(0.45 if key == "Escape" else 0.15)

    def text(self, text: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.session, "-l", text], check=True)
        time.sleep(0.3)

    def resize(self, width: int, height: int) -> None:
        subprocess.run(
            ["tmux", "resize-window", "-t", self.session, "-x", str(width), "-y", str(height)], check=True
        )
        time.sleep(0.5)

    def alive(self) -> bool:
        return (
            subprocess.run(["tmux", "has-session", "-t", self.session], capture_output=True).returncode == 0
        )

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.session], capture_output=True)


def _quote(part: str) -> str:
    import shlex

    return shlex.quote(part)


@pytest.fixture
def server(tmp_path: Path):
    if not (Path(SSHD).exists() and shutil.which("ssh") and shutil.which("tmux")):
        pytest.skip("OpenSSH server, client or tmux missing (.ci/run installs them with apt-get)")
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
