"""Format 1 → format 2, value by value: every branch of the position, CSV row and header lift.

Each case pins the exact record (or row) that comes out, so that a changed bound, a swapped
``and``/``or`` or a lost note shows up. The whole-database path (backup, audit, meta) runs on a
real file in ``tmp_path``.
"""

from __future__ import annotations

import json
import os
import re
import stat
from datetime import datetime, timezone
from pathlib import Path

import pytest

from ssa_tui.store import Repository
from ssa_tui.store.audit import audit_path
from ssa_tui.store.migrate import funding_line, legacy_column, legacy_row, position_to_format_2
from ssa_tui.store.storage import backups_dir

BEFORE = "Vor der Umstellung auf Schulen und Förderlinien –"


def note(text: str) -> str:
    return f"{BEFORE} {text}"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("kommunal", "kommunal"),
        ("  KOMMUNAL  ", "kommunal"),
        ("FRÜHERE BUT-MITTEL", "frühere BuT-Mittel"),
        ("Startchancen", "Startchancen"),
        ("Landesprogramm Schulsozialarbeit NRW", "Landesprogramm 2022"),
        (" landesstelle (land nrw) ", "Landesbedienstete"),
        ("Träger-Eigenmittel", "Eigenmittel des Trägers"),
        ("Mischfinanzierung", None),
        ("", None),
    ],
)
def test_funding_line_names_the_line_of_an_old_text(text: str, line: str | None) -> None:
    assert funding_line(text) == line


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        # no school number, no term, no funding: only the empty allocations are added
        ({"id": 1, "school": "A"}, {"id": 1, "school": "A", "allocations": []}),
        (
            {"id": 1, "school_number": None, "hours_per_week": 19.5},
            {"id": 1, "hours_per_week": 19.5, "allocations": []},
        ),
        (
            {"id": 1, "school_number": "", "hours_per_week": 19.5},
            {"id": 1, "hours_per_week": 19.5, "allocations": []},
        ),
        # a well-formed number with hours in (0, 41] becomes the one allocation
        (
            {"school_number": "166234", "hours_per_week": 19.5},
            {"hours_per_week": 19.5, "allocations": [{"school_number": "166234", "hours": 19.5}]},
        ),
        (
            {"school_number": "166234", "hours_per_week": 41},
            {"hours_per_week": 41, "allocations": [{"school_number": "166234", "hours": 41}]},
        ),
        (
            {"school_number": "166234", "hours_per_week": 0.5},
            {"hours_per_week": 0.5, "allocations": [{"school_number": "166234", "hours": 0.5}]},
        ),
        # everything else keeps the number in the notes
        (
            {"school_number": "166234", "hours_per_week": 41.5},
            {"hours_per_week": 41.5, "allocations": [], "notes": note("Schulnummer: 166234")},
        ),
        (
            {"school_number": "166234", "hours_per_week": 0},
            {"hours_per_week": 0, "allocations": [], "notes": note("Schulnummer: 166234")},
        ),
        (
            {"school_number": "166234", "hours_per_week": -3},
            {"hours_per_week": -3, "allocations": [], "notes": note("Schulnummer: 166234")},
        ),
        (
            {"school_number": "166234", "hours_per_week": True},
            {"hours_per_week": True, "allocations": [], "notes": note("Schulnummer: 166234")},
        ),
        (
            {"school_number": "166234", "hours_per_week": "19,5"},
            {"hours_per_week": "19,5", "allocations": [], "notes": note("Schulnummer: 166234")},
        ),
        (
            {"school_number": "166234"},
            {"allocations": [], "notes": note("Schulnummer: 166234")},
        ),
        (
            {"school_number": "16623", "hours_per_week": 10},
            {"hours_per_week": 10, "allocations": [], "notes": note("Schulnummer: 16623")},
        ),
        (
            {"school_number": "1662345", "hours_per_week": 10},
            {"hours_per_week": 10, "allocations": [], "notes": note("Schulnummer: 1662345")},
        ),
        (
            {"school_number": "16623a", "hours_per_week": 10},
            {"hours_per_week": 10, "allocations": [], "notes": note("Schulnummer: 16623a")},
        ),
        (
            {"school_number": 166234, "hours_per_week": 10},
            {"hours_per_week": 10, "allocations": [], "notes": note("Schulnummer: 166234")},
        ),
        (
            {
                "school_number": "166234",
                "hours_per_week": 10,
                "allocations": [{"school_number": "166258", "hours": 10}],
            },
            {
                "hours_per_week": 10,
                "allocations": [{"school_number": "166258", "hours": 10}],
                "notes": note("Schulnummer: 166234"),
            },
        ),
        # the fixed term becomes the contract's end unless there is one
        (
            {"fixed_term_until": "2027-07-31"},
            {"allocations": [], "contract_until": "2027-07-31"},
        ),
        (
            {"fixed_term_until": "2027-07-31", "contract_until": ""},
            {"allocations": [], "contract_until": "2027-07-31"},
        ),
        (
            {"fixed_term_until": None},
            {"allocations": []},
        ),
        (
            {"fixed_term_until": "", "contract_until": "2028-01-31"},
            {"allocations": [], "contract_until": "2028-01-31"},
        ),
        (
            {"fixed_term_until": "2027-07-31", "contract_until": "2028-01-31"},
            {
                "allocations": [],
                "contract_until": "2028-01-31",
                "notes": note("Befristet bis: 2027-07-31"),
            },
        ),
        # funding: a line stays, an old text becomes its line, anything else "sonstige"
        ({"funding": "kommunal"}, {"funding": "kommunal", "allocations": []}),
        ({"funding": None}, {"funding": None, "allocations": []}),
        ({"funding": ""}, {"funding": "", "allocations": []}),
        ({"funding": 7}, {"funding": 7, "allocations": []}),
        (
            {"funding": "Träger-Eigenmittel"},
            {
                "funding": "Eigenmittel des Trägers",
                "allocations": [],
                "notes": note("Finanzierung: Träger-Eigenmittel"),
            },
        ),
        (
            {"funding": "KOMMUNAL"},
            {"funding": "kommunal", "allocations": [], "notes": note("Finanzierung: KOMMUNAL")},
        ),
        (
            {"funding": "Mischfinanzierung"},
            {"funding": "sonstige", "allocations": [], "notes": note("Finanzierung: Mischfinanzierung")},
        ),
        # several notes, one line each, after the old notes
        (
            {
                "school_number": "16623",
                "fixed_term_until": "2027-07-31",
                "contract_until": "2028-01-31",
                "funding": "Mischfinanzierung",
                "notes": "Alte Notiz",
            },
            {
                "allocations": [],
                "contract_until": "2028-01-31",
                "funding": "sonstige",
                "notes": "Alte Notiz\n"
                + note("Schulnummer: 16623")
                + "\n"
                + note("Befristet bis: 2027-07-31")
                + "\n"
                + note("Finanzierung: Mischfinanzierung"),
            },
        ),
        (
            {"school_number": "16623", "notes": ""},
            {"allocations": [], "notes": note("Schulnummer: 16623")},
        ),
        (
            {"school_number": "16623", "notes": None},
            {"allocations": [], "notes": note("Schulnummer: 16623")},
        ),
        ({"notes": "Bleibt"}, {"notes": "Bleibt", "allocations": []}),
    ],
)
def test_a_position_is_lifted_to_format_2_exactly(record: dict, expected: dict) -> None:
    original = json.loads(json.dumps(record))
    assert position_to_format_2(record) == expected
    assert record == original  # the caller's record is left as it was


