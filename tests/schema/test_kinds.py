"""Kind knowledge declared on the kind (issue 11): status words by name, the list marker, import
and export formats; and ``ssa-tui check`` reporting e-mail addresses that differ only in case."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ssa_tui.schema import KINDS, EventStatus, NewsletterStatus, PositionStatus, SuggestionStatus
from ssa_tui.store import Repository


@pytest.mark.parametrize(
    ("kind", "statuses", "words"),
    [
        ("positions", PositionStatus, ("besetzt", "vakant", "ausgeschrieben")),
        ("events", EventStatus, ("geplant", "ausgeschrieben", "durchgeführt", "abgesagt")),
        ("suggestions", SuggestionStatus, ("offen", "eingeplant", "verworfen")),
        ("newsletters", NewsletterStatus, ("Entwurf", "versendet")),
    ],
)
def test_status_words_are_named_members_of_the_kind(kind, statuses, words) -> None:
    spec = KINDS[kind]
    assert spec.statuses is statuses
    assert spec.field("status").choices == words
    assert spec.blank()["status"] == words[0]
    assert type(spec.blank()["status"]) is str  # stored as plain JSON text


def test_status_members_compare_with_the_stored_words() -> None:
    assert PositionStatus.VACANT == "vakant" and EventStatus.CANCELLED == "abgesagt"
    assert SuggestionStatus.PLANNED == "eingeplant" and NewsletterStatus.SENT == "versendet"
    assert KINDS["positions"].statuses.ADVERTISED == "ausgeschrieben"


def test_rules_use_the_vocabulary() -> None:
    from ssa_tui.schema import validate_record

    [problem] = validate_record(KINDS["positions"], {"school": "GS", "status": "vakant", "staff": 3})
    assert problem.field == "staff"
    [problem] = validate_record(KINDS["suggestions"], {"topic": "KI", "status": "eingeplant"})
    assert problem.field == "event"


def test_only_positions_carry_the_stale_marker() -> None:
    positions = KINDS["positions"]
    today = dt.date(2026, 11, 27)
    assert positions.marker.sign == "!" and positions.marker.legend == "list.stale_legend"
    assert positions.marked({"last_verified": "2025-11-26"}, today)
    assert not positions.marked({"last_verified": "2025-11-27"}, today)  # exactly twelve months
    assert not positions.marked({"last_verified": None}, today)
    assert not positions.marked(
        {"last_verified": "kaputt"}, today
    )  # check reports it, the list does not crash
    assert positions.marked({"last_verified": "2027-02-27"}, dt.date(2028, 2, 29))
    assert not positions.marked({"last_verified": "2027-02-28"}, dt.date(2028, 2, 29))
    assert [name for name, kind in KINDS.items() if kind.marker is not None] == ["positions"]
    assert not KINDS["contacts"].marked({"last_verified": "2000-01-01"}, today)


def test_import_and_export_formats_are_declared_on_the_kind() -> None:
    assert [name for name, kind in KINDS.items() if kind.importable] == [
        "positions",
        "groups",
        "events",
        "suggestions",
        "contacts",
        "schools",
        "employers",
    ]
    formats = {name: kind.export_formats for name, kind in KINDS.items()}
    assert formats["contacts"] == ("csv", "json", "xlsx", "vcf")
    assert formats["events"] == formats["groups"] == ("csv", "json", "xlsx", "ics")
    assert formats["positions"] == formats["newsletters"] == ("csv", "json", "xlsx")


def test_check_reports_old_contacts_whose_addresses_differ_only_in_case(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    repository = Repository(db, user="setup", create=True)
    repository.create("contacts", {"name": "Anna Schmidt", "email": "anna@example.org"})
    repository.create("contacts", {"name": "Anna S.", "email": "anna.s@example.org"})
    data = json.loads(db.read_text(encoding="utf-8"))
    data["contacts"]["2"]["email"] = "Anna@Example.org"  # as an older version let it be stored
    db.write_text(json.dumps(data), encoding="utf-8")

    result = subprocess.run(
        [sys.executable, "-m", "ssa_tui", "--db", str(db), "check"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Kontakt #1, Feld E-Mail: „anna@example.org“ gibt es schon.",
        "Kontakt #2, Feld E-Mail: „Anna@Example.org“ gibt es schon.",
        "2 Problem(e) gefunden.",
    ]
