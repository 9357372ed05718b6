from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ssa_tui.store import Repository

WORKER = Path(__file__).with_name("worker.py")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A new database with one shared contact (id 1)."""
    path = tmp_path / "db.json"
    Repository(path, user="setup", create=True).create("contacts", {"name": "Geteilt"})
    return path


@pytest.fixture
def start_worker():
    """Start ``worker.py MODE DB …`` as a real process (killed at the end if still running)."""
    started: list[subprocess.Popen[str]] = []

    def start(*args: str, **popen: object) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, str(WORKER), *args], stdout=subprocess.PIPE, text=True, **popen
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()
