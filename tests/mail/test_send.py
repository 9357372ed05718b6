"""Sending to a real SMTP server on 127.0.0.1 (aiosmtpd), through the real command line."""

from __future__ import annotations

import collections
import email
import shutil
import subprocess
import sys
from email import policy
from pathlib import Path

from ssa_tui.mail.journal import delivered, journal_path, sends_dir
from ssa_tui.store import Repository

DEMO_RECIPIENTS = {"britta.thulfaut@kreis-soest.de", "verena.groene@kreis-soest.de"}


def test_one_mail_to_each_consenting_recipient_and_force_to_send_again(
    demo: Path, smtp_server, mail_env, helpers
) -> None:
    _, recorder = smtp_server
    consenting = helpers.add_people(demo, 5, consent=True)
    helpers.add_people(demo, 3, consent=False)
    helpers.store_raw_contact(demo, name="Kaputt", email="kaputt@@example.org", newsletter_consent=True)

    result = helpers.ssa(demo, "newsletter", "send", "1", env=mail_env)
    assert result.returncode == 1, result.stderr  # one stored address could not go out: reported
    assert "Empfänger übersprungen: kaputt@@example.org (keine gültige Adresse" in result.stderr
    assert "Traceback" not in result.stderr
    expected = {*DEMO_RECIPIENTS, *consenting}
    assert sorted(recorder.recipients()) == sorted(expected)
    assert "7 versendet, 0 schon zuvor versendet, 0 fehlgeschlagen (von 7 Empfängern)." in result.stdout
    newsletter = helpers.newsletter(demo)
    assert newsletter["status"] == "versendet" and newsletter["sent_count"] == 7
    assert set(newsletter["deliveries"]) == {a.casefold() for a in expected}
    assert len(newsletter["uid"]) == 32
    assert [r["count"] for r in newsletter["rounds"]] == [7]
    first_sent_at = newsletter["sent_at"]

    again = helpers.ssa(demo, "newsletter", "send", "1", env=mail_env)
    assert again.returncode == 1 and "--force" in again.stderr
    assert len(recorder.messages) == 7
    forced = helpers.ssa(demo, "newsletter", "send", "1", "--force", env=mail_env)
    assert forced.returncode == 1, forced.stderr  # the broken address is reported again
    assert len(recorder.messages) == 14
    resent = helpers.newsletter(demo)
    assert resent["sent_at"] == first_sent_at  # the first send's time stays
    assert [r["count"] for r in resent["rounds"]] == [7, 7]
    ids = collections.Counter(
        line
        for _, raw in recorder.messages
        for line in raw.decode().splitlines()
        if line.startswith("Message-ID")
    )
    assert len(ids) == 14  # a new round has new Message-IDs


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
    uid = helpers.newsletter(demo)["uid"]
    assert len(delivered(journal_path(demo, uid))) == 11
    assert helpers.newsletter(demo)["status"] == "Entwurf"

    second = helpers.ssa(demo, "newsletter", "send", "1", env=mail_env)
    assert second.returncode == 0, second.stderr
    assert "21 versendet, 11 schon zuvor versendet" in second.stdout
    counts = collections.Counter(recorder.recipients())
    assert len(counts) == 32 and set(counts.values()) == {1}