def test_the_notes_follow_the_language_of_the_session() -> None:
    from ssa_tui.i18n import set_language

    set_language("en")
    try:
        lifted = position_to_format_2({"school_number": "1", "fixed_term_until": "x", "contract_until": "y"})
    finally:
        set_language("de")
    assert lifted["notes"] == (
        "Before the change to schools and funding lines – School number: 1\n"
        "Before the change to schools and funding lines – Fixed term until: x"
    )


# -- CSV headers and rows ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "header", "field"),
    [
        ("positions", "school_number", "school_number"),
        ("positions", "Schulnummer", "school_number"),
        ("positions", " SCHUL-NUMMER ", "school_number"),
        ("positions", "School number", "school_number"),
        ("positions", "school-number", "school_number"),
        ("positions", "fixed_term_until", "fixed_term_until"),
        ("positions", "Befristet bis", "fixed_term_until"),
        ("positions", "befristet_bis", "fixed_term_until"),
        ("positions", "Fixed term until", "fixed_term_until"),
        ("positions", "Schule", None),
        ("positions", "Finanzierung", None),
        ("positions", "", None),
        ("contacts", "Schulnummer", None),
        ("contacts", "fixed_term_until", None),
    ],
)
def test_an_old_csv_header_names_its_format_1_field(kind: str, header: str, field: str | None) -> None:
    assert legacy_column(kind, header) == field


