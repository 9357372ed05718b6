"""Mail settings from ``[mail]`` in the settings file, the password file and the environment;
STARTTLS and login against a real aiosmtpd with a certificate made for the test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ssa_tui.mail.settings import MailSettings, problems, settings_for
from ssa_tui.store.config import load_config

SENDER = "schulsozialarbeit@kreis-soest.de"


def bare_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SSA_TUI_")}
    env.update(extra)
    return env


def mail_table(port: int, **values: object) -> str:
    settings = {
        "host": "localhost",
        "port": port,
        "starttls": True,
        "user": "office",
        "password_file": "smtp-password",
        "sender": SENDER,
        **values,
    }
    lines = [
        f"{k} = {str(v).lower() if isinstance(v, bool) else repr(v)}".replace("'", '"')
        for k, v in settings.items()
    ]
    return "[mail]\n" + "\n".join(lines) + "\n"


def test_settings_file_and_password_file_send_over_starttls_with_login(
    demo: Path, tls_server, helpers
) -> None:
    controller, recorder, cert = tls_server
    helpers.write_config(demo, mail_table(controller.port))
    password = demo.with_name("smtp-password")
    password.write_text("geheim\n")
    password.chmod(0o600)
    result = helpers.ssa(demo, "newsletter", "send", "1", env=bare_env(SSL_CERT_FILE=str(cert)))
    assert result.returncode == 0, result.stderr
    assert recorder.logins == ["office:geheim"]
    assert len(recorder.messages) == 2
    assert problems(demo) == []


def test_a_password_file_others_can_read_is_refused_with_its_fix(demo: Path, tls_server, helpers) -> None:
    controller, recorder, cert = tls_server
    helpers.write_config(demo, mail_table(controller.port))
    password = demo.with_name("smtp-password")
    password.write_text("geheim\n")
    password.chmod(0o640)
    result = helpers.ssa(demo, "newsletter", "send", "1", env=bare_env(SSL_CERT_FILE=str(cert)))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"Passwortdatei {password} ist für andere lesbar (Rechte 640) – nicht verwendet. "
        f"Abhilfe: chmod 600 {password}"
    )
    assert recorder.connections == 0


def test_without_starttls_the_server_refuses_the_login_and_says_so(demo: Path, tls_server, helpers) -> None:
    controller, recorder, cert = tls_server
    helpers.write_config(demo, mail_table(controller.port, starttls=False))
    env = bare_env(SSL_CERT_FILE=str(cert), SSA_TUI_SMTP_PASSWORD="geheim")
    result = helpers.ssa(demo, "newsletter", "send", "1", env=env)
    assert (
        result.returncode == 1
        and result.stderr.startswith("SMTP-Fehler")
        and "Traceback" not in result.stderr
    )
    assert recorder.messages == [] and recorder.logins == []


def test_environment_overrides_the_file(demo: Path, helpers) -> None:
    helpers.write_config(
        demo, '[mail]\nhost = "smtp.kreis-soest.de"\nport = 587\nsender = "a@kreis-soest.de"\n'
    )
    env = {"SSA_TUI_SMTP_HOST": "127.0.0.1", "SSA_TUI_SMTP_PORT": "2525", "SSA_TUI_SMTP_STARTTLS": "ja"}
    settings = MailSettings.load(load_config(demo), env)
    assert (settings.host, settings.port, settings.starttls, settings.mail_from) == (
        "127.0.0.1",
        2525,
        True,
        "a@kreis-soest.de",
    )
    assert "geheim" not in repr(MailSettings(password="geheim"))


@pytest.mark.parametrize(
    ("env", "table", "message"),
    [
        (
            {"SSA_TUI_SMTP_PORT": "abc"},
            "",
            "Mail-Einstellung SSA_TUI_SMTP_PORT: 'abc' ist keine Portnummer (1–65535).",
        ),
        ({}, "port = 70000\n", "Mail-Einstellung port unter [mail] in {config}: 70000 ist keine Portnummer"),
        ({}, 'starttls = "vielleicht"\n', "Mail-Einstellung starttls unter [mail] in {config}: 'vielleicht'"),
        (
            {},
            'sender = "kein-absender"\n',
            "Mail-Einstellung sender unter [mail] in {config}: 'kein-absender'",
        ),
        (
            {"SSA_TUI_UNSUBSCRIBE_URL": "javascript:alert(1)"},
            "",
            "Mail-Einstellung SSA_TUI_UNSUBSCRIBE_URL: 'javascript:alert(1)' ist keine Abmelde-Adresse",
        ),
        (
            {},
            'unsubscribe_url = "https://x.de/a b"\n',
            "Mail-Einstellung unsubscribe_url unter [mail] in {config}: 'https://x.de/a b'",
        ),
        ({}, 'hots = "x"\n', "Unbekannte Einstellung hots unter [mail] in {config}"),
    ],
)
def test_a_wrong_setting_is_one_clear_message(demo: Path, helpers, monkeypatch, env, table, message) -> None:
    config = helpers.write_config(demo, "[mail]\n" + table)
    out = demo.with_name("out")
    result = helpers.ssa(demo, "newsletter", "render", "1", "--out", str(out), env=bare_env(**env))
    assert result.returncode == 1
    assert result.stderr.startswith(message.format(config=config)), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not out.exists()
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    found = problems(demo)
    assert len(found) == 1 and found[0].startswith(message.format(config=config))


def test_a_missing_sender_is_one_message_and_check_names_it(demo: Path, helpers, monkeypatch) -> None:
    out = demo.with_name("out")
    result = helpers.ssa(demo, "newsletter", "render", "1", "--out", str(out), env=bare_env())
    assert result.returncode == 1 and result.stderr.startswith("Kein Absender: bitte sender = ")
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    for name in ("SSA_TUI_MAIL_FROM", "SSA_TUI_SMTP_HOST"):
        monkeypatch.delenv(name, raising=False)
    assert [p.split(":")[0] for p in problems(demo)] == ["Kein Absender", "Kein SMTP-Server"]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('sender = "buero@-soest.de"\n', "'buero@-soest.de' ist keine Absenderadresse"),
        ('sender = "buero@ä-.de"\n', "'buero@ä-.de' ist keine Absenderadresse"),
        ('sender = "buero@localhost"\n', "'buero@localhost' ist keine Absenderadresse"),
        ('unsubscribe_url = "https://ä-.de/ab"\n', "'https://ä-.de/ab' ist keine Abmelde-Adresse"),
        ("starttls = 1\n", "1 – bitte true oder false (ja/nein)."),
        (
            'password_file = "fehlt.txt"\n',
            "Passwortdatei {folder}/fehlt.txt ist nicht lesbar: Datei oder Ordner nicht gefunden",
        ),
    ],
)
def test_more_wrong_settings_are_one_message_each(
    demo: Path, helpers, monkeypatch, table: str, message: str
) -> None:
    for name in [n for n in os.environ if n.startswith("SSA_TUI_")]:
        monkeypatch.delenv(name)
    if "sender" not in table:
        table = 'sender = "buero@kreis-soest.de"\nhost = "127.0.0.1"\n' + table
    config = helpers.write_config(demo, "[mail]\n" + table)
    found = problems(demo)
    assert len(found) == 1, found
    assert message.format(folder=config.parent) in found[0]


def test_an_idn_unsubscribe_host_goes_out_as_punycode(demo: Path, helpers, monkeypatch) -> None:
    for name in [n for n in os.environ if n.startswith("SSA_TUI_")]:
        monkeypatch.delenv(name)
    helpers.write_config(
        demo, '[mail]\nsender = "a@kreis-soest.de"\nunsubscribe_url = "https://münster.de/ab?x=1"\n'
    )
    settings = settings_for(demo)
    assert settings.unsubscribe_url == "https://xn--mnster-3ya.de/ab?x=1"
    assert settings.unsubscribe_link({"id": 1, "email": "p@example.org"}).startswith(
        "https://xn--mnster-3ya.de/ab?x=1&c="
    )


def test_an_idn_host_written_with_capitals_is_taken_too(demo: Path, helpers, monkeypatch) -> None:
    for name in [n for n in os.environ if n.startswith("SSA_TUI_")]:
        monkeypatch.delenv(name)
    helpers.write_config(
        demo, '[mail]\nsender = "a@kreis-soest.de"\nunsubscribe_url = "https://Bücher.Example/Ab?x=1"\n'
    )
    assert settings_for(demo).unsubscribe_url == "https://xn--bcher-kva.example/Ab?x=1"
