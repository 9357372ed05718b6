"""The MIME message byte for byte (only the random boundary and the clock vary), and the header
words of names and subjects at every edge where the encoding changes."""

from __future__ import annotations

import hashlib
import re

import pytest

from ssa_tui.mail.message import MessageFactory, clean_text, header, mailbox, name_words, text_of, text_words
from ssa_tui.mail.settings import MailSettings

SENDER = "office@kreis-soest.de"

EXPECTED = """From: Schulsozialarbeit Kreis Soest <office@kreis-soest.de>
Subject: =?utf-8?q?Neues_aus_dem_Netzwerk_=E2=80=93_Winter_2026?=
List-Id: Netzwerk Schulsozialarbeit Kreis Soest
 <schulsozialarbeit.kreis-soest.de>
MIME-Version: 1.0
To: Erika Muster <erika@xn--bcher-kva.example>
Date: DATE
Message-ID: <nl.{digest}@kreis-soest.de>
List-Unsubscribe: <https://ab.example.org/weg?c={token}>,
 <mailto:office@kreis-soest.de?subject=Abmelden>
List-Unsubscribe-Post: List-Unsubscribe=One-Click
Content-Type: multipart/alternative;
 boundary="BOUNDARY"

--BOUNDARY
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

Hallo
Welt =C3=A4
--BOUNDARY
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

<p>=C3=A4</p>
--BOUNDARY--
"""

ERIKA = {"id": 3, "name": "Erika Muster", "email": "erika@bücher.example"}


def normalized(raw: bytes) -> str:
    """The message with its random boundary and its Date (checked: Berlin time) replaced."""
    text = raw.decode("ascii")
    [boundary] = set(re.findall(r"=_ssa_[0-9a-f]{32}", text))
    [date] = re.findall(r"^Date: (.*)$", text, re.M)
    # November: CET. A Date without the office's time zone would say -0000.
    assert re.fullmatch(r"[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d \+0[12]00", date), date
    return text.replace(boundary, "BOUNDARY").replace(date, "DATE")


def digest(key: str, round_: str, address: str) -> str:
    return hashlib.sha256(f"{key}|{round_}|{address}".encode()).hexdigest()[:20]


def test_the_message_byte_for_byte() -> None:
    settings = MailSettings(mail_from=SENDER, unsubscribe_url="https://ab.example.org/weg")
    factory = MessageFactory("Neues aus dem Netzwerk – Winter 2026", settings, newsletter_key="7", round_="1")
    raw = factory.build(ERIKA, "Hallo\r\nWelt ä", "<p>ä</p>")
    assert normalized(raw) == EXPECTED.format(
        digest=digest("7", "1", "erika@bücher.example"), token=settings.token(ERIKA)
    )


def test_without_an_unsubscribe_address_only_the_mailto_and_no_one_click() -> None:
    factory = MessageFactory(
        "Hallo", MailSettings(mail_from=SENDER, list_id="Liste <l.example.org>"), newsletter_key="7"
    )
    text = normalized(factory.build({"id": 1, "name": None, "email": "A@Example.org"}, "t", "h"))
    head = text.split("\n\n")[0]
    assert head.splitlines()[:9] == [
        "From: Schulsozialarbeit Kreis Soest <office@kreis-soest.de>",
        "Subject: Hallo",
        "List-Id: Liste <l.example.org>",
        "MIME-Version: 1.0",
        "To: <A@Example.org>",
        "Date: DATE",
        f"Message-ID: <nl.{digest('7', '', 'a@example.org')}@kreis-soest.de>",
        "List-Unsubscribe: <mailto:office@kreis-soest.de?subject=Abmelden>",
        "Content-Type: multipart/alternative;",
    ]
    assert "List-Unsubscribe-Post" not in text


