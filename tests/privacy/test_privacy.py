"""GDPR: consent log, access (Art. 15), erasure (Art. 17), withdrawal, retention.

Real databases in tmp_path; the command line as a real process where its exit code and output
are the promise.
"""

from __future__ import annotations

import json
import mailbox
import os
import subprocess
import sys
from datetime import date, datetime
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ssa_tui.mail.audience import recipients
from ssa_tui.schema import consent
from ssa_tui.services import privacy
from ssa_tui.store import ReadOnlyError, Repository, ValidationFailed, audit

BERLIN = ZoneInfo("Europe/Berlin")


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
    anna = repo.create(
        "contacts",
        {
            "name": "Anna Lindqvist",
            "email": "anna.lindqvist@example.org",
            "town": "Soest",
            "role": "Schulsozialarbeit",
            "organisation": "AWO",
            "newsletter_consent": True,
            "consent_date": "2026-01-10",
            "consent_source": "Kontaktformular",
        },
    )
    other = repo.create("contacts", {"name": "Bernd Other", "email": "bernd@example.org"})
    repo.create(
        "groups",
        {
            "name": "AK Test",
            "description": "Kontakt über Anna Lindqvist",
            "members": [anna["id"], other["id"]],
            "contacts": [{"contact": anna["id"], "role": "Ansprechperson"}],
        },
    )
    repo.create("events", {"title": "Fachtag", "registrations": [anna["id"]]})
    return path


def repo_of(db: Path, user: str = "buero", **kwargs) -> Repository:
    return Repository(db, user=user, **kwargs)


# -- consent log ------------------------------------------------------------------------------


def test_consent_follows_the_log_through_give_withdraw_give(db: Path) -> None:
    repo = repo_of(db)
    anna = repo.get("contacts", 1)
    assert [e["action"] for e in anna["consent_log"]] == [consent.GIVEN]
    assert anna["consent_log"][0]["source"] == "Kontaktformular"
    assert anna["consent_log"][0]["by"] == "setup"

    privacy.withdraw(repo, "ANNA.Lindqvist@example.org", source="Abmeldung")
    anna = repo.get("contacts", 1)
    assert anna["newsletter_consent"] is False
    assert [e["action"] for e in anna["consent_log"]] == [consent.GIVEN, consent.WITHDRAWN]

    repo.update(
        "contacts", 1, {"newsletter_consent": True, "consent_source": "Telefon"}, expected_rev=anna["rev"]
    )
    anna = repo.get("contacts", 1)
    assert anna["newsletter_consent"] is True
    assert [e["action"] for e in anna["consent_log"]] == [consent.GIVEN, consent.WITHDRAWN, consent.GIVEN]
    assert anna["consent_log"][-1]["source"] == "Telefon"
    assert anna["consent_log"][-1]["version"] == consent.CONSENT_TEXT_VERSION


def test_the_log_is_only_ever_extended(db: Path) -> None:
    repo = repo_of(db)
    anna = repo.get("contacts", 1)
    repo.update("contacts", 1, {"notes": "x"}, expected_rev=anna["rev"])
    assert repo.get("contacts", 1)["consent_log"] == anna["consent_log"]


@pytest.mark.parametrize(
    "audience",
    [
        {},
        {"town": ["Soest"]},
        {"role": ["Schulsozialarbeit"]},
        {"organisation": ["AWO"]},
        {"group": [1]},
        {"event": [1]},
    ],
)
def test_a_withdrawn_contact_is_mailed_by_no_audience(db: Path, audience: dict) -> None:
    repo = repo_of(db)
    newsletter = {"subject": "x", "audience": audience}
    assert [c["id"] for c in recipients(repo, newsletter)] == [1]
    privacy.withdraw(repo, "anna.lindqvist@example.org", source="Abmeldung")
    assert recipients(repo, newsletter) == []


def test_unsubscribe_from_an_mbox_of_replies(db: Path, tmp_path: Path) -> None:
    box = mailbox.mbox(tmp_path / "abmeldungen.mbox")
    message = EmailMessage()
    message["From"] = "Anna <Anna.Lindqvist@example.org>"
    message["Subject"] = "Abmelden"
    message.set_content("bitte abmelden")
    box.add(message)
    box.close()
    result = ssa(db, "unsubscribe", "--mbox", str(tmp_path / "abmeldungen.mbox"))
    assert result.returncode == 0, result.stderr
    assert repo_of(db).get("contacts", 1)["newsletter_consent"] is False


def test_unsubscribe_of_an_unknown_address_says_so(db: Path) -> None:
    before = db.read_bytes()
    result = ssa(db, "unsubscribe", "niemand@example.org")
    assert result.returncode == 1
    assert "niemand@example.org" in result.stderr
    assert db.read_bytes() == before


# -- access -----------------------------------------------------------------------------------


