"""MIME messages built fast and correct: ``multipart/alternative`` (text + HTML), UTF-8,
quoted-printable bodies, RFC 2047 headers folded within 78 characters, addresses in their ASCII
form (IDN domains as punycode), nothing a stored field could inject.

Python's ``EmailMessage`` parses and folds every header again for every recipient (about 34x
the cost of rendering the templates). Here the headers that are the same for everyone are
encoded once; per recipient only ``To``, ``Date``, ``Message-ID`` and the bodies are encoded.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import quopri
import re
import uuid
from datetime import datetime
from email.header import Header
from email.utils import format_datetime, make_msgid
from typing import Any

import idna

from ..i18n import t
from ..schema.fields import Email
from ..store.repository import OFFICE_TIME
from ..text import printable
from .settings import MailSettings

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
# What may stand in an address: no spaces, controls, commas, quotes or angle brackets.
_ADDRESS = re.compile(r"^[^\s<>,;:\"()\[\]\\]+@[^\s<>,;:\"()\[\]\\@]+$")
# Display-name words that need neither quoting nor encoding (RFC 5322 atext).
_ATOMS = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]*$")
_EMAIL = Email("email")
#: Longest header line where it can be folded (RFC 5322); no line ever exceeds 998.
LINE = 78


class UnsafeAddress(ValueError):
    """An address that cannot go into a header or the envelope; ``str()`` says why (German)."""


def text_of(value: object) -> str:
    """A stored value that should be text, as text ("" for anything else an outside source put there)."""
    return value if isinstance(value, str) else ""


def clean_text(value: str) -> str:
    """A header text without line breaks or control characters (no header injection)."""
    return _CONTROL.sub(" ", text_of(value)).strip()


@functools.lru_cache(maxsize=4096)
def ascii_address(address: str) -> str:
    """``address`` as it goes out: an IDN domain in punycode; a non-ASCII local part is refused
    (SMTPUTF8 is not something every server speaks)."""
    address = (address or "").strip()
    local, _, domain = address.rpartition("@")
    if _ADDRESS.match(address) and not local.isascii():
        raise UnsafeAddress(t("mail.address_local_not_ascii", address=printable(address)))
    if not _ADDRESS.match(address) or _EMAIL.validate(address):
        raise UnsafeAddress(t("mail.address_invalid", address=printable(address)))
    if not domain.isascii():
        try:
            domain = idna.encode(domain, uts46=True).decode("ascii")
        except idna.IDNAError:
            raise UnsafeAddress(t("mail.address_invalid", address=printable(address))) from None
    return f"{local}@{domain}"


def text_words(value: str) -> list[str]:
    """Unstructured text (a subject) as words a header may be folded between.

    Plain ASCII stays readable; anything else, or a word too long to fold, becomes RFC 2047
    encoded-words of at most 75 characters each.
    """
    text = clean_text(value)
    if text.isascii() and "=?" not in text and all(len(word) <= 60 for word in text.split()):
        return text.split()
    return Header(text, "utf-8").encode(maxlinelen=66).split()


def name_words(name: str) -> list[str]:
    """A display name as header words: plain atoms, a quoted string, or encoded-words."""
    text = clean_text(name)
    if not text:
        return []
    plain = "=?" not in text  # else a client would show what the "encoded-word" decodes to
    if plain and _ATOMS.match(text) and all(len(word) <= 60 for word in text.split()):
        return text.split()
    if plain and text.isascii() and all(len(word) <= 58 for word in text.split()):
        quoted = text.replace("\\", "\\\\").replace('"', '\\"').split()
        return [f'"{quoted[0]}', *quoted[1:-1], f'{quoted[-1]}"'] if len(quoted) > 1 else [f'"{quoted[0]}"']
    raw = text.encode("utf-8")
    if len(raw) <= 39:  # fits one encoded-word of at most 66 characters (the common case, fast)
        return [f"=?utf-8?b?{base64.b64encode(raw).decode('ascii')}?="]
    return Header(text, "utf-8").encode(maxlinelen=66).split()


def mailbox(name: str, address: str) -> list[str]:
    """``Name <address>`` as header words; the address must be one plain address."""
    return [*name_words(name), f"<{ascii_address(address)}>"]


def header(name: str, words: list[str]) -> str:
    """One header, folded between words so that no line passes 78 characters where avoidable."""
    lines, line = [], f"{name}:"
    for word in words:
        if len(line) + 1 + len(word) > LINE and line.strip() and not line.endswith(":"):
            lines.append(line)
            line = ""
        line += f" {word}"
    lines.append(line)
    return "\n".join(lines)


def _qp(body: str) -> bytes:
    return quopri.encodestring(body.replace("\r\n", "\n").encode("utf-8"))


class MessageFactory:
    """Builds the messages of one newsletter send."""

    def __init__(
        self, subject: str, settings: MailSettings, *, newsletter_key: str | None = None, round_: str = ""
    ) -> None:
        self.settings = settings
        self.newsletter_key = newsletter_key
        self.round = round_
        self.sender = settings.sender_address()
        self.domain = self.sender.rpartition("@")[2]
        self.unsubscribe_mailto = f"<mailto:{self.sender}?subject=Abmelden>"
        self.common = "\n".join(
            [
                header("From", mailbox(settings.sender_name, settings.mail_from)),
                header("Subject", text_words(subject)),
                header("List-Id", text_words(settings.list_id)),
                "MIME-Version: 1.0",
            ]
        )

    def message_id(self, address: str) -> str:
        """Stable per newsletter, round and recipient (a server may drop an accidental repeat)."""
        if self.newsletter_key is None:
            return make_msgid(domain=self.domain)
        digest = hashlib.sha256(
            f"{self.newsletter_key}|{self.round}|{address.casefold()}".encode()
        ).hexdigest()[:20]
        return f"<nl.{digest}@{self.domain}>"

    def build(self, contact: dict[str, Any], text: str, html: str) -> bytes:
        """The complete message for ``contact`` as bytes (LF line ends; SMTP makes them CRLF).

        Raises :class:`UnsafeAddress` for an address that cannot go out.
        """
        address = text_of(contact.get("email"))
        boundary = f"=_ssa_{uuid.uuid4().hex}"
        unsubscribe = [self.unsubscribe_mailto]
        extra = ""
        if self.settings.unsubscribe_url:
            unsubscribe = [f"<{self.settings.unsubscribe_link(contact)}>,", *unsubscribe]
            extra = "\nList-Unsubscribe-Post: List-Unsubscribe=One-Click"
        head = "\n".join(
            [
                self.common,
                header("To", mailbox(text_of(contact.get("name")), address)),
                f"Date: {format_datetime(datetime.now(OFFICE_TIME))}",
                f"Message-ID: {self.message_id(address)}",
                header("List-Unsubscribe", unsubscribe) + extra,
                header("Content-Type", ["multipart/alternative;", f'boundary="{boundary}"']) + "\n\n",
            ]
        )
        part = 'Content-Type: text/{kind}; charset="utf-8"\nContent-Transfer-Encoding: quoted-printable\n\n'
        return b"".join(
            [
                head.encode("ascii"),
                f"--{boundary}\n{part.format(kind='plain')}".encode(),
                _qp(text),
                f"\n--{boundary}\n{part.format(kind='html')}".encode(),
                _qp(html),
                f"\n--{boundary}--\n".encode(),
            ]
        )
