"""Rendered messages parsed back with Python's email parser: structure, headers, escaping."""

from __future__ import annotations

import email
import mailbox
from datetime import datetime
from email import policy
from email.header import decode_header, make_header
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ssa_tui.store import Repository


def parse_folder(folder: Path) -> list[email.message.EmailMessage]:
    return [
        email.message_from_bytes(p.read_bytes(), policy=policy.default) for p in sorted(folder.glob("*.eml"))
    ]


def test_each_mail_is_proper_mime_with_every_header(demo: Path, tmp_path: Path, mail_env, helpers) -> None:
    Repository(demo, user="t").update(
        "newsletters", 1, {"subject": "Grüße aus Soest – Übersicht"}, expected_rev=1
    )
    env = {**mail_env, "SSA_TUI_UNSUBSCRIBE_URL": "https://www.kreis-soest.de/newsletter/abmelden"}
    result = helpers.ssa(demo, "newsletter", "render", "1", "--out", str(tmp_path / "out"), env=env)
    assert result.returncode == 0, result.stderr
    messages = parse_folder(tmp_path / "out")
    assert len(messages) == 2
    ids = set()
    for message in messages:
        assert message.get_content_type() == "multipart/alternative"
        text, html = message.iter_parts()
        assert (text.get_content_type(), html.get_content_type()) == ("text/plain", "text/html")
        assert text.get_content_charset() == html.get_content_charset() == "utf-8"
        assert message["Subject"] == "Grüße aus Soest – Übersicht"
        assert "=?utf-8?" in message.as_string().split("Subject:", 1)[1].splitlines()[0]
        for header in (
            "From",
            "To",
            "Date",
            "Message-ID",
            "List-Id",
            "List-Unsubscribe",
            "List-Unsubscribe-Post",
        ):
            assert message[header], header
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "https://www.kreis-soest.de/newsletter/abmelden?c=" in message["List-Unsubscribe"]
        assert "mailto:" in message["List-Unsubscribe"]
        assert text.get_content().startswith(f"Guten Tag {message['To'].addresses[0].display_name},")
        ids.add(message["Message-ID"])
    assert len(ids) == 2


def test_hostile_names_are_escaped_and_cannot_add_headers(
    demo: Path, tmp_path: Path, mail_env, helpers
) -> None:
    helpers.store_raw_contact(demo, name="<script>alert(1)</script>", email="script@example.org")
    helpers.store_raw_contact(demo, name="Eva\r\nBcc: x@example.org", email="eva@example.org")
    helpers.store_raw_contact(demo, name='Müller, "Anna" <a@b>', email="anna@example.org")
    result = helpers.ssa(
        demo, "newsletter", "render", "1", "--mbox", str(tmp_path / "out.mbox"), env=mail_env
    )
    assert result.returncode == 0, result.stderr
    messages = [
        email.message_from_bytes(m.as_bytes(), policy=policy.default)
        for m in mailbox.mbox(tmp_path / "out.mbox")
    ]
    by_address = {m["To"].addresses[0].addr_spec: m for m in messages}
    assert set(by_address) >= {"script@example.org", "eva@example.org", "anna@example.org"}

    html = by_address["script@example.org"].get_body(("html",)).get_content()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    eva = by_address["eva@example.org"]
    assert eva["Bcc"] is None and "x@example.org" not in [a.addr_spec for a in eva["To"].addresses]
    assert len(eva["To"].addresses) == 1
    anna = by_address["anna@example.org"]
    assert anna["To"].addresses[0].display_name == 'Müller, "Anna" <a@b>'
    assert all(len(m["To"].addresses) == 1 for m in messages)


def test_template_errors_name_the_line(demo: Path, tmp_path: Path, mail_env, helpers) -> None:
    templates = demo.parent / "templates"
    templates.mkdir()
    (templates / "kaputt.txt.j2").write_text("Hallo\n\n{% if %}\n")
    (templates / "kaputt.html.j2").write_text("<p>x</p>\n")
    (templates / "fehlt.txt.j2").write_text("Hallo\n{{ salutation }}\n{{ gibt_es_nicht }}\n")
    (templates / "fehlt.html.j2").write_text("<p>x</p>\n")
    repository = Repository(demo, user="t")
    repository.update("newsletters", 1, {"template": "kaputt"}, expected_rev=1)
    broken = helpers.ssa(demo, "newsletter", "render", "1", "--out", str(tmp_path / "a"), env=mail_env)
    assert broken.returncode == 1 and "Traceback" not in broken.stderr
    assert broken.stderr.startswith("Vorlage kaputt.txt.j2, Zeile 3:")
    repository.update("newsletters", 1, {"template": "fehlt"}, expected_rev=2)
    missing = helpers.ssa(demo, "newsletter", "render", "1", "--out", str(tmp_path / "b"), env=mail_env)
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert missing.stderr.startswith("Vorlage fehlt.txt.j2, Zeile 3:") and "gibt_es_nicht" in missing.stderr