def test_message_ids_without_a_newsletter_key_are_fresh_at_the_sender_s_domain() -> None:
    factory = MessageFactory("x", MailSettings(mail_from="office@bücher.example"))
    first, second = factory.message_id("a@example.org"), factory.message_id("a@example.org")
    assert first != second
    assert first.startswith("<") and first.endswith("@xn--bcher-kva.example>")
    keyed = MessageFactory("x", MailSettings(mail_from=SENDER), newsletter_key="k", round_="2")
    assert keyed.message_id("A@Example.ORG") == f"<nl.{digest('k', '2', 'a@example.org')}@kreis-soest.de>"


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Erika  Muster", ["Erika", "Muster"]),
        ("a" * 60, ["a" * 60]),
        ("a" * 61, ["=?utf-8?q?" + "a" * 54 + "?=", "=?utf-8?q?aaaaaaa?="]),
        ("Muster, Erika", ['"Muster,', 'Erika"']),
        ("a,b", ['"a,b"']),
        ("a, b c", ['"a,', "b", 'c"']),
        ('a"b\\c d', ['"a\\"b\\\\c', 'd"']),
        ("x" * 58 + " ,", ['"' + "x" * 58, ',"']),
        ("x" * 59 + ",", ["=?utf-8?q?" + "x" * 54 + "?=", "=?utf-8?q?xxxxx=2C?="]),
        ("x" * 58 + ",", ["=?utf-8?q?" + "x" * 54 + "?=", "=?utf-8?q?xxxx=2C?="]),
        ("a, =?b", ["=?utf-8?b?YSwgPT9i?="]),
        # atoms that look like an encoded-word are encoded, so a client shows them as typed
        # (plain, "=?utf-8?q?Chef?=" would be shown as "Chef")
        ("=?utf-8?q?Chef?=", ["=?utf-8?b?PT91dGYtOD9xP0NoZWY/PQ==?="]),
        ("Erika =?x", ["=?utf-8?b?RXJpa2EgPT94?="]),
        ("ä" * 19, ["=?utf-8?b?w6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6Q=?="]),
        ("ä" * 19 + "a", ["=?utf-8?b?w6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6Rh?="]),
        ("ä" * 20, ["=?utf-8?b?w6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6TDpMOkw6Q=?=", "=?utf-8?b?w6Q=?="]),
        ("", []),
        (" \x00\n ", []),
        ("Erika\r\nBcc: x@y.de", ['"Erika', "Bcc:", 'x@y.de"']),
    ],
)
def test_display_names_as_header_words(name: str, words: list[str]) -> None:
    assert name_words(name) == words


@pytest.mark.parametrize(
    ("subject", "words"),
    [
        ("Hallo  Welt", ["Hallo", "Welt"]),
        ("a" * 60, ["a" * 60]),
        ("a" * 61, ["=?utf-8?q?" + "a" * 54 + "?=", "=?utf-8?q?aaaaaaa?="]),
        ("x =?y", ["=?utf-8?b?eCA9P3k=?="]),
        (
            "Grüße " * 20,
            [
                "=?utf-8?b?R3LDvMOfZSBHcsO8w59lIEdyw7zDn2UgR3LDvMOfZSBHcsO8w59l?=",
                "=?utf-8?b?IEdyw7zDn2UgR3LDvMOfZSBHcsO8w59lIEdyw7zDn2UgR3LDvMOf?=",
                "=?utf-8?b?ZSBHcsO8w59lIEdyw7zDn2UgR3LDvMOfZSBHcsO8w59lIEdyw7w=?=",
                "=?utf-8?b?w59lIEdyw7zDn2UgR3LDvMOfZSBHcsO8w59lIEdyw7zDn2UgR3I=?=",
                "=?utf-8?b?w7zDn2U=?=",
            ],
        ),
    ],
)
def test_subjects_as_header_words(subject: str, words: list[str]) -> None:
    assert text_words(subject) == words


def test_headers_fold_at_78_characters_but_never_right_after_the_name() -> None:
    assert header("Subject", ["x" * 30, "y" * 38]) == "Subject: " + "x" * 30 + " " + "y" * 38
    assert header("Subject", ["x" * 30, "y" * 39]) == "Subject: " + "x" * 30 + "\n " + "y" * 39
    assert header("Subject", ["z" * 80, "y"]) == "Subject: " + "z" * 80 + "\n y"
    assert header("Subject", ["a", "b", "c"]) == "Subject: a b c"
    assert header("Subject", []) == "Subject:"


def test_text_of_and_clean_text() -> None:
    assert [text_of("a"), text_of(None), text_of(5)] == ["a", "", ""]
    assert clean_text(" a\r\nb\x00\x1b[31mc\u2028d ") == "a b [31mc d"
    assert clean_text(None) == ""


def test_a_name_written_like_an_encoded_word_reaches_the_client_as_typed() -> None:
    """A contact-form name ``=?utf-8?q?Chef?=`` must not turn into "Chef" in the recipient's
    mail program (a parser that decodes RFC 2047, as clients do)."""
    from email import message_from_string, policy

    for name in ("=?utf-8?q?Chef?=", "=?iso-8859-1?b?QWRtaW4=?= Team"):
        raw = header("To", mailbox(name, "erika@example.org")) + "\n\n"
        parsed = message_from_string(raw, policy=policy.default)
        assert parsed["To"].addresses[0].display_name == name