def test_two_sends_at_once_mail_each_of_1000_people_exactly_once(
    demo: Path, smtp_server, mail_env, helpers
) -> None:
    _, recorder = smtp_server
    helpers.add_people(demo, 1000)
    recorder.hold_at = 5  # the first sender is mid-send while the second one starts
    command = [
        sys.executable,
        "-m",
        "ssa_tui",
        "--db",
        str(demo),
        "--user",
        "britta",
        "newsletter",
        "send",
        "1",
    ]
    first = subprocess.Popen(command, env=mail_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert recorder.holding.wait(60)
    second = subprocess.run(
        [*command[:6], "verena", *command[7:]], env=mail_env, capture_output=True, text=True, timeout=120
    )
    assert second.returncode == 2
    assert second.stderr.startswith("Newsletter #1 wird gerade von britta versendet (seit ")
    recorder.release.set()
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    counts = collections.Counter(recorder.recipients())
    assert len(counts) == 1002 and set(counts.values()) == {1}
    # both started together, without a hold: still everyone once
    third = subprocess.Popen(
        [*command, "--force"], env=mail_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    fourth = subprocess.Popen(
        [*command, "--force"], env=mail_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    codes = sorted([third.wait(300), fourth.wait(300)])
    assert codes[0] == 0 and codes[1] in (0, 1, 2)
    counts = collections.Counter(recorder.recipients())
    rounds = helpers.newsletter(demo)["rounds"]
    assert set(counts.values()) == {len(rounds)} and len(counts) == 1002


def test_a_restored_backup_never_counts_an_unsent_newsletter_as_sent(
    demo: Path, smtp_server, mail_env, helpers
) -> None:
    _, recorder = smtp_server
    backup = demo.with_name("before.json")
    shutil.copyfile(demo, backup)
    Repository(demo, user="t").create("newsletters", {"subject": "Sommer", "status": "Entwurf"})
    first = helpers.ssa(demo, "newsletter", "send", "2", env=mail_env)
    assert first.returncode == 0, first.stderr
    assert len(recorder.messages) == 2
    shutil.copyfile(backup, demo)  # the office restores an older backup
    # an old-style journal by number must not count either
    (sends_dir(demo) / "newsletter-2.jsonl").write_text(
        "".join(f'{{"to": "{a}", "at": "2025-01-01T00:00:00+00:00"}}\n' for a in DEMO_RECIPIENTS)
    )
    created = Repository(demo, user="t").create("newsletters", {"subject": "Herbst", "status": "Entwurf"})
    assert created["id"] == 2  # the same number as the one sent before
    second = helpers.ssa(demo, "newsletter", "send", "2", env=mail_env)
    assert second.returncode == 0, second.stderr
    assert "2 versendet, 0 schon zuvor versendet" in second.stdout
    assert len(recorder.messages) == 4
    assert b"Herbst" in recorder.messages[-1][1]


def test_dry_run_never_sends_with_or_without_to(demo: Path, smtp_server, mail_env, helpers) -> None:
    _, recorder = smtp_server
    before = demo.read_bytes()
    dry = helpers.ssa(demo, "newsletter", "send", "1", "--dry-run", env=mail_env)
    assert dry.returncode == 0 and "Probelauf: 2 Empfänger, nichts versendet." in dry.stdout
    dry_to = helpers.ssa(demo, "newsletter", "send", "1", "--dry-run", "--to", "x@example.org", env=mail_env)
    assert dry_to.returncode == 0 and "Probelauf: 2 Empfänger" in dry_to.stdout
    assert recorder.connections == 0 and recorder.messages == []
    assert demo.read_bytes() == before and not sends_dir(demo).exists()


def test_test_send_goes_to_one_address_and_marks_nothing(demo: Path, smtp_server, mail_env, helpers) -> None:
    _, recorder = smtp_server
    test = helpers.ssa(demo, "newsletter", "send", "1", "--to", "pruefung@example.org", env=mail_env)
    assert test.returncode == 0, test.stderr
    assert recorder.recipients() == ["pruefung@example.org"]
    subject = email.message_from_bytes(recorder.messages[0][1], policy=policy.default)["Subject"]
    assert subject == "[Test] Neues aus dem Netzwerk Schulsozialarbeit – Winter 2026"
    assert helpers.newsletter(demo)["status"] == "Entwurf"
    bad = helpers.ssa(demo, "newsletter", "send", "1", "--to", "a@b.de\r\nBcc: x@example.org", env=mail_env)
    assert bad.returncode == 1 and "keine gültige Adresse" in bad.stderr and len(recorder.messages) == 1


def test_a_viewer_cannot_send_nor_test_send_and_no_connection_is_made(
    demo: Path, smtp_server, mail_env, helpers
) -> None:
    _, recorder = smtp_server
    helpers.write_config(demo, '[roles]\nbritta = "editor"\n')
    before = demo.read_bytes()
    for extra in ((), ("--to", "x@example.org"), ("--force",)):
        result = helpers.ssa(demo, "--user", "praktikum", "newsletter", "send", "1", *extra, env=mail_env)
        assert result.returncode == 2, result.stderr
        assert "praktikum" in result.stderr and "Traceback" not in result.stderr
    assert recorder.connections == 0 and recorder.messages == []
    assert demo.read_bytes() == before
    assert not sends_dir(demo).exists()  # no journal, no lock


def test_a_recipient_refused_by_the_server_is_reported_and_not_marked(
    demo: Path, smtp_server, mail_env, helpers
) -> None:
    _, recorder = smtp_server
    helpers.add_people(demo, 4)
    recorder.refuse = {"person2.1@example.org"}
    result = helpers.ssa(demo, "newsletter", "send", "1", env=mail_env)
    assert result.returncode == 1
    assert "Empfänger abgelehnt: person2.1@example.org (550 5.1.1 no such user)" in result.stderr
    assert "5 versendet, 0 schon zuvor versendet, 1 fehlgeschlagen (von 6 Empfängern)." in result.stdout
    newsletter = helpers.newsletter(demo)
    assert newsletter["status"] == "Entwurf"  # not marked sent while someone is missing
    assert "person2.1@example.org" not in delivered(journal_path(demo, newsletter["uid"]))

    recorder.refuse = set()
    retry = helpers.ssa(demo, "newsletter", "send", "1", env=mail_env)
    assert retry.returncode == 0, retry.stderr
    assert "1 versendet, 5 schon zuvor versendet" in retry.stdout
    assert collections.Counter(recorder.recipients())["person2.1@example.org"] == 1
    assert helpers.newsletter(demo)["status"] == "versendet"


def test_a_connection_dropped_mid_send_resumes_with_the_rest_once(
    demo: Path, smtp_server, mail_env, helpers
) -> None:
    _, recorder = smtp_server
    helpers.add_people(demo, 10)
    recorder.drop_at = 6
    broken = helpers.ssa(demo, "newsletter", "send", "1", env=mail_env)
    assert broken.returncode == 1 and broken.stderr.startswith("SMTP-Fehler")
    assert "Traceback" not in broken.stderr
    assert len(recorder.messages) == 5 and helpers.newsletter(demo)["status"] == "Entwurf"
    recorder.drop_at = None
    resumed = helpers.ssa(demo, "newsletter", "send", "1", env=mail_env)
    assert resumed.returncode == 0, resumed.stderr
    assert "7 versendet, 5 schon zuvor versendet" in resumed.stdout
    counts = collections.Counter(recorder.recipients())
    assert len(counts) == 12 and set(counts.values()) == {1}


def test_consent_counts_only_when_exactly_true(demo: Path, smtp_server, mail_env, helpers) -> None:
    _, recorder = smtp_server
    for n, wrong in enumerate(("ja", 1, "yes", "true", "True", [True], {"x": 1})):
        helpers.store_raw_contact(demo, name=f"W{n}", email=f"wrong{n}@example.org", newsletter_consent=wrong)
    result = helpers.ssa(demo, "newsletter", "send", "1", env=mail_env)
    assert result.returncode == 0, result.stderr
    assert sorted(recorder.recipients()) == sorted(DEMO_RECIPIENTS)


def test_no_server_is_a_clear_error(demo: Path, mail_env, helpers) -> None:
    env = {**mail_env, "SSA_TUI_SMTP_PORT": "1"}
    result = helpers.ssa(demo, "newsletter", "send", "1", env=env)
    assert (
        result.returncode == 1
        and result.stderr.startswith("SMTP-Fehler")
        and "Traceback" not in result.stderr
    )
    assert helpers.newsletter(demo)["status"] == "Entwurf"


def test_an_interrupted_resend_resumes_its_round_without_mailing_anyone_a_third_time(
    demo: Path, smtp_server, mail_env, helpers
) -> None:
    _, recorder = smtp_server
    helpers.add_people(demo, 8)
    assert helpers.ssa(demo, "newsletter", "send", "1", env=mail_env).returncode == 0
    recorder.drop_at = 10 + 4  # the resend loses its connection at its 4th mail
    broken = helpers.ssa(demo, "newsletter", "send", "1", "--force", env=mail_env)
    assert broken.returncode == 1 and broken.stderr.startswith("SMTP-Fehler")
    recorder.drop_at = None
    resumed = helpers.ssa(demo, "newsletter", "send", "1", "--force", env=mail_env)
    assert resumed.returncode == 0, resumed.stderr
    assert "7 versendet, 3 schon zuvor versendet" in resumed.stdout
    counts = collections.Counter(recorder.recipients())
    assert len(counts) == 10 and set(counts.values()) == {2}
    assert [r["count"] for r in helpers.newsletter(demo)["rounds"]] == [10, 10]
