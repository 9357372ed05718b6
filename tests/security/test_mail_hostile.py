"""Hostile input against newsletters: every stored field and setting is untrusted, templates may be
wrong, people may send at the same time. Each case asserts the outcome: refused with a clear
message, or sent and shown as text — and nothing lost or mailed that should not be."""

from __future__ import annotations

import collections
import email
import importlib.util
import json
import mailbox
import os
import resource
import signal
import subprocess
import sys
from email import policy
from pathlib import Path

import pytest

from ssa_tui.mail.journal import delivered, sends_dir
from ssa_tui.store import Repository

_spec = importlib.util.spec_from_file_location(
    "mail_conftest", Path(__file__).parents[1] / "mail" / "conftest.py"
)
mail = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mail)  # the SMTP recorder and helpers of tests/mail (importlib mode)

DEMO = ["britta.thulfaut@kreis-soest.de", "verena.groene@kreis-soest.de"]


@pytest.fixture
def server():
    controller, recorder = mail.start_server()
    yield controller, recorder
    recorder.release.set()
    controller.stop()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db.json"
    mail.build(path)
    return path


@pytest.fixture
def env(server) -> dict[str, str]:
    controller, _ = server
    base = {k: v for k, v in os.environ.items() if not k.startswith("SSA_TUI_")}
    return {
        **base,
        "SSA_TUI_SMTP_HOST": "127.0.0.1",
        "SSA_TUI_SMTP_PORT": str(controller.port),
        "SSA_TUI_MAIL_FROM": mail.SENDER,
    }


def parsed(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=policy.default)


def send(db: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return mail.ssa(db, "newsletter", "send", "1", *args, env=env)


def only_headers(raw: bytes) -> list[str]:
    return [
        line.split(":", 1)[0]
        for line in raw.split(b"\r\n\r\n", 1)[0].decode().split("\r\n")
        if line[:1] != " "
    ]


# -- header injection: CR/LF in every field that reaches a header ------------------------------


def test_crlf_in_a_name_adds_no_header(db: Path, server, env) -> None:
    _, recorder = server
    mail.store_raw_contact(db, name="Eva\r\nBcc: spy@evil.example", email="eva@example.org")
    result = send(db, env)
    assert result.returncode == 0, result.stderr
    assert sorted(recorder.recipients()) == sorted([*DEMO, "eva@example.org"])
    eva = next(raw for tos, raw in recorder.messages if tos == ["eva@example.org"])
    assert "Bcc" not in only_headers(eva) and parsed(eva)["Bcc"] is None


def test_crlf_in_an_address_skips_that_recipient_with_its_reason(db: Path, server, env) -> None:
    _, recorder = server
    mail.store_raw_contact(db, name="Eva", email="eva@example.org\r\nBcc: spy@evil.example")
    result = send(db, env)
    assert result.returncode == 1
    assert (
        "Empfänger übersprungen: eva@example.org␍⏎Bcc: spy@evil.example (keine gültige Adresse"
        in result.stderr
    )
    assert sorted(recorder.recipients()) == sorted(DEMO)


def test_crlf_in_the_subject_adds_no_header_and_such_a_record_is_not_sent(
    db: Path, server, env, tmp_path: Path
) -> None:
    _, recorder = server
    data = json.loads(db.read_text())
    data["newsletters"]["1"]["subject"] = "X\r\nBcc: spy@evil.example\r\nNeues"
    db.write_text(json.dumps(data))
    before = db.read_bytes()
    box = tmp_path / "out.mbox"
    rendered = mail.ssa(db, "newsletter", "render", "1", "--mbox", str(box), env=env)
    assert rendered.returncode == 0, rendered.stderr
    for message in mailbox.mbox(box):
        raw = message.as_bytes().replace(b"\n", b"\r\n")
        assert "Bcc" not in only_headers(raw)
        assert parsed(raw)["Subject"] == "X Bcc: spy@evil.example Neues"
    sent = send(db, env)  # the record itself is invalid: refused before anything goes out
    assert sent.returncode == 1
    assert (
        sent.stderr.strip() == "Ungültige Eingaben: Betreff: Enthält Steuerzeichen, die nicht erlaubt sind."
    )
    assert recorder.connections == 0 and db.read_bytes() == before


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        (
            "SSA_TUI_MAIL_FROM",
            "a@kreis-soest.de\r\nBcc: spy@evil.example",
            "Mail-Einstellung SSA_TUI_MAIL_FROM: ",
        ),
        ("SSA_TUI_LIST_ID", "Liste\r\nBcc: spy@evil.example", "Mail-Einstellung SSA_TUI_LIST_ID: "),
        (
            "SSA_TUI_UNSUBSCRIBE_URL",
            "https://x.de/a\r\nBcc: spy@evil.example",
            "Mail-Einstellung SSA_TUI_UNSUBSCRIBE_URL: ",
        ),
        ("SSA_TUI_SMTP_HOST", "127.0.0.1\r\nX: y", "Mail-Einstellung SSA_TUI_SMTP_HOST: "),
    ],
)
def test_crlf_in_a_setting_is_refused_before_any_connection(
    db: Path, server, env, variable, value, message
) -> None:
    _, recorder = server
    result = send(db, {**env, variable: value})
    assert result.returncode == 1 and result.stderr.startswith(message) and "Traceback" not in result.stderr
    assert recorder.connections == 0 and not sends_dir(db).exists()


