"""Mail settings, the delivery journal and the send lock called in-process, each result exact:
every value at the edge of what is accepted, every refusal's German message, the journal's
lines and file names, and who holds a lock."""

from __future__ import annotations

import hashlib
import json
import os
import re
import resource
import signal
import fcntl
from pathlib import Path

import pytest

from ssa_tui.mail.journal import Journal, JournalFailed, SendLock, delivered, journal_path, sends_dir
from ssa_tui.mail.settings import MailSettings, MailSettingsError
from ssa_tui.store.config import load_config

SENDER = "office@kreis-soest.de"


def load(tmp_path: Path, table: str = "", **env: str) -> MailSettings:
    db = tmp_path / "db.json"
    (tmp_path / "ssa-tui.toml").write_text("[mail]\n" + table, encoding="utf-8")
    return MailSettings.load(load_config(db, None), env)


def refusal(tmp_path: Path, table: str = "", **env: str) -> str:
    with pytest.raises(MailSettingsError) as raised:
        load(tmp_path, table, **env)
    return str(raised.value)


def test_defaults_and_every_value_from_the_file(tmp_path: Path) -> None:
    assert load(tmp_path) == MailSettings()
    assert load(tmp_path).port == 25 and load(tmp_path).starttls is False
    full = load(
        tmp_path,
        'host = " smtp.example.org "\nport = 587\nstarttls = true\nuser = "office"\n'
        f'sender = "{SENDER}"\nlist_id = "Liste <l.example.org>"\nunsubscribe_url = "https://ab.example.org/weg"\n',
    )
    assert full == MailSettings(
        host="smtp.example.org",
        port=587,
        user="office",
        starttls=True,
        mail_from=SENDER,
        unsubscribe_url="https://ab.example.org/weg",
        list_id="Liste <l.example.org>",
    )


@pytest.mark.parametrize(("raw", "port"), [("", 25), ("1", 1), ("65535", 65535), (" 587 ", 587)])
def test_ports_at_the_edges(tmp_path: Path, raw: str, port: int) -> None:
    assert load(tmp_path, SSA_TUI_SMTP_PORT=raw).port == port


@pytest.mark.parametrize(
    ("table", "shown"),
    [
        ("port = 0", "0"),
        ("port = 65536", "65536"),
        ("port = true", "True"),
        ("port = 1.0", "1.0"),
        ('port = "x"', "'x'"),
    ],
)
def test_wrong_ports_are_refused_naming_the_file(tmp_path: Path, table: str, shown: str) -> None:
    path = tmp_path / "ssa-tui.toml"
    assert refusal(tmp_path, table) == (
        f"Mail-Einstellung port unter [mail] in {path}: {shown} ist keine Portnummer (1–65535)."
    )


@pytest.mark.parametrize(
    ("raw", "flag"),
    [("ja", True), (" YES ", True), ("1", True), ("nein", False), ("off", False), ("", False)],
)
def test_starttls_words(tmp_path: Path, raw: str, flag: bool) -> None:
    assert load(tmp_path, SSA_TUI_SMTP_STARTTLS=raw).starttls is flag


def test_a_wrong_flag_and_a_long_value_are_shown_cut_to_60(tmp_path: Path) -> None:
    assert refusal(tmp_path, SSA_TUI_SMTP_STARTTLS="vielleicht") == (
        "Mail-Einstellung SSA_TUI_SMTP_STARTTLS: 'vielleicht' – bitte true oder false (ja/nein)."
    )
    assert refusal(tmp_path, "starttls = 1") == (
        f"Mail-Einstellung starttls unter [mail] in {tmp_path / 'ssa-tui.toml'}: 1 – bitte true oder false (ja/nein)."
    )
    long = "x" * 100
    assert refusal(tmp_path, SSA_TUI_SMTP_PORT=long) == (
        f"Mail-Einstellung SSA_TUI_SMTP_PORT: '{'x' * 59} ist keine Portnummer (1–65535)."
    )


@pytest.mark.parametrize(
    "sender",
    [
        "a b@kreis-soest.de",
        "@kreis-soest.de",
        "kreis-soest.de",
        "a@b@kreis-soest.de",
        "a@localhost",
        "a@-x.de",
    ],
)
def test_wrong_senders_are_refused(tmp_path: Path, sender: str) -> None:
    assert refusal(tmp_path, SSA_TUI_MAIL_FROM=sender) == (
        f"Mail-Einstellung SSA_TUI_MAIL_FROM: {sender!r} ist keine Absenderadresse "
        "(z. B. schulsozialarbeit@kreis-soest.de)."
    )


