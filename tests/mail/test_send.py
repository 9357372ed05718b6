"""Sending to a real SMTP server on 127.0.0.1 (aiosmtpd), through the real command line."""

from __future__ import annotations

import collections
import subprocess
import sys
from pathlib import Path

from ssa_tui.mail.journal import delivered, journal_path
from ssa_tui.store import Repository


def test_one_mail_to_each_consenting_recipient_and_force_to_send_again(
    demo: Path, smtp_server, mail_env, helpers
) -> None:
    _, recorder = smtp_server
    consenting = helpers.add_people(demo, 5, consent=True)
    helpers.add_people(demo, 3, consent=False)
    helpers.store_raw_contact(demo, name="Kaputt", email="kaputt@@example.org", newsletter_consent=True)

    result = helpers.ssa(demo, "newsletter", "send", "1", env=mail_env)
    assert result.returncode == 0, result.stderr
    expected = {"britta.thulfaut@kreis-soest.de", "verena.groene@kreis-soest.de", *consenting}
    assert sorted(recorder.recipients()) == sorted(expected)
    assert "7 versendet, 0 schon zuvor versendet, 0 fehlgeschlagen (von 7 Empfängern)." in result.stdout
    newsletter = Repository(demo, user="t").get("newsletters", 1)
    assert newsletter["status"] == "versendet" and newsletter["sent_count"] == 7
    assert set(newsletter["deliveries"]) == {a.casefold() for a in expected}

    again = helpers.ssa(demo, "newsletter", "send", "1", env=mail_env)
    assert again.returncode == 1 and "--force" in again.stderr
    assert len(recorder.messages) == 7
    forced = helpers.ssa(demo, "newsletter", "send", "1", "--force", env=mail_env)
    assert forced.returncode == 0, forced.stderr
    assert len(recorder.messages) == 14


def test_a_send_killed_halfway_resumes_without_mailing_anyone_twice(
    demo: Path, smtp_server, mail_env, helpers
) -> None:
    _, recorder = smtp_server
    helpers.add_people(demo, 30)
    recorder.hold_at = 12  # the 12th mail waits at RCPT: the sender is killed right there
    command = [sys.executable, "-m", "ssa_tui", "--db", str(demo), "newsletter", "send", "1"]
    first = subprocess.Popen(command, env=mail_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert recorder.holding.wait(60)
    first.kill()
    first.wait()
    recorder.release.set()
    assert len(delivered(journal_path(demo, 1))) == 11
    assert Repository(demo, user="t").get("newsletters", 1)["status"] == "Entwurf"

    second = helpers.ssa(demo, "newsletter", "send", "1", env=mail_env)
    assert second.returncode == 0, second.stderr
    assert "21 versendet, 11 schon zuvor versendet" in second.stdout
    counts = collections.Counter(recorder.recipients())
    assert len(counts) == 32 and set(counts.values()) == {1}


def test_dry_run_and_test_send(demo: Path, smtp_server, mail_env, helpers) -> None:
    _, recorder = smtp_server
    dry = helpers.ssa(demo, "newsletter", "send", "1", "--dry-run", env=mail_env)
    assert dry.returncode == 0 and "2 Empfänger" in dry.stdout and recorder.messages == []
    test = helpers.ssa(demo, "newsletter", "send", "1", "--to", "pruefung@example.org", env=mail_env)
    assert test.returncode == 0, test.stderr
    assert recorder.recipients() == ["pruefung@example.org"]
    assert Repository(demo, user="t").get("newsletters", 1)["status"] == "Entwurf"
    bad = helpers.ssa(demo, "newsletter", "send", "1", "--to", "a@b.de\r\nBcc: x@example.org", env=mail_env)
    assert bad.returncode == 1 and len(recorder.messages) == 1


def test_no_server_is_a_clear_error(demo: Path, mail_env, helpers) -> None:
    env = {**mail_env, "SSA_TUI_SMTP_PORT": "1"}
    result = helpers.ssa(demo, "newsletter", "send", "1", env=env)
    assert (
        result.returncode == 1
        and result.stderr.startswith("SMTP-Fehler")
        and "Traceback" not in result.stderr
    )
    assert Repository(demo, user="t").get("newsletters", 1)["status"] == "Entwurf"
