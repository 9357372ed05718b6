"""Rendering and sending a newsletter: the one service behind the CLI and the TUI."""

from __future__ import annotations

import mailbox
import smtplib
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..i18n import t
from ..store import Repository
from .audience import recipients
from .context import recipient_context, shared_context
from .journal import Journal, delivered, journal_path
from .message import MessageFactory, UnsafeAddress
from .settings import MailSettings
from .templates import Renderer

Progress = Callable[[int, int], None]


class MailError(Exception):
    """Sending cannot start or go on (no newsletter, no server, already sent …)."""


@dataclass
class SendReport:
    total: int = 0
    sent: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        return t(
            "mail.summary", sent=self.sent, skipped=self.skipped, failed=len(self.failed), total=self.total
        )


@dataclass
class Prepared:
    """A newsletter ready to go out: its recipients and how to render and build each message."""

    newsletter: dict[str, Any]
    recipients: list[dict[str, Any]]
    renderer: Renderer
    shared: dict[str, Any]
    settings: MailSettings

    def messages(
        self, factory: MessageFactory, people: list[dict[str, Any]] | None = None
    ) -> Iterator[tuple[dict[str, Any], bytes]]:
        for contact in self.recipients if people is None else people:
            text, html = self.render(contact)
            yield contact, factory.build(contact, text, html)

    def render(self, contact: dict[str, Any]) -> tuple[str, str]:
        return self.renderer.render(recipient_context(self.shared, contact, self.settings))


def prepare(
    repository: Repository, newsletter_id: int, settings: MailSettings, *, today: date | None = None
) -> Prepared:
    """Everything needed to render ``newsletter_id``; template errors surface here (TemplateProblem)."""
    newsletter = repository.get("newsletters", newsletter_id)
    if newsletter is None:
        raise MailError(t("mail.not_newsletter", id=newsletter_id))
    renderer = Renderer(repository.path, newsletter.get("template") or "newsletter")
    shared = shared_context(repository, newsletter, today or repository.clock().date())
    return Prepared(newsletter, recipients(repository, newsletter), renderer, shared, settings)


def sample_contact(prepared: Prepared) -> dict[str, Any]:
    """Whom the preview and a test send address: the first recipient, else a sample person."""
    if prepared.recipients:
        return prepared.recipients[0]
    return {"id": 0, "name": "Erika Mustermann", "email": prepared.settings.mail_from or "test@example.org"}


def render_to_folder(prepared: Prepared, folder: Path) -> int:
    """One ``.eml`` per recipient in ``folder``; returns how many."""
    folder.mkdir(parents=True, exist_ok=True)
    factory = MessageFactory(
        prepared.newsletter.get("subject") or "", prepared.settings, newsletter_id=prepared.newsletter["id"]
    )
    count = 0
    for count, (contact, raw) in enumerate(prepared.messages(factory), 1):
        (folder / f"{count:05d}-contact-{contact['id']}.eml").write_bytes(raw)
    return count


def render_to_mbox(prepared: Prepared, target: Path) -> int:
    box = mailbox.mbox(str(target))
    factory = MessageFactory(
        prepared.newsletter.get("subject") or "", prepared.settings, newsletter_id=prepared.newsletter["id"]
    )
    count = 0
    box.lock()
    try:
        for count, (_contact, raw) in enumerate(prepared.messages(factory), 1):
            box.add(raw)
        box.flush()
    finally:
        box.unlock()
        box.close()
    return count


def _crlf(raw: bytes) -> bytes:
    """SMTP wants CRLF line ends; smtplib converts them only for str, not for bytes."""
    return raw.replace(b"\n", b"\r\n")


def _connect(settings: MailSettings) -> smtplib.SMTP:
    if not settings.host:
        raise MailError(t("mail.no_host"))
    if not settings.mail_from:
        raise MailError(t("mail.no_from"))
    try:
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=60)
        if settings.starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.user:
            smtp.login(settings.user, settings.password)
    except (OSError, smtplib.SMTPException) as error:
        raise MailError(t("mail.smtp_failed", detail=str(error) or type(error).__name__)) from None
    return smtp


