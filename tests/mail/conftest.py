from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from ssa_tui.demo import build
from ssa_tui.store import Repository

SENDER = "schulsozialarbeit@kreis-soest.de"


class Recorder:
    """An aiosmtpd handler that keeps every accepted message; can hold one RCPT until released."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []
        self.hold_at: int | None = None  # hold the RCPT of this message number (1-based)
        self.holding = threading.Event()
        self.release = threading.Event()
        self._rcpts = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self._rcpts += 1
        if self.hold_at is not None and self._rcpts == self.hold_at:
            self.holding.set()
            while not self.release.is_set():
                import asyncio

                await asyncio.sleep(0.01)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted"

    def recipients(self) -> list[str]:
        return [to for tos, _ in self.messages for to in tos]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, recorder
    recorder.release.set()
    controller.stop()


@pytest.fixture
def mail_env(smtp_server) -> dict[str, str]:
    controller, _ = smtp_server
    env = {k: v for k, v in os.environ.items() if not k.startswith("SSA_TUI_")}
    env.update(
        SSA_TUI_SMTP_HOST="127.0.0.1", SSA_TUI_SMTP_PORT=str(controller.port), SSA_TUI_MAIL_FROM=SENDER
    )
    return env


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "db.json"
    build(path)
    return path


def add_people(db: Path, count: int, *, consent: bool = True) -> list[str]:
    repository = Repository(db, user="test")
    addresses = []
    with repository.batch() as batch:
        for n in range(count):
            address = f"person{n}.{int(consent)}@example.org"
            batch.create(
                "contacts",
                {
                    "name": f"Person {n}",
                    "email": address,
                    "newsletter_consent": consent,
                    "consent_date": "2025-01-01" if consent else None,
                },
            )
            addresses.append(address)
    return addresses


def store_raw_contact(db: Path, **fields) -> None:
    """Put a contact into the file as an outside source might (bypassing validation)."""
    data = json.loads(db.read_text())
    new_id = max(map(int, data["contacts"])) + 1
    data["contacts"][str(new_id)] = {**data["contacts"]["1"], "id": new_id, **fields}
    db.write_text(json.dumps(data, ensure_ascii=False))


def ssa(db: Path, *args: str, env: dict[str, str], **popen):
    return subprocess.run(
        [sys.executable, "-m", "ssa_tui", "--db", str(db), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        **popen,
    )


@pytest.fixture
def helpers():
    """The helper functions above, for the test modules (importlib mode: no conftest imports)."""
    return type(
        "Helpers",
        (),
        {
            "add_people": staticmethod(add_people),
            "store_raw_contact": staticmethod(store_raw_contact),
            "ssa": staticmethod(ssa),
        },
    )
