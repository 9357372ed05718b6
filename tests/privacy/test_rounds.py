"""Verification rounds: sheets out and back, holder mails and replies, with real files.

The sheets are read and edited with openpyxl — not the XlsxWriter our code writes with — as a
person's spreadsheet would."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
import sys
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import openpyxl
import pytest

from ssa_tui.services import rounds
from ssa_tui.store import Repository, audit


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


def read_csv_sheet(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))


def write_csv_sheet(path: Path, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_text("\ufeff" + out.getvalue(), encoding="utf-8")


def column(sheet, label: str) -> int:
    """The 1-based column of the header ``label`` in an openpyxl worksheet."""
    return [cell.value for cell in sheet[1]].index(label) + 1


def edit_workbook(path: Path, edits: dict[tuple[int, str], object]) -> None:
    """Change cells by (row, header) with openpyxl — a second library, as a person's Excel would
    — and save; every other cell stays as our writer wrote it."""
    book = openpyxl.load_workbook(path)
    sheet = book.active
    for (row, label), value in edits.items():
        sheet.cell(row, column(sheet, label)).value = value
    book.save(path)


def test_a_round_for_one_employer_out_and_back(db: Path) -> None:
    started = ssa(db, "round", "start", "--carrier", "AWO")
    assert started.returncode == 0, started.stderr
    assert "Pruefrunde-1-AWO.xlsx" in started.stdout
    sheet = db.parent / "exchange" / "Pruefrunde-1-AWO.xlsx"
    assert sorted(path.name for path in sheet.parent.iterdir()) == [sheet.name]  # no Caritas sheet
    rows = list(openpyxl.load_workbook(sheet).active.values)
    assert rows[0][:2] == ("ID", "Version")
    assert [row[0] for row in rows[1:]] == [1, 2, 3]

    # Meanwhile the office changes position 3's hours (so the sheet's row 3 is based on an older rev).
    repo = Repository(db, user="buero")
    third = repo.get("positions", 3)
    repo.update("positions", 3, {"hours_per_week": 30}, expected_rev=third["rev"])

    # Position 2 changed by the employer; position 3: the same field changed → conflict.
    edit_workbook(sheet, {(3, "Wochenstunden"): 20.5, (4, "Wochenstunden"): 35})

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


@pytest.fixture
def full(db: Path) -> Path:
    """Position 1 with every kind of cell: a formula-like school name, a postal code, schools
    with a leading-zero number, hours, dates and a holder."""
    repo = Repository(db, user="setup")
    first = repo.get("positions", 1)
    repo.update(
        "positions",
        1,
        {
            "school": '=HYPERLINK("http://evil.example","Klick")',
            "street": "Am Markt 1",
            "postal_code": "59494",
            "allocations": [{"school_number": "066234", "hours": 19.5}],
            "funding_until": "2027-07-31",
            "contract_until": "2027-01-31",
        },
        expected_rev=first["rev"],
    )
    return db


def test_the_sheet_has_typed_cells_read_by_a_second_library(full: Path) -> None:
    repo = Repository(full, user="buero")
    _record, files = rounds.start_round(repo, carrier="AWO")
    assert [path.name for path in files] == ["Pruefrunde-1-AWO.xlsx"]
    sheet = openpyxl.load_workbook(files[0]).active
    assert sheet.title == "Prüfrunde" and sheet.freeze_panes == "A2"

    def cell(label: str):  # the row of position 1
        return sheet.cell(2, column(sheet, label))

    assert (cell("ID").value, cell("ID").data_type, cell("ID").number_format) == (1, "n", "0")
    assert (cell("Version").value, cell("Version").data_type) == (2, "n")
    hours = cell("Wochenstunden")
    assert (hours.value, hours.data_type, hours.number_format) == (19.5, "n", "#,##0.0#")
    name = cell("Schule")
    assert (name.value, name.data_type) == ('=HYPERLINK("http://evil.example","Klick")', "s")
    postal = cell("PLZ")
    assert (postal.value, postal.data_type, postal.number_format) == ("59494", "s", "@")
    assert (cell("Schulen").value, cell("Schulen").data_type) == ("066234 (19,5)", "s")
    until = cell("Förderung bis")
    assert (until.value, until.data_type, until.number_format) == (
        dt.datetime(2027, 7, 31),
        "d",
        "dd.mm.yyyy",
    )
    assert cell("Fachkraft").value == "Hanna Halter (#1)"
    assert cell("Status").value == "besetzt"
    assert cell("Straße").value == "Am Markt 1"
    assert sheet.column_dimensions["C"].width > len(name.value)  # the school column fits its text


def _without_bookkeeping(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in ("rev", "updated_at", "updated_by", "last_verified")}


def test_a_sheet_edited_and_saved_by_openpyxl_brings_back_exactly_that_change(full: Path) -> None:
    repo = Repository(full, user="buero")
    record, files = rounds.start_round(repo, carrier="AWO")
    before = {p["id"]: p for p in repo.records("positions")}
    # One field changed; and what Calc may save back unchanged: a postal code as a number.
    edit_workbook(files[0], {(3, "Straße"): "Neuer Weg 5", (2, "PLZ"): 59494})
    answers = rounds.import_sheet(repo, record["id"], files[0])

    assert [(a.source, a.position_id, a.applied, a.flags, a.conflicts) for a in answers] == [
        ("Zeile 2", 1, True, [], []),
        ("Zeile 3", 2, True, [], []),
        ("Zeile 4", 3, True, [], []),
    ]
    assert [(c.field, c.stored, c.answered) for a in answers for c in a.changes] == [
        ("street", None, "Neuer Weg 5")
    ]
    after = {p["id"]: p for p in repo.records("positions")}
    assert after[2]["street"] == "Neuer Weg 5"
    after[2]["street"] = before[2]["street"]
    assert {k: _without_bookkeeping(v) for k, v in after.items()} == {
        k: _without_bookkeeping(v) for k, v in before.items()
    }
    today = repo.clock().date().isoformat()
    assert [after[i]["last_verified"] for i in (1, 2, 3)] == [today] * 3


def test_the_csv_option_still_works(full: Path) -> None:
    started = ssa(full, "round", "start", "--carrier", "AWO", "--format", "csv")
    assert started.returncode == 0, started.stderr
    sheet = full.parent / "exchange" / "Pruefrunde-1-AWO.csv"
    assert sorted(path.name for path in sheet.parent.iterdir()) == [sheet.name]
    rows = read_csv_sheet(sheet)
    header = rows[0]
    assert header[:2] == ["ID", "Version"]
    assert rows[1][header.index("Schule")] == '\'=HYPERLINK("http://evil.example","Klick")'  # neutralised
    assert rows[1][header.index("Wochenstunden")] == "19,5"
    assert rows[1][header.index("Förderung bis")] == "31.07.2027"
    assert rows[1][header.index("Fachkraft")] == "Hanna Halter (#1)"
    rows[2][header.index("Wochenstunden")] = "20,5"
    write_csv_sheet(sheet, rows)

    result = ssa(full, "round", "import", "1", sheet.name)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Zeile 2, Stelle #1: bestätigt, unverändert.",
        "Zeile 3, Stelle #2, Wochenstunden: 25,5 → 20,5",
        "Zeile 3, Stelle #2: übernommen.",
        "Zeile 4, Stelle #3: bestätigt, unverändert.",
    ]
    repo = Repository(full, user="x")
    assert repo.get("positions", 1)["school"] == '=HYPERLINK("http://evil.example","Klick")'
    assert repo.get("positions", 2)["hours_per_week"] == 20.5


def test_a_bad_row_is_named_by_row_and_field_in_german_and_the_rest_goes_on(full: Path) -> None:
    repo = Repository(full, user="buero")
    record, files = rounds.start_round(repo, carrier="AWO")
    edit_workbook(files[0], {(3, "Wochenstunden"): "viel", (4, "Wochenstunden"): 20})
    stored = repo.get("positions", 2)
    result = ssa(full, "round", "import", str(record["id"]), files[0].name)
    assert result.returncode == 1
    assert result.stderr.strip() == "Zeile 3: Wochenstunden: Keine gültige Zahl."
    repo = Repository(full, user="x")
    assert repo.get("positions", 2) == stored  # the bad row changes nothing
    assert repo.get("positions", 3)["hours_per_week"] == 20  # the rows after it are taken


def test_a_row_the_record_refuses_is_flagged_with_its_field(full: Path) -> None:
    repo = Repository(full, user="buero")
    record, files = rounds.start_round(repo, carrier="AWO")
    edit_workbook(files[0], {(2, "Wochenstunden"): 10})  # below the 19,5 hours at school 066234
    answers = rounds.import_sheet(repo, record["id"], files[0])
    assert answers[0].flags == [
        "Schulen: Die Stunden an den Schulen (19,5) sind mehr als die Wochenstunden der Stelle."
    ]
    assert not answers[0].applied and answers[0].changes == []
    assert repo.get("positions", 1)["hours_per_week"] == 19.5
    assert [a.applied for a in answers[1:]] == [True, True]


def test_a_sheet_that_cannot_be_written_leaves_no_round_and_no_sheet(db: Path) -> None:
    exchange = db.parent / "exchange"
    exchange.mkdir()
    (exchange / "Pruefrunde-1-Caritas.xlsx").mkdir()  # the second sheet cannot be written
    before = db.read_bytes()
    result = ssa(db, "round", "start")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Pruefrunde-1-Caritas.xlsx" in result.stderr
    assert db.read_bytes() == before  # no round stored
    assert sorted(path.name for path in exchange.iterdir()) == ["Pruefrunde-1-Caritas.xlsx"]  # AWO's removed
    (exchange / "Pruefrunde-1-Caritas.xlsx").rmdir()
    assert ssa(db, "round", "start").returncode == 0
    assert sorted(path.name for path in exchange.iterdir()) == [
        "Pruefrunde-1-AWO.xlsx",
        "Pruefrunde-1-Caritas.xlsx",
    ]


def test_rows_based_on_older_revisions_read_the_audit_log_once(db: Path, monkeypatch) -> None:
    repo = Repository(db, user="buero")
    record, files = rounds.start_round(repo, carrier="AWO")
    for position_id in (1, 2, 3):  # every row's base is now an older revision
        current = repo.get("positions", position_id)
        repo.update("positions", position_id, {"street": f"Weg {position_id}"}, expected_rev=current["rev"])
    reads = []
    real_read = audit.read
    monkeypatch.setattr(audit, "read", lambda path: reads.append(path) or real_read(path))
    edit_workbook(files[0], {(2, "Wochenstunden"): 21})
    answers = rounds.import_sheet(repo, record["id"], files[0])
    assert len(reads) == 1
    assert [(a.applied, a.conflicts) for a in answers] == [(True, [])] * 3
    assert repo.get("positions", 1)["hours_per_week"] == 21
    assert [repo.get("positions", i)["street"] for i in (1, 2, 3)] == ["Weg 1", "Weg 2", "Weg 3"]


def test_a_row_based_on_an_older_revision_keeps_others_changes_to_other_fields(db: Path) -> None:
    repo = Repository(db, user="buero")
    record, files = rounds.start_round(repo, carrier="AWO")
    first = repo.get("positions", 1)
    repo.update("positions", 1, {"street": "Neue Straße 1"}, expected_rev=first["rev"])
    edit_workbook(files[0], {(2, "Wochenstunden"): 21})
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
    assert "hanna.neu@example.org" in answers[0].notes[0]
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


def test_the_clear_marker_empties_a_field_and_a_holder_may_be_named(full: Path) -> None:
    repo = Repository(full, user="buero")
    otto = repo.create("contacts", {"name": "Otto Ohm", "email": "otto@example.org"})
    record, files = rounds.start_round(repo, carrier="AWO")
    edit_workbook(files[0], {(2, "Straße"): "(leer)", (3, "Fachkraft"): "Otto Ohm"})
    answers = rounds.import_sheet(repo, record["id"], files[0])
    assert [(c.field, c.stored, c.answered) for a in answers for c in a.changes] == [
        ("street", "Am Markt 1", None),
        ("staff", 1, otto["id"]),
    ]
    assert not repo.get("positions", 1).get("street")
    assert repo.get("positions", 2)["staff"] == otto["id"]


def test_a_file_that_is_no_workbook_is_refused_with_its_name(db: Path) -> None:
    assert ssa(db, "round", "start", "--carrier", "AWO").returncode == 0
    (db.parent / "exchange" / "kaputt.xlsx").write_bytes(b"ID;Version\r\n1;1\r\n")
    before = db.read_bytes()
    result = ssa(db, "round", "import", "1", "kaputt.xlsx")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "kaputt.xlsx ist keine lesbare Excel-Arbeitsmappe (.xlsx) – nichts übernommen."
    )
    assert db.read_bytes() == before


def test_a_round_that_cannot_be_stored_leaves_no_sheet(db: Path) -> None:
    """The other half of "never a round without its sheets, nor sheets without a round": the
    sheets are written, then the database write fails (a real file-size limit, as a full disk
    would: the sheets fit under it, the database does not). No round, no sheet, the db as before."""
    repo = Repository(db, user="setup")
    with repo.batch() as batch:  # contacts make the database big; the sheets hold positions only
        for number in range(400):
            batch.create("contacts", {"name": f"Kontakt {number}", "notes": "x" * 100})
    limit = 40_000
    assert db.stat().st_size > limit
    before = db.read_bytes()
    exchange = db.parent / "exchange"
    script = (
        "import resource, signal, sys, atexit;"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, resource.RLIM_INFINITY));"
        # Room again at exit (atexit runs last-in first): coverage's own data file must fit.
        "atexit.register(resource.setrlimit, resource.RLIMIT_FSIZE, (-1, -1));"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN);"
        "from ssa_tui.cli.main import run;"
        "sys.argv = ['ssa-tui', '--db', sys.argv[1], '--user', 'buero', 'round', 'start'];"
        "sys.exit(run())"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("SSA_TUI_")}
    result = subprocess.run(
        [sys.executable, "-c", script, str(db)], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith(f"Speichern fehlgeschlagen bei {db}: ") and "unverändert" in result.stderr
    assert db.read_bytes() == before  # no round stored
    assert not exchange.exists() or list(exchange.iterdir()) == []  # the written sheets removed
    # Without the limit the same start succeeds, and its sheets are below the limit: so above it
    # was the database write that failed, after the sheets had been written.
    assert ssa(db, "round", "start").returncode == 0
    sheets = sorted(exchange.iterdir())
    assert [path.name for path in sheets] == ["Pruefrunde-1-AWO.xlsx", "Pruefrunde-1-Caritas.xlsx"]
    assert all(path.stat().st_size < limit for path in sheets)