def test_crlf_in_the_test_address_is_refused(db: Path, server, env) -> None:
    _, recorder = server
    result = send(db, env, "--to", "a@b.de\r\nBcc: spy@evil.example")
    assert result.returncode == 1 and result.stderr.startswith("keine gültige Adresse: a@b.de␍⏎Bcc")
    assert recorder.connections == 0


# -- escapes, huge and odd values --------------------------------------------------------------


def test_terminal_escapes_in_a_stored_address_are_shown_not_sent_to_the_terminal(
    db: Path, server, env
) -> None:
    mail.store_raw_contact(db, name="X", email="a\x1b]52;c;ZXZpbA==\x07@example.org")
    result = send(db, env)
    assert result.returncode == 1 and "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "a␛]52;c;ZXZpbA==␇@example.org" in result.stderr


def test_markup_in_a_name_is_escaped_in_the_html_part(db: Path, server, env) -> None:
    _, recorder = server
    mail.store_raw_contact(db, name='<img src=x onerror="alert(1)">', email="img@example.org")
    assert send(db, env).returncode == 0
    raw = next(raw for tos, raw in recorder.messages if tos == ["img@example.org"])
    html = parsed(raw).get_body(("html",)).get_content()
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html and "<img" not in html


def test_a_huge_name_goes_out_folded(db: Path, server, env) -> None:
    _, recorder = server
    mail.store_raw_contact(db, name="Ä" * 20000, email="big@example.org")
    result = send(db, env)
    assert result.returncode == 0, result.stderr
    raw = next(raw for tos, raw in recorder.messages if tos == ["big@example.org"])
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert max(len(line) for line in head.split(b"\r\n")) <= 78


@pytest.mark.parametrize("stored", [123, ["a@example.org"], {"to": "a@example.org"}, None])
def test_a_stored_address_that_is_not_text_never_crashes(db: Path, server, env, stored) -> None:
    _, recorder = server
    mail.store_raw_contact(db, name=["not", "text"], email=stored)
    result = send(db, env)
    assert "Traceback" not in result.stderr and result.returncode in (0, 1)
    assert sorted(recorder.recipients()) == sorted(DEMO)


def test_an_idn_domain_goes_out_as_punycode_in_envelope_and_header(db: Path, server, env) -> None:
    _, recorder = server
    mail.store_raw_contact(db, name="Anna", email="anna@bücher.example")
    assert send(db, env).returncode == 0
    assert "anna@xn--bcher-kva.example" in recorder.recipients()
    raw = next(raw for tos, raw in recorder.messages if tos == ["anna@xn--bcher-kva.example"])
    assert b"<anna@xn--bcher-kva.example>" in raw and raw.isascii()