def test_templates_beside_the_database_override_the_built_in_ones(
    demo: Path, tmp_path: Path, mail_env, helpers
) -> None:
    templates = demo.parent / "templates"
    templates.mkdir()
    (templates / "newsletter.txt.j2").write_text("Eigene Vorlage für {{ recipient.name }}\n")
    result = helpers.ssa(demo, "newsletter", "render", "1", "--out", str(tmp_path / "out"), env=mail_env)
    assert result.returncode == 0, result.stderr
    text = parse_folder(tmp_path / "out")[0].get_body(("plain",)).get_content()
    assert text == "Eigene Vorlage für Britta Thulfaut\n"


def test_the_sandbox_refuses_unsafe_template_code(demo: Path, tmp_path: Path, mail_env, helpers) -> None:
    templates = demo.parent / "templates"
    templates.mkdir()
    (templates / "newsletter.txt.j2").write_text("{{ recipient.__class__.__mro__[1].__subclasses__() }}\n")
    result = helpers.ssa(demo, "newsletter", "render", "1", "--out", str(tmp_path / "out"), env=mail_env)
    assert result.returncode == 1
    assert (
        result.stderr.strip() == "Vorlage newsletter.txt.j2, Zeile 1: In einer Vorlage nicht erlaubt: "
        "access to attribute '__class__' of 'dict' object is unsafe."
    )


def test_the_available_templates_are_listed(demo: Path, mail_env, helpers) -> None:
    templates = demo.parent / "templates"
    templates.mkdir()
    (templates / "sommer.txt.j2").write_text("x\n")
    (templates / "sommer.html.j2").write_text("<p>x</p>\n")
    (templates / "halb.txt.j2").write_text("nur Text\n")
    result = helpers.ssa(demo, "newsletter", "templates", env=mail_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["einladung", "newsletter", "sommer"]


def raw_lines(folder: Path) -> list[tuple[str, list[bytes]]]:
    """Each written message's header lines (as bytes, before any parsing)."""
    result = []
    for path in sorted(folder.glob("*.eml")):
        head = path.read_bytes().split(b"\n\n", 1)[0]
        result.append((path.name, head.split(b"\n")))
    return result


def decoded_to(folder: Path, address: str) -> str:
    """The ``To`` header of the message to ``address``, decoded as RFC 2047 says."""
    for path in folder.glob("*.eml"):
        value = email.message_from_bytes(path.read_bytes())["To"]  # compat32: the raw header
        if address in value:
            return str(make_header(decode_header(value)))
    raise AssertionError(address)


def test_headers_are_folded_idn_goes_out_as_punycode_and_the_date_is_berlin_time(
    demo: Path, tmp_path: Path, mail_env, helpers
) -> None:
    long_name = "Maximiliane " + "Müller-Lüdenscheidt " * 14 + "X" * 60
    assert len(long_name) >= 300
    helpers.store_raw_contact(demo, name=long_name, email="anna@müller.de", newsletter_consent=True)
    helpers.store_raw_contact(demo, name="A" * 300, email="plain@example.org", newsletter_consent=True)
    Repository(demo, user="t").update("newsletters", 1, {"subject": "Wort " * 20 + "Ü" * 90}, expected_rev=1)
    result = helpers.ssa(demo, "newsletter", "render", "1", "--out", str(tmp_path / "out"), env=mail_env)
    assert result.returncode == 0, result.stderr
    for name, lines in raw_lines(tmp_path / "out"):
        assert all(len(line) <= 78 for line in lines), (name, max(lines, key=len))
    messages = {m["To"].addresses[0].addr_spec: m for m in parse_folder(tmp_path / "out")}
    idn = messages["anna@xn--mller-kva.de"]
    # decoded as RFC 2047 says (white space between adjacent encoded-words is not text)
    assert decoded_to(tmp_path / "out", "anna@xn--mller-kva.de") == f"{long_name} <anna@xn--mller-kva.de>"
    assert decoded_to(tmp_path / "out", "plain@example.org") == f"{'A' * 300} <plain@example.org>"
    assert idn["Subject"] == "Wort " * 20 + "Ü" * 90
    berlin = datetime.now(ZoneInfo("Europe/Berlin")).utcoffset()
    assert all(m["Date"].datetime.utcoffset() == berlin for m in messages.values())
    text = idn.get_body(("plain",)).get_content()
    assert "\n-- \n" in text  # the signature separator mail clients recognise


def test_an_address_with_umlauts_before_the_at_is_skipped_with_its_reason(
    demo: Path, tmp_path: Path, smtp_server, mail_env, helpers
) -> None:
    _, recorder = smtp_server
    helpers.store_raw_contact(demo, name="Jörg", email="jörg@example.org", newsletter_consent=True)
    helpers.store_raw_contact(demo, name="Anna", email="anna@müller.de", newsletter_consent=True)
    rendered = helpers.ssa(demo, "newsletter", "render", "1", "--out", str(tmp_path / "out"), env=mail_env)
    assert rendered.returncode == 1 and "Traceback" not in rendered.stderr
    assert rendered.stderr.strip() == (
        "Empfänger übersprungen: jörg@example.org "
        "(Umlaute vor dem @ kann nicht jeder Mailserver zustellen: jörg@example.org)"
    )
    assert len(list((tmp_path / "out").glob("*.eml"))) == 3
    sent = helpers.ssa(demo, "newsletter", "send", "1", env=mail_env)
    assert sent.returncode == 1 and "Traceback" not in sent.stderr
    assert "Empfänger übersprungen: jörg@example.org" in sent.stderr
    assert "anna@xn--mller-kva.de" in recorder.recipients() and len(recorder.messages) == 3
    assert helpers.newsletter(demo)["status"] == "versendet"  # everyone who can get it got it


@pytest.mark.parametrize(
    ("template", "line", "reason"),
    [
        ("Hallo\n{{ 'x' * 10**10 }}\n", 2, "Ein Wert würde zu groß"),
        ("Hallo\n\n{% for i in range(10**9) %}{{ i }}{% endfor %}\n", 3, "Eine Zahl ist zu groß"),
        ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}\n{{ f(1) }}\n", 1, "ruft sich ohne Ende selbst auf"),
        ("{% for i in range(100000) %}\n{{ 'x' * 1000 }}\n{% endfor %}\n", 2, "erzeugt zu viel Text"),
        ("{{ 'x'|center(10**9) }}\n", 1, "Eine Zahl ist zu groß"),
        ("{% set a = 'x' * 1000000 %}\n{{ a|replace('x', a) }}\n", 2, "Ein Wert würde zu groß"),
        ("{{ '%999999999d' % 1 }}\n", 1, "Eine Zahl ist zu groß"),
        ("{% set _ = recipient.update({'email': 'x@evil.example'}) %}\n", 1, "nicht erlaubt"),
    ],
)
def test_a_template_that_works_too_much_stops_with_file_and_line(
    demo: Path, tmp_path: Path, mail_env, helpers, template, line, reason
) -> None:
    templates = demo.parent / "templates"
    templates.mkdir()
    (templates / "newsletter.txt.j2").write_text(template)
    before = demo.read_bytes()
    result = helpers.ssa(demo, "newsletter", "render", "1", "--out", str(tmp_path / "out"), env=mail_env)
    assert result.returncode == 1
    assert result.stderr.startswith(f"Vorlage newsletter.txt.j2, Zeile {line}: "), result.stderr
    assert reason in result.stderr and "Traceback" not in result.stderr
    assert demo.read_bytes() == before