def test_an_idn_sender_goes_out_in_punycode(tmp_path: Path) -> None:
    settings = load(tmp_path, SSA_TUI_MAIL_FROM="office@bücher.example")
    assert settings.mail_from == "office@bücher.example"
    assert settings.sender_address() == "office@xn--bcher-kva.example"
    capitals = load(tmp_path, SSA_TUI_MAIL_FROM="Office@Bücher.EXAMPLE")  # UTS 46 maps case first
    assert capitals.sender_address() == "Office@xn--bcher-kva.example"


@pytest.mark.parametrize(
    "url",
    [
        "ftp://x.de/ab",
        "https:///weg",
        "https://x.de/ab#frei",
        "https://x.de/" + "a" * 488,
        "https://bücher.example/bücher.example",
        'https://x.de/"ab"',
    ],
)
def test_wrong_unsubscribe_addresses_are_refused(tmp_path: Path, url: str) -> None:
    assert refusal(tmp_path, SSA_TUI_UNSUBSCRIBE_URL=url) == (
        f"Mail-Einstellung SSA_TUI_UNSUBSCRIBE_URL: {url!r:.60} ist keine Abmelde-Adresse "
        "(https://… ohne Leerzeichen, Anführungszeichen oder #)."
    )


@pytest.mark.parametrize(
    ("url", "stored"),
    [
        ("http://x.de/ab", "http://x.de/ab"),
        ("https://x.de/" + "a" * 487, "https://x.de/" + "a" * 487),
        ("https://bücher.example/ab", "https://xn--bcher-kva.example/ab"),
    ],
)
def test_unsubscribe_addresses_accepted(tmp_path: Path, url: str, stored: str) -> None:
    assert load(tmp_path, SSA_TUI_UNSUBSCRIBE_URL=url).unsubscribe_url == stored


def test_unknown_keys_and_control_characters_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "ssa-tui.toml"
    assert refusal(tmp_path, 'server = "x"') == (
        f"Unbekannte Einstellung server unter [mail] in {path} – erlaubt: host, port, starttls, user, "
        "password_file, sender, list_id, unsubscribe_url."
    )
    assert refusal(tmp_path, SSA_TUI_SMTP_HOST="a\x7fb") == (
        "Mail-Einstellung SSA_TUI_SMTP_HOST: 'a\\x7fb' ist kein einfacher Text."
    )
    assert (
        refusal(tmp_path, "user = 5")
        == f"Mail-Einstellung user unter [mail] in {path}: 5 ist kein einfacher Text."
    )


def test_the_password_file_beside_the_settings_first_line_only_its_owner(tmp_path: Path) -> None:
    secret = tmp_path / "pw"
    secret.write_text("geheim  \r\nzweite\n", encoding="utf-8")
    secret.chmod(0o600)
    assert load(tmp_path, 'password_file = "pw"').password == "geheim  "
    assert load(tmp_path, 'password_file = "pw"', SSA_TUI_SMTP_PASSWORD="env").password == "env"
    secret.write_text("XgeheimX\n", encoding="utf-8")
    assert load(tmp_path, 'password_file = "pw"').password == "XgeheimX"  # only the line end goes
    secret.chmod(0o640)
    assert refusal(tmp_path, 'password_file = "pw"') == (
        f"Passwortdatei {secret} ist für andere lesbar (Rechte 640) – nicht verwendet. Abhilfe: chmod 600 {secret}"
    )
    secret.chmod(0o604)
    assert "(Rechte 604)" in refusal(tmp_path, f'password_file = "{secret}"')
    secret.chmod(0o600)
    secret.write_bytes(b"\xff\xfe\n")
    assert (
        refusal(tmp_path, 'password_file = "pw"')
        == f"Passwortdatei {secret} ist nicht lesbar: UnicodeDecodeError"
    )
    missing = tmp_path / "fehlt"
    assert refusal(tmp_path, 'password_file = "fehlt"') == (
        f"Passwortdatei {missing} ist nicht lesbar: Datei oder Ordner nicht gefunden"
    )


def test_token_link_and_requirements() -> None:
    settings = MailSettings(mail_from=SENDER)
    contact = {"id": 3, "email": "a@example.org"}
    token = hashlib.sha256(f"{SENDER}|3|a@example.org".encode()).hexdigest()[:24]
    assert settings.token(contact) == token
    assert settings.token({}) == hashlib.sha256(f"{SENDER}|None|None".encode()).hexdigest()[:24]
    assert settings.unsubscribe_link(contact) == "mailto:office@kreis-soest.de?subject=Abmelden"
    linked = MailSettings(mail_from=SENDER, unsubscribe_url="https://x.de/ab")
    assert linked.unsubscribe_link(contact) == f"https://x.de/ab?c={linked.token(contact)}"
    assert linked.token(contact) == token  # the token depends on sender and contact only
    with pytest.raises(MailSettingsError) as no_sender:
        MailSettings(host="h").require_sender()
    assert str(no_sender.value) == (
        'Kein Absender: bitte sender = "…" unter [mail] in ssa-tui.toml eintragen '
        "oder SSA_TUI_MAIL_FROM setzen (z. B. schulsozialarbeit@kreis-soest.de)."
    )
    with pytest.raises(MailSettingsError) as no_host:
        settings.require_server()
    assert str(no_host.value) == (
        'Kein SMTP-Server: bitte host = "…" unter [mail] in ssa-tui.toml eintragen oder SSA_TUI_SMTP_HOST setzen.'
    )
    MailSettings(host="h", mail_from=SENDER).require_server()
    assert "geheim" not in repr(MailSettings(password="geheim"))