# -- templates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "template",
    [
        "{% set _ = recipient.update({'email': 'spy@evil.example'}) %}{{ recipient.email }}\n",
        "{% set _ = events.append({'title': 'x'}) %}\n",
        "{{ recipient.__class__.__mro__[1].__subclasses__() }}\n",
        "{{ 'x' * 10**10 }}\n",
        "{{ cycler.__init__.__globals__ }}\n",
    ],
)
def test_a_hostile_template_sends_nothing_and_changes_nothing(db: Path, server, env, template) -> None:
    _, recorder = server
    (db.parent / "templates").mkdir()
    (db.parent / "templates" / "newsletter.txt.j2").write_text(template)
    before = db.read_bytes()
    result = send(db, env)
    assert result.returncode == 1 and result.stderr.startswith("Vorlage newsletter.txt.j2, Zeile 1: ")
    assert "Traceback" not in result.stderr
    assert recorder.connections == 0 and recorder.messages == []
    assert db.read_bytes() == before and not sends_dir(db).exists()


# -- roles, concurrency, planted files ---------------------------------------------------------


def test_a_viewer_send_makes_no_connection_and_no_journal(db: Path, server, env) -> None:
    _, recorder = server
    mail.write_config(db, '[roles]\nbritta = "editor"\n')
    before = db.read_bytes()
    result = mail.ssa(db, "--user", "gast", "newsletter", "send", "1", env=env)
    assert result.returncode == 2 and "gast" in result.stderr
    assert recorder.connections == 0 and not sends_dir(db).exists() and db.read_bytes() == before


def test_a_second_send_at_the_same_time_is_refused_and_nobody_gets_two(db: Path, server, env) -> None:
    _, recorder = server
    mail.add_people(db, 20)
    recorder.hold_at = 3
    command = [
        sys.executable,
        "-m",
        "ssa_tui",
        "--db",
        str(db),
        "--user",
        "britta",
        "newsletter",
        "send",
        "1",
    ]
    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert recorder.holding.wait(60)
    second = mail.ssa(db, "--user", "verena", "newsletter", "send", "1", env=env)
    assert second.returncode == 2 and "wird gerade von britta versendet" in second.stderr
    recorder.release.set()
    assert first.wait(120) == 0
    assert set(collections.Counter(recorder.recipients()).values()) == {1} and len(recorder.messages) == 22


def test_a_planted_symlink_as_journal_is_not_followed(db: Path, server, env, tmp_path: Path) -> None:
    _, recorder = server
    uid = "0123456789abcdef0123456789abcdef"
    Repository(db, user="t").update("newsletters", 1, {"uid": uid}, expected_rev=1)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    sends_dir(db).mkdir()
    (sends_dir(db) / f"newsletter-{uid}.jsonl").symlink_to(victim)
    result = send(db, env)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(
        f"Versandprotokoll {sends_dir(db)}/newsletter-{uid}.jsonl lässt sich nicht öffnen"
    )
    assert victim.read_text() == "keep me\n" and recorder.messages == []


@pytest.mark.parametrize("target", ["templates", "db.json.sends", "db.json.backups"])
def test_render_never_writes_into_the_databases_own_folders(db: Path, env, target: str) -> None:
    folder = db.with_name(target)
    result = mail.ssa(db, "newsletter", "render", "1", "--out", str(folder), env=env)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert not folder.exists() or list(folder.glob("*.eml")) == []


def test_a_journal_that_cannot_grow_stops_the_send_with_its_name(db: Path, server, env) -> None:
    """Disk full, as a file-size limit for the sending process: it stops and says where."""
    _, recorder = server
    mail.add_people(db, 10)
    uid = "0123456789abcdef0123456789abcdef"
    Repository(db, user="t").update("newsletters", 1, {"uid": uid}, expected_rev=1)
    limit = db.stat().st_size + 20000
    sends_dir(db).mkdir()
    journal = sends_dir(db) / f"newsletter-{uid}.jsonl"
    journal.write_text("x" * (limit - 100) + "\n")  # not a mark: ignored, but the file is nearly full

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a kill
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    # Without coverage's subprocess measurement: its data file could not grow either.
    plain = {k: v for k, v in env.items() if not k.startswith("COVERAGE")}
    result = mail.ssa(db, "newsletter", "send", "1", env=plain, preexec_fn=small_files)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(
        f"Versandprotokoll {journal} lässt sich nicht schreiben (kein Speicherplatz mehr frei)"
    )
    marked = delivered(journal)
    assert 1 <= len(marked) < 10
    assert len(recorder.messages) == len(marked) + 1  # stopped at the first mark that did not fit
    assert Repository(db, user="t").get("newsletters", 1)["status"] == "Entwurf"
