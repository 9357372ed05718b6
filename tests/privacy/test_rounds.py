"""Verification rounds: sheets out and back, holder mails and replies, with real files."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from ssa_tui.services import rounds
from ssa_tui.store import Repository


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
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SSA_TUI_EXCHANGE_DIR", raising=False)
    path = tmp_path / "db.json"
    repo = Repository(path, user="setup", create=True)
    holder = repo.create("contacts", {"name": "Hanna Halter", "email": "hanna@example.org"})
    for school, hours in (("Realschule A", 19.5), ("Hauptschule B", 25.5), ("Gymnasium C", 39)):
        repo.create(
            "positions",
            {
                "school": school,
                "town": "Soest",
                "carrier": "AWO",
                "hours_per_week": hours,
                "staff": holder["id"],
            },
        )
    repo.create(
        "positions", {"school": "Grundschule D", "town": "Werl", "carrier": "Caritas", "status": "vakant"}
    )
    return path


def read_sheet(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))


def write_sheet(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_text("\ufeff" + out.getvalue(), encoding="utf-8")


def test_a_round_for_one_employer_out_and_back(db: Path) -> None:
    started = ssa(db, "round", "start", "--carrier", "AWO")
    assert started.returncode == 0, started.stderr
    sheet = db.parent / "exchange" / "Pruefrunde-1-AWO.csv"
    assert not (db.parent / "exchange" / "Pruefrunde-1-Caritas.csv").exists()
    rows = read_sheet(sheet)
    header = rows[0]
    assert header[:2] == ["ID", "Version"]
    hours = header.index("Wochenstunden")
    assert [row[0] for row in rows[1:]] == ["1", "2", "3"]

    # Meanwhile the office changes position 3's hours (so the sheet's row 3 is based on an older rev).
    repo = Repository(db, user="buero")
    third = repo.get("positions", 3)
    repo.update("positions", 3, {"hours_per_week": 30}, expected_rev=third["rev"])

    rows[2][hours] = "20,5"  # position 2 changed by the employer
    rows[3][hours] = "35"  # position 3: the employer changed the same field → conflict
    write_sheet(sheet, rows)

    result = ssa(db, "round", "import", "1", sheet.name)
    assert result.returncode == 1  # the conflict needs a person's look
    assert "Stelle #1: bestätigt" in result.stdout
    assert "Stelle #2, Wochenstunden: 25,5 → 20,5" in result.stdout
    assert "Stelle #3, Wochenstunden: Konflikt" in result.stderr

    repo = Repository(db, user="buero")
    today = repo.clock().date().isoformat()
    assert repo.get("positions", 1)["last_verified"] == today
    assert repo.get("positions", 2)["hours_per_week"] == 20.5
    assert repo.get("positions", 2)["last_verified"] == today
    assert repo.get("positions", 3)["hours_per_week"] == 30  # nothing overwritten
    assert not repo.get("positions", 3).get("last_verified")
    assert rounds.progress(repo, 1) == {"offen": 0, "beantwortet": 1, "übernommen": 2, "erinnert": 0}


def test_a_row_based_on_an_older_revision_keeps_others_changes_to_other_fields(db: Path) -> None:
    repo = Repository(db, user="buero")
    record, files = rounds.start_round(repo, carrier="AWO")
    rows = read_sheet(files[0])
    first = repo.get("positions", 1)
    repo.update("positions", 1, {"street": "Neue Straße 1"}, expected_rev=first["rev"])
    rows[1][rows[0].index("Wochenstunden")] = "21"
    write_sheet(files[0], rows)
    answers = rounds.import_sheet(repo, record["id"], files[0])
    assert answers[0].applied and not answers[0].conflicts
    stored = repo.get("positions", 1)
    assert stored["hours_per_week"] == 21 and stored["street"] == "Neue Straße 1"


def _reply(mail: EmailMessage, sender: str, edit: dict[str, str]) -> bytes:
    body = mail.get_content()
    for label, value in edit.items():
        lines = []
        for line in body.splitlines():
            lines.append(f"{label}: {value}" if line.startswith(f"{label}:") else line)
        body = "\n".join(lines)
    reply = EmailMessage()
    reply["From"] = sender
    reply["To"] = mail["From"]
    reply["Subject"] = "Re: " + mail["Subject"]
    reply.set_content("Anbei korrigiert.\n\n" + "\n".join("> " + line for line in body.splitlines()))
    return bytes(reply)


def test_a_reply_is_accepted_field_by_field_and_a_forged_one_refused(db: Path) -> None:
    repo = Repository(db, user="buero")
    record, _files = rounds.start_round(repo, carrier="AWO")
    written = rounds.write_mails(repo, record["id"], sender="koordination@example.org")
    assert len(written) == 3
    mail = message_from_bytes(written[1].read_bytes(), policy=policy.default)
    assert mail["To"] == "hanna@example.org"
    assert "----- BEGINN STELLE #2 -----" in mail.get_content()

    reply = db.parent / "exchange" / "antwort.eml"
    reply.write_bytes(
        _reply(mail, "Hanna <HANNA@example.org>", {"Wochenstunden": "22", "Straße": "Am Markt 2"})
    )
    looked = rounds.read_replies(repo, reply)
    assert {c.field for c in looked[0].changes} == {"hours_per_week", "street"}
    assert repo.get("positions", 2)["hours_per_week"] == 25.5  # a look takes nothing

    result = ssa(db, "round", "replies", "antwort.eml", "--accept", "hours_per_week")
    assert result.returncode == 0, result.stderr
    stored = Repository(db, user="x").get("positions", 2)
    assert stored["hours_per_week"] == 22 and not stored.get("street")
    assert stored["last_verified"]

    forged = mail.get_content().replace(
        mail.get_content().split("Referenz: ")[1][:40], "R1-P2-V1-" + "0" * 20
    )
    fake = EmailMessage()
    fake["From"] = "hanna@example.org"
    fake.set_content(forged.replace("Wochenstunden: 25,5", "Wochenstunden: 1"))
    (db.parent / "exchange" / "falsch.eml").write_bytes(bytes(fake))
    before = db.read_bytes()
    refused = ssa(db, "round", "replies", "falsch.eml", "--accept", "*")
    assert refused.returncode == 1
    assert "gefälscht" in refused.stderr
    assert db.read_bytes() == before


def test_a_reply_from_someone_else_is_flagged(db: Path) -> None:
    repo = Repository(db, user="buero")
    record, _ = rounds.start_round(repo, carrier="AWO")
    written = rounds.write_mails(repo, record["id"], sender="koordination@example.org")
    mail = message_from_bytes(written[0].read_bytes(), policy=policy.default)
    path = db.parent / "exchange" / "fremd.eml"
    path.write_bytes(_reply(mail, "boss@example.org", {"Wochenstunden": "1"}))
    before = db.read_bytes()
    answers = rounds.read_replies(repo, path, accept={"*"}, dry_run=False)
    assert answers[0].flags and "boss@example.org" in answers[0].flags[0]
    assert db.read_bytes() == before


def test_reminders_go_to_the_open_ones_only(db: Path) -> None:
    repo = Repository(db, user="buero")
    record, files = rounds.start_round(repo, carrier="AWO")
    rounds.import_sheet(repo, record["id"], files[0])  # all three confirmed at once
    assert rounds.write_mails(repo, record["id"], sender="k@example.org", reminder=True) == []
    record2, _ = rounds.start_round(repo, carrier="AWO")
    sent = rounds.write_mails(repo, record2["id"], sender="k@example.org", reminder=True)
    assert len(sent) == 3 and "Erinnerung" in sent[0].name
    assert rounds.progress(repo, record2["id"])["erinnert"] == 3


def test_a_viewer_cannot_start_a_round(db: Path) -> None:
    before = db.read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "ssa_tui", "--db", str(db), "--read-only", "round", "start"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert db.read_bytes() == before
    assert not (db.parent / "exchange").exists() or not list((db.parent / "exchange").iterdir())


def test_a_new_address_is_taken_only_after_its_confirmation(db: Path) -> None:
    repo = Repository(db, user="buero")
    record, _ = rounds.start_round(repo, carrier="AWO")
    written = rounds.write_mails(repo, record["id"], sender="koordination@example.org")
    mail = message_from_bytes(written[0].read_bytes(), policy=policy.default)
    path = db.parent / "exchange" / "neu.eml"
    path.write_bytes(_reply(mail, "hanna@example.org", {"E-Mail der Fachkraft": "hanna.neu@example.org"}))
    answers = rounds.read_replies(repo, path, accept={"*"}, dry_run=False)
    assert "hanna.neu@example.org" in answers[0].flags[0]
    assert repo.get("contacts", 1)["email"] == "hanna@example.org"  # not yet
    confirmation = message_from_bytes(
        (db.parent / "exchange" / "Bestaetigung-Kontakt-1.eml").read_bytes(), policy=policy.default
    )
    assert confirmation["To"] == "hanna.neu@example.org"

    # A reply to the confirmation from another address changes nothing; from the new one it does.
    for sender, expected in (
        ("mallory@example.org", "hanna@example.org"),
        ("hanna.neu@example.org", "hanna.neu@example.org"),
    ):
        reply = EmailMessage()
        reply["From"] = sender
        reply.set_content("> " + confirmation.get_content().replace("\n", "\n> "))
        (db.parent / "exchange" / "bestaetigt.eml").write_bytes(bytes(reply))
        rounds.read_replies(repo, db.parent / "exchange" / "bestaetigt.eml", accept={"*"}, dry_run=False)
        assert repo.get("contacts", 1)["email"] == expected