@pytest.mark.parametrize(
    ("kind", "row", "expected"),
    [
        # other kinds and rows of today come back as they are
        ("contacts", {"school_number": "166234"}, {"school_number": "166234"}),
        ("positions", {"school": "A", "hours_per_week": "10"}, {"school": "A", "hours_per_week": "10"}),
        # number + hours become one allocation cell
        (
            "positions",
            {"school_number": " 166234 ", "hours_per_week": " 19,5 "},
            {"hours_per_week": " 19,5 ", "allocations": "166234 (19,5)"},
        ),
        ("positions", {"school_number": "166234"}, {"allocations": "166234 ()"}),
        (
            "positions",
            {"school_number": "166234", "hours_per_week": None},
            {"hours_per_week": None, "allocations": "166234 ()"},
        ),
        # an allocation given wins; an empty one is filled
        (
            "positions",
            {"school_number": "166234", "hours_per_week": "10", "allocations": "166258 (10)"},
            {"hours_per_week": "10", "allocations": "166258 (10)"},
        ),
        (
            "positions",
            {"school_number": "166234", "hours_per_week": "10", "allocations": "  "},
            {"hours_per_week": "10", "allocations": "166234 (10)"},
        ),
        (
            "positions",
            {"school_number": "166234", "hours_per_week": "10", "allocations": None},
            {"hours_per_week": "10", "allocations": "166234 (10)"},
        ),
        # an empty or clear-marked number adds nothing
        ("positions", {"school_number": "  ", "hours_per_week": "10"}, {"hours_per_week": "10"}),
        ("positions", {"school_number": None}, {}),
        # the fixed term fills an empty contract end only
        ("positions", {"fixed_term_until": "31.07.2027"}, {"contract_until": "31.07.2027"}),
        ("positions", {"fixed_term_until": None}, {"contract_until": None}),
        (
            "positions",
            {"fixed_term_until": "31.07.2027", "contract_until": " "},
            {"contract_until": "31.07.2027"},
        ),
        (
            "positions",
            {"fixed_term_until": "31.07.2027", "contract_until": None},
            {"contract_until": "31.07.2027"},
        ),
        (
            "positions",
            {"fixed_term_until": "31.07.2027", "contract_until": "31.01.2028"},
            {"contract_until": "31.01.2028"},
        ),
        # an old funding text becomes its line; anything else stays for the field to judge
        (
            "positions",
            {"funding": "Landesprogramm Schulsozialarbeit NRW"},
            {"funding": "Landesprogramm 2022"},
        ),
        ("positions", {"funding": " kommunal "}, {"funding": "kommunal"}),
        ("positions", {"funding": "Mischfinanzierung"}, {"funding": "Mischfinanzierung"}),
        ("positions", {"funding": None}, {"funding": None}),
        ("positions", {"funding": ""}, {"funding": ""}),
    ],
)
def test_an_old_csv_row_is_turned_into_todays_fields(kind: str, row: dict, expected: dict) -> None:
    original = dict(row)
    assert legacy_row(kind, row) == expected
    assert row == original  # the caller's row is left as it was


def test_an_unchanged_row_is_the_same_object() -> None:
    row = {"school": "A"}
    assert legacy_row("positions", row) is row
    old = {"school_number": "1"}
    assert legacy_row("contacts", old) is old


# -- whole databases -----------------------------------------------------------------------

STAMP = "2025-01-02T10:00:00+01:00"
NOW = datetime(2026, 11, 27, 9, 30, 0, 500, tzinfo=timezone.utc)  # stamped to the second


def position(n: int, **values: object) -> dict:
    return {
        "id": n,
        "rev": 3,
        "created_at": STAMP,
        "updated_at": STAMP,
        "updated_by": "alt",
        "school": f"Schule {n}",
        "town": "Soest",
        "status": "besetzt",
        **values,
    }


def write_db(path: Path, positions: dict[str, dict], meta: dict | None = None) -> bytes:
    data: dict = {"positions": positions}
    if meta is not None:
        data = {"_meta": {"1": meta}, **data}
    raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    path.write_bytes(raw)
    return raw