def test_export_of_a_linked_person_holds_everything(db: Path) -> None:
    result = ssa(db, "person", "export", "anna.lindqvist@example.org", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [c["name"] for c in data["contacts"]] == ["Anna Lindqvist"]
    where = {(link["kind"], link["field"]) for link in data["linked_from"]}
    assert where == {("groups", "members"), ("groups", "contacts"), ("events", "registrations")}
    assert data["contacts"][0]["consent_log"][0]["action"] == "given"
    assert [c["action"] for c in data["audit"]] == ["create"]
    text = ssa(db, "person", "export", "1").stdout
    assert "Anna Lindqvist" in text and "AK Test" in text and "Fachtag" in text and "Kontaktformular" in text
    # The access itself is audited.
    assert [c.action for c in audit.read(db) if c.id == 1 and c.kind == "contacts"][-2:] == [
        "access",
        "access",
    ]


def test_export_of_an_unknown_address_says_none_is_stored(db: Path) -> None:
    result = ssa(db, "person", "export", "fremd@example.org")
    assert result.returncode == 0
    assert "keine Daten gespeichert" in result.stdout


def test_a_viewer_can_neither_export_nor_erase(db: Path) -> None:
    before = db.read_bytes()
    with pytest.raises(ReadOnlyError):
        privacy.person_data(repo_of(db, read_only=True), "1")
    with pytest.raises(ReadOnlyError):
        privacy.erase_person(repo_of(db, read_only=True), "1")
    assert db.read_bytes() == before


# -- erasure ----------------------------------------------------------------------------------


def _traces(db: Path) -> list[str]:
    found = []
    for path in [db, *db.parent.glob("db.json.audit.jsonl"), *db.parent.glob("db.json.sends/*")]:
        text = path.read_text(encoding="utf-8").casefold()
        for needle in ("anna lindqvist", "anna.lindqvist@example.org"):
            if needle in text:
                found.append(f"{path.name}: {needle}")
    return found


def test_erasure_leaves_no_trace_and_refuses_the_reimport(db: Path, tmp_path: Path) -> None:
    repo = repo_of(db)
    # A delivery in the journal and on the newsletter, and a few changes in the audit log.
    sends = db.with_name("db.json.sends")
    sends.mkdir()
    (sends / "newsletter-1.jsonl").write_text(
        json.dumps({"to": "anna.lindqvist@example.org", "at": "2026-02-01T10:00:00+00:00"})
        + "\n"
        + json.dumps({"to": "bernd@example.org", "at": "2026-02-01T10:00:01+00:00"})
        + "\n"
    )
    repo.create(
        "newsletters",
        {
            "subject": "Jan",
            "deliveries": {"anna.lindqvist@example.org": "2026-02-01", "bernd@example.org": "2026-02-01"},
        },
    )
    anna = repo.get("contacts", 1)
    repo.update("contacts", 1, {"phone": "02921 30-3947"}, expected_rev=anna["rev"])
    assert _traces(db)

    dry = ssa(db, "person", "erase", "anna.lindqvist@example.org", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "1 Kontakt" in dry.stdout and "Probelauf" in dry.stdout
    assert _traces(db)

    result = ssa(db, "person", "erase", "anna.lindqvist@example.org")
    assert result.returncode == 0, result.stderr
    assert _traces(db) == []
    repo = repo_of(db)
    assert repo.get("contacts", 1) is None
    group = repo.get("groups", 1)
    assert group["members"] == [2] and group["contacts"] == []
    assert "[gelöscht]" in group["description"]
    assert repo.get("events", 1)["registrations"] == []
    assert list(repo.get("newsletters", 1)["deliveries"]) == ["bernd@example.org"]
    assert "bernd@example.org" in (sends / "newsletter-1.jsonl").read_text()
    assert [c.action for c in audit.read(db) if c.kind == "contacts" and c.id == 1][-1] == "erase"

    # A later import of the same address (any case) is refused with the date.
    csv = tmp_path / "zurueck.csv"
    csv.write_text(
        "name;email\nAnna L.;Anna.Lindqvist@Example.org\nNeu Person;neu@example.org\n", encoding="utf-8"
    )
    imported = ssa(db, "import", "contacts", str(csv))
    assert imported.returncode == 1
    assert "Zeile 2" in imported.stderr and "gelöscht" in imported.stderr
    emails = {c["email"] for c in repo_of(db).records("contacts")}
    assert emails == {"bernd@example.org", "neu@example.org"}


def test_a_confirmed_batch_takes_an_erased_address_up_again(db: Path) -> None:
    privacy.erase_person(repo_of(db), "1")
    repo = repo_of(db)
    with pytest.raises(ValidationFailed) as refused:
        repo.create("contacts", {"name": "Anna", "email": "anna.lindqvist@example.org"})
    assert "gelöscht" in str(refused.value)
    with repo.batch() as batch:
        batch.allow_erased = True
        batch.create("contacts", {"name": "Anna", "email": "anna.lindqvist@example.org"})
    assert len(repo.records("contacts")) == 2


def test_erasure_removes_automatic_backups_holding_the_person(db: Path) -> None:
    backups = db.with_name("db.json.backups")
    assert any("Lindqvist" in p.read_text() for p in backups.iterdir())
    plan = privacy.erase_person(repo_of(db), "1")
    assert plan.automatic_backups
    assert not any("lindqvist" in p.read_text().casefold() for p in backups.iterdir())


def test_the_secret_stays_out_of_db_json(db: Path) -> None:
    privacy.erase_person(repo_of(db), "1")
    secret = db.with_name("db.json.secret").read_text().strip()
    assert len(secret) == 64
    assert secret not in db.read_text()
    assert oct(os.stat(db.with_name("db.json.secret")).st_mode & 0o777) == "0o660"


# -- retention --------------------------------------------------------------------------------


def test_retention_proposes_old_unlinked_contacts_without_consent(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    old = Repository(path, user="x", create=True, clock=lambda: datetime(2023, 1, 5, tzinfo=BERLIN))
    stale = old.create("contacts", {"name": "Alt Ohne"})
    old.create("contacts", {"name": "Alt Mit", "newsletter_consent": True, "consent_date": "2023-01-01"})
    linked = old.create("contacts", {"name": "Alt Verknüpft"})
    old.create("groups", {"name": "G", "members": [linked["id"]]})
    Repository(path, user="x").create("contacts", {"name": "Neu"})
    found = privacy.retention_candidates(Repository(path, user="x"), date(2026, 11, 27))
    assert [c["id"] for c in found] == [stale["id"]]