def test_journal_files_are_named_per_round_beside_the_database(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert sends_dir(Path("db.json")) == tmp_path / "db.json.sends"
    assert journal_path(Path("db.json"), "u1") == tmp_path / "db.json.sends" / "newsletter-u1.jsonl"
    assert journal_path(Path("db.json"), "u1", 1).name == "newsletter-u1.round2.jsonl"
    assert journal_path(Path("db.json"), "u1", 2).name == "newsletter-u1.round3.jsonl"


def test_marks_are_lines_in_utc_read_back_case_folded(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    path = journal_path(db, "u")
    journal = Journal(path, db)
    assert journal.path == path
    at = journal.mark("Anna@Example.org")
    journal.close()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", at)
    assert path.read_text() == json.dumps({"to": "Anna@Example.org", "at": at}) + "\n"
    with open(path, "a") as handle:
        handle.write(
            '["no dict"]\n{"to": 5, "at": "x"}\n{"at": "x"}\n{"to": "b@example.org", "at": "t2"}\n{"to": "c@'
        )
    assert delivered(path) == {"anna@example.org": at, "b@example.org": "t2"}
    assert delivered(tmp_path / "none.jsonl") == {}


@pytest.mark.parametrize(("before", "after"), [("", ""), ("x\n", "x\n"), ("x\ny", "x\ny\n")])
def test_a_journal_ends_a_torn_line_when_opened(tmp_path: Path, before: str, after: str) -> None:
    db = tmp_path / "db.json"
    path = journal_path(db, "u")
    path.parent.mkdir()
    path.write_text(before)
    Journal(path, db).close()
    assert path.read_text() == after


def test_a_journal_that_cannot_be_opened_or_written_names_itself(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    path = journal_path(db, "u")
    path.parent.mkdir()
    path.symlink_to(tmp_path / "elsewhere")
    (tmp_path / "elsewhere").write_text("")
    with pytest.raises(JournalFailed) as planted:
        Journal(path, db)
    assert str(planted.value) == (
        f"Versandprotokoll {path} lässt sich nicht öffnen (zu viele symbolische Verweise) – nichts versendet."
    )
    path.unlink()
    journal = Journal(path, db)
    journal.mark("a@example.org")
    size = path.stat().st_size
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    old_limit = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size + 10, old_limit[1]))
    try:
        with pytest.raises(JournalFailed) as short:
            journal.mark("b@example.org")
        with pytest.raises(JournalFailed) as full:
            journal.mark("c@example.org")
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, old_limit)
        signal.signal(signal.SIGXFSZ, old_handler)
        journal.close()
    tail = " – Versand angehalten; beim nächsten Versand geht die letzte Nachricht womöglich ein zweites Mal hinaus."
    assert (
        str(short.value)
        == f"Versandprotokoll {path} lässt sich nicht schreiben (kein Speicherplatz mehr frei){tail}"
    )
    assert str(full.value) == f"Versandprotokoll {path} lässt sich nicht schreiben (Datei zu groß){tail}"


def test_the_lock_names_its_holder_until_released(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    first, second = SendLock(db, "u"), SendLock(db, "u")
    second.release()  # never acquired: nothing to do
    assert first.acquire("anna", "09:00") is None
    assert json.loads(first.path.read_text()) == {"user": "anna", "since": "09:00", "pid": os.getpid()}
    assert second.acquire("bob", "09:05") == {"user": "anna", "since": "09:00"}
    first.release()
    assert first.path.read_text() == ""
    assert second.acquire("bob", "09:05") is None
    second.release()
    for junk, holder in [("{}", {"user": "?", "since": "?"}), ("kaputt", {"user": "?", "since": "?"})]:
        fd = os.open(first.path, os.O_RDWR)
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.pwrite(fd, junk.encode(), 0)
        try:
            assert second.acquire("bob", "09:10") == holder
        finally:
            os.ftruncate(fd, 0)
            os.close(fd)