def test_a_format_1_database_is_lifted_with_backup_audit_and_meta(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    lifted = position(1, school_number="166234", hours_per_week=19.5, fixed_term_until=None)
    kept = position(2, allocations=[], hours_per_week=10)
    raw = write_db(
        db,
        {"1": lifted, "2": kept},
        {"generation": "0", "format": 1, "next_ids": {"positions": 3}, "extra": "bleibt"},
    )
    os.chmod(db, 0o644)
    Repository(db, user="britta", clock=lambda: NOW)

    data = json.loads(db.read_bytes())
    meta = data["_meta"]["1"]
    assert {k: v for k, v in meta.items() if k != "generation"} == {
        "format": 2,
        "next_ids": {"positions": 3},
        "extra": "bleibt",
    }
    after = {
        **{k: v for k, v in lifted.items() if k not in ("school_number", "fixed_term_until")},
        "allocations": [{"school_number": "166234", "hours": 19.5}],
        "rev": 4,
        "updated_at": "2026-11-27T09:30:00+00:00",
        "updated_by": "britta",
    }
    assert data["positions"] == {"1": after, "2": kept}

    [entry] = [json.loads(line) for line in audit_path(db).read_text(encoding="utf-8").splitlines()]
    assert entry == {
        "at": "2026-11-27T09:30:00+00:00",
        "user": "britta",
        "kind": "positions",
        "id": 1,
        "action": "update",
        "before": lifted,
        "after": after,
    }

    [backup] = backups_dir(db).glob("*-format-*")
    assert re.fullmatch(r"db-format-1-\d{8}T\d{6}Z\.json", backup.name), backup.name
    assert backup.read_bytes() == raw
    assert stat.S_IMODE(backup.stat().st_mode) == 0o660
    assert [p.name for p in backups_dir(db).iterdir() if p.name.startswith(".")] == []


def test_a_plain_tinydb_file_gets_its_meta_on_the_lift(tmp_path: Path) -> None:
    db = tmp_path / "plain.json"
    write_db(db, {"1": position(1, school_number="166234", hours_per_week=10)})
    Repository(db, user="britta", clock=lambda: NOW)
    data = json.loads(db.read_bytes())
    meta = data["_meta"]["1"]
    assert {k: v for k, v in meta.items() if k != "generation"} == {"next_ids": {}, "format": 2}
    assert data["positions"]["1"]["allocations"] == [{"school_number": "166234", "hours": 10}]
    [backup] = backups_dir(db).glob("*-format-*")
    assert backup.name.startswith("plain-format-1-")


def test_a_format_1_database_with_nothing_to_lift_is_left_byte_for_byte(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    raw = write_db(
        db,
        {"1": position(1, allocations=[], funding="kommunal"), "2": position(2, allocations=[])},
        {"generation": "0", "format": 1, "next_ids": {}},
    )
    repository = Repository(db, user="britta", clock=lambda: NOW)
    assert db.read_bytes() == raw
    assert not backups_dir(db).exists() and not audit_path(db).exists()
    assert repository.count("positions") == 2


def test_only_the_changed_positions_of_a_format_1_database_are_audited(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    write_db(
        db,
        {
            "1": position(1, allocations=[]),
            "2": position(2, allocations=[], funding="Träger-Eigenmittel"),
            "3": position(3, allocations=[]),
            "4": position(4, fixed_term_until="2027-07-31"),
        },
        {"generation": "0", "format": 1, "next_ids": {}},
    )
    Repository(db, user="britta", clock=lambda: NOW)
    audit = [json.loads(line) for line in audit_path(db).read_text(encoding="utf-8").splitlines()]
    assert [(c["id"], c["before"]["rev"], c["after"]["rev"]) for c in audit] == [(2, 3, 4), (4, 3, 4)]
    data = json.loads(db.read_bytes())
    assert [data["positions"][k]["rev"] for k in "1234"] == [3, 4, 3, 4]
    assert data["positions"]["4"]["contract_until"] == "2027-07-31"
    assert data["positions"]["4"]["allocations"] == []


def test_a_database_of_today_is_not_lifted_even_with_old_fields(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    raw = write_db(
        db,
        {"1": position(1, school_number="166234", hours_per_week=10)},
        {"generation": "0", "format": 2, "next_ids": {}},
    )
    Repository(db, user="britta", clock=lambda: NOW)
    assert db.read_bytes() == raw and not backups_dir(db).exists()


def test_a_viewer_never_lifts(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    raw = write_db(
        db,
        {"1": position(1, school_number="166234", hours_per_week=10)},
        {"generation": "0", "format": 1, "next_ids": {}},
    )
    viewer = Repository(db, user="britta", read_only=True)
    assert db.read_bytes() == raw and not backups_dir(db).exists()
    assert viewer.get("positions", 1)["school_number"] == "166234"
