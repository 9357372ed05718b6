"""Rendered messages parsed back with Python's email parser: structure, headers, escaping."""

from __future__ import annotations

import email
import mailbox
from email import policy
from pathlib import Path

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
