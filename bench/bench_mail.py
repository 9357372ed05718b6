"""Newsletter figures, as ratios measured in the same run:

* building N personalised messages (render + MIME) against rendering the same templates alone
  (and against the naive ``EmailMessage`` route, for comparison);
* mails per second to an SMTP server on 127.0.0.1 (aiosmtpd), over one connection.

    .venv/bin/python bench/bench_mail.py
"""

from __future__ import annotations

import socket
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller

from ssa_tui.demo import build
import os

from ssa_tui.mail.sending import prepare
from ssa_tui.mail.settings import MailSettings
from ssa_tui.services.newsletter import send
from ssa_tui.store import Repository

N = 2000


class Sink:
    count = 0

    async def handle_DATA(self, server, session, envelope):
        Sink.count += 1
        return "250 OK"


def people(repository: Repository, count: int) -> None:
    with repository.batch() as batch:
        for n in range(count):
            batch.create(
                "contacts",
                {
                    "name": f"Jürgen Müller {n}",
                    "email": f"p{n}@example.org",
                    "newsletter_consent": True,
                    "consent_date": "2025-01-01",
                },
            )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder, "db.json")
        repository = build(db)
        people(repository, N)
        settings = MailSettings(mail_from="schulsozialarbeit@kreis-soest.de")
        prepared = prepare(repository, 1, settings)
        contacts = prepared.recipients

        start = time.perf_counter()
        rendered = [prepared.render(c) for c in contacts]
        render_s = time.perf_counter() - start

        factory = prepared.factory()
        start = time.perf_counter()
        for contact in contacts:
            text, html = prepared.render(contact)
            factory.build(contact, text, html)
        build_s = time.perf_counter() - start

        start = time.perf_counter()
        for contact, (text, html) in zip(contacts, rendered):
            message = EmailMessage()
            message["From"] = settings.mail_from
            message["To"] = f"{contact['name']} <{contact['email']}>"
            message["Subject"] = prepared.newsletter["subject"]
            message.set_content(text)
            message.add_alternative(html, subtype="html")
            message.as_bytes()
        naive_s = time.perf_counter() - start + render_s

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        controller = Controller(Sink(), hostname="127.0.0.1", port=port)
        controller.start()
        try:
            os.environ.update(
                SSA_TUI_SMTP_HOST="127.0.0.1",
                SSA_TUI_SMTP_PORT=str(port),
                SSA_TUI_MAIL_FROM=settings.mail_from,
            )
            start = time.perf_counter()
            report = send(repository, 1)
            send_s = time.perf_counter() - start
        finally:
            controller.stop()

    total = len(contacts)
    print(f"{total} recipients")
    print(f"render templates only:           {render_s * 1000:8.0f} ms  1.00x")
    print(f"render + build MIME (ssa-tui):   {build_s * 1000:8.0f} ms  {build_s / render_s:.2f}x (goal <= 3)")
    print(f"render + naive EmailMessage:     {naive_s * 1000:8.0f} ms  {naive_s / render_s:.2f}x")
    print(
        f"send over one SMTP connection:   {send_s * 1000:8.0f} ms  {report.sent / send_s:.0f} mails/s (goal >= 500), {report.sent} sent"
    )


if __name__ == "__main__":
    main()
