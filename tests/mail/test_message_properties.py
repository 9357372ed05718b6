"""Properties of every message, whatever a stored name or subject holds: no header line over 78
characters, no header added, and the name and subject read back as they were (control
characters aside)."""

from __future__ import annotations

import email
import email.utils
from email.header import decode_header, make_header

from hypothesis import given, settings
from hypothesis import strategies as st

from ssa_tui.mail.message import MessageFactory, clean_text
from ssa_tui.mail.settings import MailSettings

SETTINGS = MailSettings(mail_from="schulsozialarbeit@kreis-soest.de")
HEADERS = ["From", "Subject", "List-Id", "MIME-Version", "To", "Date", "Message-ID", "List-Unsubscribe"]


def decoded(value: str) -> str:
    return str(make_header(decode_header(value)))


@settings(max_examples=300, deadline=None)
@given(name=st.text(max_size=400), subject=st.text(max_size=200))
def test_any_name_and_subject_fold_and_read_back(name: str, subject: str) -> None:
    raw = MessageFactory(subject, SETTINGS, newsletter_key="k").build(
        {"id": 1, "name": name, "email": "a@example.org"}, "Text", "<p>HTML</p>"
    )
    head = raw.split(b"\n\n", 1)[0]
    assert max(len(line) for line in head.split(b"\n")) <= 78
    message = email.message_from_bytes(raw)  # compat32: raw header values
    assert [key for key in message.keys() if key != "Content-Type"] == HEADERS
    assert message.get_all("To") and len(message.get_all("To")) == 1
    raw_to = " ".join(message["To"].split())
    if "=?" in raw_to:  # encoded-words, decoded as RFC 2047 says
        shown_name = decoded(raw_to).removesuffix("<a@example.org>")
    else:  # atoms or one quoted string
        shown_name, address = email.utils.parseaddr(raw_to)
        assert address == "a@example.org"
    assert " ".join(shown_name.split()) == " ".join(clean_text(name).split())
    assert " ".join(decoded(message["Subject"]).split()) == " ".join(clean_text(subject).split())
