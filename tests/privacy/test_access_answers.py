"""GDPR answers as the office hands them out: access files, manual backups, retention, withdrawals.

Each test names the promise it guards; the command line runs as a real process against a real
database, and the assertions compare whole values so that a one-line slip shows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ssa_tui.services import privacy
from ssa_tui.store import Repository, StoreError

BERLIN = ZoneInfo("Europe/Berlin")
ANNA = "anna.lindqvist@example.org"


def ssa(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SSA_TUI_")}
    return subprocess.run(
        [sys.executable, "-m", "ssa_tui", "--db", str(db), "--user", "buero", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db.json"
    repo = Repository(path, user="setup", create=True)
    repo.create(
        "contacts",
        {"name": "Anna Lindqvist", "email": ANNA, "newsletter_consent": True, "consent_date": "2026-01-10"},
    )
    repo.create("contacts", {"name": "Bernd Other", "email": "bernd@example.org"})
    return path


def _sent(db: Path) -> None:
    """A delivery on the newsletter record and two in the send journal (one the same), plus junk."""
    sends = db.with_name("db.json.sends")
    sends.mkdir()
    (sends / "newsletter-7.jsonl").write_text(
        "{kein json\n"
        + json.dumps(["eine", "liste"])
        + "\n"
        + json.dumps({"to": "Anna.Lindqvist@example.org", "at": "2026-02-01"})
        + "\n"
        + json.dumps({"to": ANNA, "at": "2026-03-01T09:00:00+01:00"})
        + "\n"
        + json.dumps({"to": "bernd@example.org", "at": "2026-03-01T09:00:01+01:00"})
        + "\n",
        encoding="utf-8",
    )
    Repository(db, user="setup").create(
        "newsletters", {"subject": "Februar", "deliveries": {ANNA: "2026-02-01", "bernd@example.org": "x"}}
    )


def test_access_answer_lists_each_delivery_once_from_record_and_journal(db: Path) -> None:
    _sent(db)
    data = privacy.person_data(Repository(db, user="buero"), ANNA)
    assert data.deliveries == [
        {"newsletter": "Februar", "to": ANNA, "at": "2026-02-01"},
        {"newsletter": "newsletter-7", "to": ANNA, "at": "2026-03-01T09:00:00+01:00"},
    ]


def test_access_answer_goes_to_the_exchange_folder_and_replaces_only_when_forced(db: Path) -> None:
    _sent(db)
    first = ssa(db, "person", "export", ANNA, "--format", "json", "--output", "auskunft.json")
    assert first.returncode == 0, first.stderr
    target = db.parent / "exchange" / "auskunft.json"
    assert first.stdout.strip() == str(target)
    answer = json.loads(target.read_text(encoding="utf-8"))
    assert [c["email"] for c in answer["contacts"]] == [ANNA]
    assert [d["at"] for d in answer["deliveries"]] == ["2026-02-01", "2026-03-01T09:00:00+01:00"]
    assert oct(target.stat().st_mode & 0o777) == "0o660"

    before = target.read_bytes()
    again = ssa(db, "person", "export", ANNA, "--output", "auskunft.json")
    assert again.returncode == 1
    assert "auskunft.json" in again.stderr
    assert target.read_bytes() == before

    forced = ssa(db, "person", "export", ANNA, "--output", "auskunft.json", "--force")
    assert forced.returncode == 0, forced.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("Auskunft") or "Anna Lindqvist" in text.splitlines()[0]
    assert "2026-03-01T09:00:00+01:00: newsletter-7 → anna.lindqvist@example.org" in text


def test_access_answer_refuses_a_path_outside_the_exchange_folder(db: Path) -> None:
    before = db.read_bytes()
    result = ssa(db, "person", "export", ANNA, "--output", "../db.json", "--force")
    assert result.returncode == 1
    assert db.read_bytes() == before


def test_access_text_says_none_for_empty_sections(db: Path) -> None:
    text = ssa(db, "person", "export", "bernd@example.org").stdout
    sections = text.split("\n\n")
    # No consent, no links, no deliveries: each section says so; the audit holds the creation.
    assert sum(section.count("(keine)") for section in sections) == 3


def test_erasure_names_the_manual_backups_that_still_hold_the_person(db: Path) -> None:
    made = ssa(db, "backup")
    assert made.returncode == 0, made.stderr
    manual = Path(made.stdout.strip().removeprefix("Sicherung geschrieben: "))
    assert "-manual-" in manual.name
    result = ssa(db, "person", "erase", ANNA)
    assert result.returncode == 0, result.stderr
    assert f"1 manuelle Sicherung(en) enthalten die Person noch: {manual.name}" in result.stderr
    assert "Anna Lindqvist wurde gelöscht." in result.stdout
    assert "Lindqvist" in manual.read_text(encoding="utf-8")  # the admin decides about manual copies


def test_erasure_of_an_unknown_person_changes_nothing(db: Path) -> None:
    before = db.read_bytes()
    result = ssa(db, "person", "erase", "99")
    assert result.returncode == 1
    assert "Zu „99“ sind keine Daten gespeichert." in result.stderr
    assert db.read_bytes() == before


def test_erasure_leaves_a_journal_without_the_person_untouched(db: Path) -> None:
    sends = db.with_name("db.json.sends")
    sends.mkdir()
    journal = sends / "newsletter-1.jsonl"
    journal.write_text(json.dumps({"to": "bernd@example.org", "at": "x"}) + "\n", encoding="utf-8")
    os.utime(journal, (1_000_000_000, 1_000_000_000))
    privacy.erase_person(Repository(db, user="buero"), ANNA)
    assert journal.stat().st_mtime == 1_000_000_000  # not rewritten when nothing is dropped


def test_a_second_withdrawal_records_nothing_new(db: Path) -> None:
    repo = Repository(db, user="buero")
    assert privacy.withdraw(repo, ANNA, source="Abmeldung") == 1
    after_first = repo.get("contacts", 1)
    assert privacy.withdraw(repo, ANNA.upper(), source="Abmeldung") == 1
    assert repo.get("contacts", 1) == after_first


def test_an_unreadable_mbox_is_a_clear_error(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "kein-postfach"
    folder.mkdir()
    before = db.read_bytes()
    with pytest.raises(StoreError) as refused:
        privacy.withdraw_from_mbox(Repository(db, user="buero"), folder)
    assert str(refused.value).startswith(f"Postfach nicht lesbar: {folder} (")
    result = ssa(db, "unsubscribe", "--mbox", str(tmp_path / "fehlt.mbox"))
    assert result.returncode == 1
    assert "Postfach nicht lesbar" in result.stderr and "Traceback" not in result.stderr
    assert db.read_bytes() == before


def test_retention_on_the_command_line_lists_candidates_or_says_none(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    old = Repository(path, user="x", create=True, clock=lambda: datetime(2022, 3, 4, 10, tzinfo=BERLIN))
    old.create("contacts", {"name": "Alt Ohne"})
    result = ssa(path, "person", "retention")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "#1 Alt Ohne: keine Einwilligung, nicht verknüpft, zuletzt geändert 2022-03-04"
    )
    assert len(result.stdout.splitlines()) == 1

    fresh = tmp_path / "frisch.json"
    Repository(fresh, user="x", create=True).create("contacts", {"name": "Neu"})
    none = ssa(fresh, "person", "retention")
    assert none.returncode == 0
    assert none.stdout.strip() == "Keine Kontakte zur Löschung vorgeschlagen."


def test_erasure_keeps_audit_lines_it_cannot_read_and_works_without_a_log(db: Path) -> None:
    log = db.with_name("db.json.audit.jsonl")
    with open(log, "a", encoding="utf-8") as handle:
        handle.write("kein json, von Hand eingefügt\n")
    privacy.erase_person(Repository(db, user="buero"), ANNA)
    lines = log.read_text(encoding="utf-8").splitlines()
    assert "kein json, von Hand eingefügt" in lines
    assert "lindqvist" not in log.read_text(encoding="utf-8").casefold()

    log.unlink()  # an admin moved the log away: the erasure still happens and starts a new one
    privacy.erase_person(Repository(db, user="buero"), "bernd@example.org")
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    assert [e["action"] for e in entries] == ["delete", "erase"]
    assert entries[0]["before"] == {"id": 2, "erased": entries[0]["at"][:10]}  # masked at once


def test_a_folder_in_place_of_the_audit_log_is_named(db: Path) -> None:
    log = db.with_name("db.json.audit.jsonl")
    log.unlink()
    log.mkdir()
    result = ssa(db, "audit")
    assert result.returncode == 2
    assert result.stderr.startswith(f"Änderungsprotokoll {log} ist nicht lesbar: ")
    assert "Traceback" not in result.stderr
