"""The mechanics of a newsletter: prepare it (template, context, recipients), build its
messages, and deliver them over one SMTP connection. Who may do what, locks, journals and the
record's status are the application layer's (``services/newsletter.py``)."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..i18n import t
from ..store import Repository, StoreError
from ..text import printable
from .audience import AudienceProblem, recipients
from .context import recipient_context, shared_context
from .message import MessageFactory, UnsafeAddress, ascii_address
from .settings import MailSettings
from .templates import Renderer

Progress = Callable[[int, int], None]


class MailError(StoreError):
    """Sending cannot start or go on (no newsletter, no server, already sent …)."""


class SendBusy(MailError):
    """Someone else sends this newsletter right now (the message says who, since when)."""


@dataclass
class SendReport:
    total: int = 0
    sent: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    #: Contacts left out before sending (an address that cannot go out), with the reason.
    refused: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        return t(
            "mail.summary", sent=self.sent, skipped=self.skipped, failed=len(self.failed), total=self.total
        )

    def problems(self) -> list[str]:
        """One line per recipient that did not get the mail, and why."""
        return [t("mail.recipient_skipped", address=printable(a), detail=d) for a, d in self.refused] + [
            t("mail.recipient_refused", address=printable(a), detail=printable(d)) for a, d in self.failed
        ]


@dataclass
class Prepared:
    """A newsletter ready to go out: its recipients and how to render and build each message."""

    newsletter: dict[str, Any]
    recipients: list[dict[str, Any]]
    refused: list[tuple[str, str]]
    renderer: Renderer
    shared: dict[str, Any]
    settings: MailSettings

    def factory(self, *, test: bool = False, round_: str = "") -> MessageFactory:
        subject = self.newsletter.get("subject") or ""
        if test:
            return MessageFactory(t("mail.test_subject", subject=subject), self.settings)
        key = self.newsletter.get("uid") or str(self.newsletter["id"])
        return MessageFactory(subject, self.settings, newsletter_key=key, round_=round_)

    def messages(
        self, factory: MessageFactory, people: list[dict[str, Any]] | None = None
    ) -> Iterator[tuple[dict[str, Any], bytes | UnsafeAddress]]:
        """Each recipient with its message, or with the reason its address cannot go out."""
        for contact in self.recipients if people is None else people:
            text, html = self.render(contact)
            try:
                yield contact, factory.build(contact, text, html)
            except UnsafeAddress as reason:
                yield contact, reason

    def render(self, contact: dict[str, Any]) -> tuple[str, str]:
        return self.renderer.render(recipient_context(self.shared, contact, self.settings))

    def sample_contact(self) -> dict[str, Any]:
        """Whom the preview and a test send address: the first recipient, else a sample person."""
        if self.recipients:
            return self.recipients[0]
        return {"id": 0, "name": "Erika Mustermann", "email": self.settings.mail_from or "test@example.org"}


def prepare(
    repository: Repository, newsletter_id: int, settings: MailSettings, *, today: date | None = None
) -> Prepared:
    """Everything needed to render ``newsletter_id``; raises MailError / TemplateProblem."""
    newsletter = repository.get("newsletters", newsletter_id)
    if newsletter is None:
        raise MailError(t("mail.not_newsletter", id=newsletter_id))
    settings.require_sender()
    try:
        chosen, refused = recipients(repository, newsletter)
    except AudienceProblem as problem:
        raise MailError(str(problem)) from None
    renderer = Renderer(repository.path, newsletter.get("template") or "newsletter")
    shared = shared_context(repository, newsletter, today or repository.clock().date())
    return Prepared(newsletter, chosen, refused, renderer, shared, settings)


def _crlf(raw: bytes) -> bytes:
    """SMTP wants CRLF line ends; smtplib converts them only for str, not for bytes."""
    return raw.replace(b"\n", b"\r\n")


class Refused(Exception):
    """The server refused one recipient or message (``str()``: its answer)."""


def _text(detail: bytes | str) -> str:
    return detail.decode("utf-8", "replace") if isinstance(detail, bytes) else str(detail)


def _smtp_error(error: BaseException) -> MailError:
    return MailError(t("mail.smtp_failed", detail=str(error) or type(error).__name__))


class Connection:
    """One SMTP session for a whole send (STARTTLS and login when configured)."""

    def __init__(self, settings: MailSettings, tls_context: ssl.SSLContext | None = None) -> None:
        settings.require_server()
        self.sender = settings.sender_address()
        try:
            self.smtp = smtplib.SMTP(settings.host, settings.port, timeout=60)
            if settings.starttls:
                self.smtp.starttls(context=tls_context or ssl.create_default_context())
            if settings.user:
                self.smtp.login(settings.user, settings.password)
        except (OSError, smtplib.SMTPException) as error:
            raise _smtp_error(error) from None

    def send(self, address: str, raw: bytes) -> None:
        """Hand one message over. :class:`Refused` when the server refuses this recipient or
        message; MailError when the connection is gone (the caller stops; the journal says who
        got it)."""
        try:
            self.smtp.sendmail(self.sender, [ascii_address(address)], _crlf(raw))
        except smtplib.SMTPRecipientsRefused as error:
            code, detail = next(iter(error.recipients.values()), (0, b""))
            raise Refused(f"{code} {_text(detail)}") from None
        except smtplib.SMTPDataError as error:
            raise Refused(f"{error.smtp_code} {_text(error.smtp_error)}") from None
        except (OSError, smtplib.SMTPException) as error:
            raise _smtp_error(error) from None

    def close(self) -> None:
        try:
            self.smtp.quit()
        except (OSError, smtplib.SMTPException):
            pass
