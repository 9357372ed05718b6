"""Newsletter intents: preview, render to files, test send, send. The CLI and the TUI call these.

Each checks the role before its first side effect (no SMTP connection, no journal line, no file
for a viewer who may not), and raises a StoreError subclass with a German message.

A send holds the newsletter's lock (one sender at a time), then reads the newsletter again,
marks every accepted mail in the journal of the newsletter's own ``uid`` as it goes, and marks
the record ``versendet`` only when every recipient got it. A resend of a sent newsletter starts
a new round: the first send's time stays, each round is listed in ``rounds``.
"""

from __future__ import annotations

import mailbox
import re
import ssl
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..i18n import t
from ..mail.html_text import html_to_text
from ..mail.journal import Journal, SendLock, delivered, journal_path
from ..mail.message import UnsafeAddress, ascii_address
from ..mail.sending import Connection, MailError, Prepared, Progress, Refused, SendBusy, SendReport, prepare
from ..mail.settings import MailSettings
from ..schema.kinds import NewsletterStatus
from ..store import ReadOnlyError, Repository
from ..store.files import make_private_dir, refuse_protected, write_output

SENT = NewsletterStatus.SENT
_UID = re.compile(r"^[0-9a-f]{32}$")


def settings_of(repository: Repository) -> MailSettings:
    """The mail settings for this database (settings file and environment); raises when wrong."""
    return MailSettings.load(repository.config)


def _may_send(repository: Repository) -> None:
    if repository.read_only:
        raise ReadOnlyError(repository.refusal())


def prepared(repository: Repository, newsletter_id: int) -> Prepared:
    return prepare(repository, newsletter_id, settings_of(repository))


@dataclass(frozen=True)
class Preview:
    """What the first recipient would get, before anything is sent."""

    subject: str
    contact: dict[str, Any]
    text: str
    html_as_text: str
    count: int
    refused: list[tuple[str, str]]


def preview(repository: Repository, newsletter_id: int) -> Preview:
    """The text part and the HTML part (as text) for the first recipient; template errors,
    bad settings and a template that works too long surface here as messages."""
    ready = prepared(repository, newsletter_id)
    contact = ready.sample_contact()
    text, html = ready.render(contact)
    return Preview(
        ready.newsletter.get("subject") or "",
        contact,
        text,
        html_to_text(html),
        len(ready.recipients),
        ready.refused,
    )


def render_to_folder(
    repository: Repository, newsletter_id: int, folder: Path, *, replace: bool
) -> SendReport:
    """One ``.eml`` per recipient in ``folder`` (created 2770 if missing), written safely."""
    ready = prepared(repository, newsletter_id)
    refuse_protected(repository.path, folder)
    if not folder.is_dir():
        make_private_dir(folder, repository.path)
    report = SendReport(total=len(ready.recipients), refused=list(ready.refused))
    for contact, raw in ready.messages(ready.factory()):
        if isinstance(raw, UnsafeAddress):
            report.refused.append((str(contact.get("email")), str(raw)))
            continue
        report.sent += 1
        target = folder / f"{report.sent:05d}-contact-{contact['id']}.eml"
        write_output(target, raw, db_path=repository.path, replace=replace)
    return report


def render_to_mbox(repository: Repository, newsletter_id: int, target: Path, *, replace: bool) -> SendReport:
    """Every message in one mbox file, written at once (nothing half-written on an error)."""
    ready = prepared(repository, newsletter_id)
    report = SendReport(total=len(ready.recipients), refused=list(ready.refused))
    parts = []
    for contact, raw in ready.messages(ready.factory()):
        if isinstance(raw, UnsafeAddress):
            report.refused.append((str(contact.get("email")), str(raw)))
            continue
        report.sent += 1
        parts.append(mailbox.mboxMessage(raw).as_bytes(unixfrom=True) + b"\n")
    write_output(target, b"".join(parts), db_path=repository.path, replace=replace)
    return report


def test_send(
    repository: Repository, newsletter_id: int, address: str, *, tls_context: ssl.SSLContext | None = None
) -> None:
    """The newsletter, rendered for the first recipient, to one address; nothing is marked."""
    _may_send(repository)
    ready = prepared(repository, newsletter_id)
    try:
        ascii_address(address)
    except UnsafeAddress as reason:
        raise MailError(str(reason)) from None
    person = {**ready.sample_contact(), "email": address.strip()}
    text, html = ready.render(person)
    raw = ready.factory(test=True).build(person, text, html)
    connection = Connection(ready.settings, tls_context)
    try:
        connection.send(person["email"], raw)
    except Refused as refused:
        raise MailError(t("mail.recipient_refused", address=address, detail=refused)) from None
    finally:
        connection.close()