def send_newsletter(
    repository: Repository,
    newsletter_id: int,
    settings: MailSettings,
    *,
    dry_run: bool = False,
    force: bool = False,
    progress: Progress | None = None,
) -> SendReport:
    """Send to every recipient not marked as delivered yet, over one SMTP connection.

    Each accepted mail is marked in the journal before the next one goes out; when all are
    through, the newsletter is marked ``versendet`` with the time, the count and every delivery.
    """
    prepared = prepare(repository, newsletter_id, settings)
    newsletter = prepared.newsletter
    if newsletter.get("status") == "versendet" and not force:
        raise MailError(t("mail.already_sent", id=newsletter_id, at=newsletter.get("sent_at") or "?"))
    report = SendReport(total=len(prepared.recipients))
    if dry_run:
        return report
    path = journal_path(repository.path, newsletter_id)
    journal = Journal(path)
    if force and newsletter.get("status") == "versendet":
        journal.archive()
    marks = delivered(path)
    # A new round (after --force) gets new Message-IDs; within a round they are stable.
    factory = MessageFactory(
        newsletter.get("subject") or "",
        settings,
        newsletter_id=newsletter_id,
        round_=newsletter.get("sent_at") or "",
    )
    pending = [c for c in prepared.recipients if c["email"].casefold() not in marks]
    report.skipped = report.total - len(pending)
    smtp = _connect(settings) if pending else None
    try:
        for contact, raw in prepared.messages(factory, pending):
            try:
                smtp.sendmail(settings.mail_from, [contact["email"]], _crlf(raw))
            except smtplib.SMTPRecipientsRefused as error:
                report.failed.append((contact["email"], str(error.recipients)))
            except UnsafeAddress as error:
                report.failed.append((str(error), "unsafe"))
            else:
                marks[contact["email"].casefold()] = journal.mark(contact["email"])
                report.sent += 1
            if progress:
                progress(report.sent + len(report.failed), len(pending))
    except (OSError, smtplib.SMTPException) as error:
        raise MailError(t("mail.smtp_failed", detail=str(error) or type(error).__name__)) from None
    finally:
        journal.close()
        if smtp is not None:
            try:
                smtp.quit()
            except (OSError, smtplib.SMTPException):
                pass
    if not report.failed:
        _mark_sent(repository, newsletter_id, marks)
    return report


def _mark_sent(repository: Repository, newsletter_id: int, marks: dict[str, str]) -> None:
    with repository.batch() as batch:
        current = batch.get("newsletters", newsletter_id)
        batch.update(
            "newsletters",
            newsletter_id,
            {
                "status": "versendet",
                "sent_at": repository.clock().strftime("%Y-%m-%dT%H:%M"),
                "sent_count": len(marks),
                "deliveries": dict(sorted(marks.items())),
            },
            expected_rev=current["rev"],
        )


def send_test(repository: Repository, newsletter_id: int, settings: MailSettings, address: str) -> None:
    """The newsletter, rendered for the first recipient, to one address; nothing is marked."""
    prepared = prepare(repository, newsletter_id, settings)
    person = {**sample_contact(prepared), "email": address}
    factory = MessageFactory("[Test] " + (prepared.newsletter.get("subject") or ""), settings)
    text, html = prepared.render(person)
    try:
        raw = factory.build(person, text, html)
    except UnsafeAddress:
        raise MailError(t("mail.invalid_address", address=address)) from None
    smtp = _connect(settings)
    try:
        smtp.sendmail(settings.mail_from, [address], _crlf(raw))
    except (OSError, smtplib.SMTPException) as error:
        raise MailError(t("mail.smtp_failed", detail=str(error) or type(error).__name__)) from None
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            pass
