from __future__ import annotations

import asyncio
import json
import os
import socket
import ssl
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from ssa_tui.demo import build
from ssa_tui.store import Repository

SENDER = "schulsozialarbeit@kreis-soest.de"


class Recorder:
    """An aiosmtpd handler that keeps every accepted message and counts connections.

    It can hold one RCPT until released (``hold_at``), refuse some recipients (``refuse``), and
    drop the connection at one message (``drop_at``), as real servers do.
    """

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []
        self.hold_at: int | None = None  # hold the RCPT of this message number (1-based)
        self.holding = threading.Event()
        self.release = threading.Event()
        self.refuse: set[str] = set()
        self.drop_at: int | None = None
        self.connections = 0
        self.logins: list[str] = []
        self._rcpts = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self._rcpts += 1
        if self.hold_at is not None and self._rcpts == self.hold_at:
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.01)
        if self.drop_at is not None and self._rcpts == self.drop_at:
            server.transport.close()
            return "421 closing"
        if address in self.refuse:
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted"

    def recipients(self) -> list[str]:
        return [to for tos, _ in self.messages for to in tos]


class CountingController(Controller):
    """A controller whose handler learns of every TCP connection (not only of EHLO).

    It serves on a socket bound to port 0 before the start: the port is ours from the bind on,
    no other test can take it between choosing and listening.
    """

    def __init__(self, handler, **kwargs) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        super().__init__(handler, hostname="127.0.0.1", port=self.sock.getsockname()[1], **kwargs)

    def _create_server(self):
        return self.loop.create_server(self._factory_invoker, sock=self.sock, ssl=self.ssl_context)

    def factory(self):
        smtp = super().factory()
        made = smtp.connection_made

        def connection_made(transport):
            self.handler.connections += 1
            return made(transport)

        smtp.connection_made = connection_made
        return smtp


def start_server(**kwargs) -> tuple[Controller, Recorder]:
    recorder = Recorder()
    controller = CountingController(recorder, **kwargs)
    controller.start()
    recorder.connections = 0  # the controller's own start-up probe is not a client
    return controller, recorder


@pytest.fixture
def smtp_server():
    controller, recorder = start_server()
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
            "write_config": staticmethod(write_config),
            "newsletter": staticmethod(newsletter),
            "start_server": staticmethod(start_server),
        },
    )


def write_config(db: Path, text: str) -> Path:
    """The settings file beside the database (roles, emails, [mail])."""
    path = db.with_name("ssa-tui.toml")
    path.write_text(text, encoding="utf-8")
    return path


def newsletter(db: Path, newsletter_id: int = 1) -> dict:
    return Repository(db, user="t").get("newsletters", newsletter_id)


@pytest.fixture
def tls_server(tmp_path: Path):
    """aiosmtpd on 127.0.0.1 that insists on STARTTLS before a login (user office, password
    geheim), with a fresh certificate: (controller, recorder with ``.logins``, certificate path).
    (A wrong password is not tried: smtplib then tries its next mechanism, which aiosmtpd leaves
    waiting until the 60-second timeout.)"""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    logins: list[str] = []

    def authenticator(server, session, envelope, mechanism, auth_data):
        logins.append(f"{auth_data.login.decode()}:{auth_data.password.decode()}")
        return AuthResult(success=auth_data.login == b"office" and auth_data.password == b"geheim")

    controller, recorder = start_server(
        tls_context=context, require_starttls=True, authenticator=authenticator, auth_require_tls=True
    )
    recorder.logins = logins
    yield controller, recorder, cert
    controller.stop()