def test_a_template_that_runs_too_long_stops_after_a_few_seconds(
    demo: Path, tmp_path: Path, mail_env, helpers
) -> None:
    templates = demo.parent / "templates"
    templates.mkdir()
    (templates / "newsletter.txt.j2").write_text(
        "{% set r = range(100000)|list %}\n{% for a in r %}{% for b in r %}{% endfor %}{% endfor %}\n"
    )
    result = helpers.ssa(demo, "newsletter", "render", "1", "--out", str(tmp_path / "out"), env=mail_env)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Vorlage newsletter.txt.j2, Zeile 2: Die Vorlage rechnet länger als 3 Sekunden – abgebrochen."
    )


def test_render_refuses_the_database_and_replaces_files_only_with_force(
    demo: Path, tmp_path: Path, mail_env, helpers
) -> None:
    before = demo.read_bytes()
    onto_db = helpers.ssa(demo, "newsletter", "render", "1", "--mbox", str(demo), env=mail_env)
    assert onto_db.returncode == 2 and demo.read_bytes() == before
    box = tmp_path / "out.mbox"
    first = helpers.ssa(demo, "newsletter", "render", "1", "--mbox", str(box), env=mail_env)
    assert first.returncode == 0, first.stderr
    assert len(mailbox.mbox(box)) == 2 and box.stat().st_mode & 0o777 == 0o660
    again = helpers.ssa(demo, "newsletter", "render", "1", "--mbox", str(box), env=mail_env)
    assert again.returncode == 2 and "Traceback" not in again.stderr
    forced = helpers.ssa(demo, "newsletter", "render", "1", "--mbox", str(box), "--force", env=mail_env)
    assert forced.returncode == 0 and len(mailbox.mbox(box)) == 2