def sent_before(newsletter: dict[str, Any]) -> str | None:
    """For a sent newsletter: when it was first sent, to how many, and every round; else None."""
    if newsletter.get("status") != SENT:
        return None
    rounds = newsletter.get("rounds") or []
    lines = [
        t(
            "mail.sent_before",
            at=_shown_time(newsletter.get("sent_at")),
            count=newsletter.get("sent_count") or 0,
        )
    ]
    lines += [
        t("mail.sent_round", n=n, at=_shown_time(r.get("at")), count=r.get("count", 0), user=r.get("by", "?"))
        for n, r in enumerate(rounds, 1)
        if isinstance(r, dict)
    ]
    return "\n".join(lines)


def _shown_time(value: Any) -> str:
    text = str(value or "?")
    if len(text) >= 16 and text[4] == "-":
        return f"{text[8:10]}.{text[5:7]}.{text[0:4]} {text[11:16]}"
    return text


def _uid(repository: Repository, newsletter: dict[str, Any]) -> str:
    """The newsletter's own identity; given (and stored) at its first send when missing, or
    when another newsletter carries the same one (a copied record)."""
    uid = newsletter.get("uid") or ""
    twins = [
        n for n in repository.records("newsletters") if n.get("uid") == uid and n["id"] != newsletter["id"]
    ]
    if _UID.match(uid) and not twins:
        return uid
    uid = uuid.uuid4().hex
    repository.update("newsletters", newsletter["id"], {"uid": uid}, expected_rev=newsletter["rev"])
    return uid


def send(
    repository: Repository,
    newsletter_id: int,
    *,
    dry_run: bool = False,
    resend: bool = False,
    progress: Progress | None = None,
    tls_context: ssl.SSLContext | None = None,
) -> SendReport:
    """Send to every recipient not marked as delivered yet, over one SMTP connection."""
    if dry_run:
        ready = prepared(repository, newsletter_id)
        return SendReport(total=len(ready.recipients), refused=list(ready.refused))
    _may_send(repository)
    # every problem of settings, audience and template shows before the first side effect
    ready = prepared(repository, newsletter_id)
    settings = ready.settings
    settings.require_server()
    ready.render(ready.sample_contact())
    newsletter = ready.newsletter
    uid = _uid(repository, newsletter)
    lock = SendLock(repository.path, uid)
    holder = lock.acquire(repository.user, repository.clock().strftime("%Y-%m-%dT%H:%M"))
    if holder is not None:
        raise SendBusy(
            t("mail.send_busy", id=newsletter_id, user=holder["user"], since=_shown_time(holder["since"]))
        )
    try:
        return _send_locked(repository, newsletter_id, settings, resend, progress, tls_context)
    finally:
        lock.release()


def _send_locked(
    repository: Repository,
    newsletter_id: int,
    settings: MailSettings,
    resend: bool,
    progress: Progress | None,
    tls_context: ssl.SSLContext | None,
) -> SendReport:
    ready = prepare(repository, newsletter_id, settings)  # read again: another send may have ended
    newsletter = ready.newsletter
    was_sent = newsletter.get("status") == SENT
    if was_sent and not resend:
        raise MailError(t("mail.already_sent", id=newsletter_id, at=_shown_time(newsletter.get("sent_at"))))
    rounds = [r for r in newsletter.get("rounds") or [] if isinstance(r, dict)]
    path = journal_path(repository.path, newsletter["uid"], len(rounds))
    journal = Journal(path, repository.path)
    marks = delivered(path)
    factory = ready.factory(round_=str(len(rounds)))
    pending = [c for c in ready.recipients if c["email"].casefold() not in marks]
    report = SendReport(total=len(ready.recipients), skipped=len(ready.recipients) - len(pending))
    report.refused = list(ready.refused)
    connection = Connection(settings, tls_context) if pending else None
    try:
        for done, (contact, raw) in enumerate(ready.messages(factory, pending), 1):
            if isinstance(raw, UnsafeAddress):
                report.refused.append((contact["email"], str(raw)))
            else:
                try:
                    connection.send(contact["email"], raw)
                except Refused as refused:
                    report.failed.append((contact["email"], str(refused)))
                else:
                    marks[contact["email"].casefold()] = journal.mark(contact["email"])
                    report.sent += 1
            if progress:
                progress(done, len(pending))
    finally:
        journal.close()
        if connection is not None:
            connection.close()
    if not report.failed:
        _mark_sent(repository, newsletter_id, marks, rounds)
    return report


def _mark_sent(repository: Repository, newsletter_id: int, marks: dict[str, str], rounds: list[dict]) -> None:
    """Sent, in one locked write against the current revision (an editor may have saved meanwhile)."""
    now = repository.clock().strftime("%Y-%m-%dT%H:%M")
    with repository.batch() as batch:
        current = batch.get("newsletters", newsletter_id)
        batch.update(
            "newsletters",
            newsletter_id,
            {
                "status": SENT,
                "sent_at": current.get("sent_at") or now,
                "sent_count": len(marks),
                "deliveries": dict(sorted(marks.items())),
                "rounds": [*rounds, {"at": now, "count": len(marks), "by": repository.user}],
            },
            expected_rev=current["rev"],
        )
