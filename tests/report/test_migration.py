"""Databases of format 1 are brought to format 2 on open: a backup first, nothing lost."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ssa_tui.exchange.importer import import_file
from ssa_tui.services.maintenance import check_database
from ssa_tui.store import Repository
from ssa_tui.store.audit import audit_path
from ssa_tui.store.storage import backups_dir

from .format1 import write_format1_db

DEMO_FORMAT_1 = Path(__file__).with_name("data") / "demo_format1.json"
MOVED = {"school_number", "fixed_term_until", "funding", "notes", "rev", "updated_at", "updated_by"}
NEW = {"allocations", "contract_until"}


def assert_nothing_lost(before: dict, after: dict) -> None:
    """Every format-1 value of every position is in its new place or in the notes."""
    assert after["_meta"]["1"]["format"] == 2
    for name in before:
        if name not in ("_meta", "positions"):
            assert after[name] == before[name], name
    assert after["positions"].keys() == before["positions"].keys()
    for key, old in before["positions"].items():
        new = after["positions"][key]
        assert {k: v for k, v in new.items() if k not in MOVED | NEW} == {
            k: v for k, v in old.items() if k not in MOVED
        }
        notes = new.get("notes") or ""
        assert notes.startswith(old.get("notes") or "")
        number, hours = old.get("school_number"), old.get("hours_per_week")
        if number and hours:
            assert new["allocations"] == [{"school_number": number, "hours": hours}]
        else:
            assert new["allocations"] == []
            assert not number or f"Schulnummer: {number}" in notes
        assert new.get("contract_until") == old.get("fixed_term_until")
        mapped = {
            "Landesprogramm Schulsozialarbeit NRW": "Landesprogramm 2022",
            "Landesstelle (Land NRW)": "Landesbedienstete",
            "Träger-Eigenmittel": "Eigenmittel des Trägers",
            "kommunal": "kommunal",
            "Mischfinanzierung": "sonstige",
            None: None,
        }
        assert new.get("funding") == mapped[old.get("funding")]
        if old.get("funding") not in (None, "kommunal"):
            assert f"Finanzierung: {old['funding']}" in notes
        assert new["rev"] == old["rev"] + 1 and new["updated_by"] == "britta"


def test_the_demo_database_of_format_1_is_migrated_with_a_backup_and_passes_check(
    tmp_path: Path, ssa
) -> None:
    db = tmp_path / "db.json"
    shutil.copy(DEMO_FORMAT_1, db)
    original = db.read_bytes()
    repository = Repository(db, user="britta")
    [backup] = backups_dir(db).glob("db-format-1-*.json")
    assert backup.read_bytes() == original
    assert_nothing_lost(json.loads(original), json.loads(db.read_bytes()))
    assert check_database(repository) == []
    assert ssa("check", db=db).returncode == 0
    audit = [json.loads(line) for line in audit_path(db).read_text().splitlines()]
    assert [(c["kind"], c["id"], c["action"]) for c in audit] == [
        ("positions", n, "update") for n in range(1, 6)
    ]
    after = db.read_bytes()
    Repository(db, user="verena")  # a second open: nothing more to do
    assert db.read_bytes() == after and len(list(backups_dir(db).glob("db-format-1-*.json"))) == 1


def test_a_database_of_10000_positions_is_migrated_without_loss(tmp_path: Path, ssa) -> None:
    db = tmp_path / "big.json"
    before = write_format1_db(db, positions=10_000)
    assert ssa("check", db=db).returncode == 0  # only migrated by `check` itself: a real process
    after = json.loads(db.read_bytes())
    for record in after["positions"].values():  # the check ran as the OS user: compare the rest
        record["updated_by"] = "britta"
    assert_nothing_lost(before, after)
    assert sum(1 for p in after["positions"].values() if p["allocations"]) > 5000
    [backup] = backups_dir(db).glob("big-format-1-*.json")
    assert json.loads(backup.read_bytes()) == before


def test_a_viewer_reads_an_old_database_without_writing(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    shutil.copy(DEMO_FORMAT_1, db)
    viewer = Repository(db, user="praktikum", read_only=True)
    assert viewer.count("positions") == 5
    assert db.read_bytes() == DEMO_FORMAT_1.read_bytes() and not backups_dir(db).exists()


def test_a_csv_with_the_old_columns_still_imports(demo: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "alt.csv"
    csv_file.write_text(
        "Schule;Ort;Schulnummer;Wochenstunden;Befristet bis;Finanzierung\n"
        "Grundschule Ense;Ense;990601;19,5;31.07.2027;Landesprogramm Schulsozialarbeit NRW\n"
        "Neue Schule;Soest;990102;10;;kommunal\n",
        encoding="utf-8",
    )
    repository = Repository(demo, user="britta")
    report = import_file(repository, "positions", csv_file)
    assert (report.created, report.refused, report.unknown_columns) == (2, 0, []), report.lines()
    ense, neue = repository.records("positions")[-2:]
    assert ense["allocations"] == [{"school_number": "990601", "hours": 19.5}]
    assert (ense["hours_per_week"], ense["contract_until"], ense["funding"]) == (
        19.5,
        "2027-07-31",
        "Landesprogramm 2022",
    )
    assert (
        neue["allocations"] == [{"school_number": "990102", "hours": 10}] and neue["contract_until"] is None
    )


def test_a_csv_with_the_new_column_imports_several_schools(demo: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "neu.csv"
    csv_file.write_text(
        'Schule;Ort;Schulen;Wochenstunden\nVerbund;Werl;"990301 (19,5); 990302 (19,5)";39\n', encoding="utf-8"
    )
    repository = Repository(demo, user="britta")
    report = import_file(repository, "positions", csv_file)
    assert (report.created, report.refused) == (1, 0), report.lines()
    assert repository.records("positions")[-1]["allocations"] == [
        {"school_number": "990301", "hours": 19.5},
        {"school_number": "990302", "hours": 19.5},
    ]


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("99060 (19,5)", "„99060“ ist keine Schulnummer (genau 6 Ziffern)."),
        ("990601 (0)", "Die Stunden an der Schule 990601 müssen größer als 0 sein."),
        ("990601 (20); 990602 (21,5)", "Zusammen 41,5 Stunden – eine Stelle hat höchstens 41 Wochenstunden."),
        ("990601 (10); 990601 (10)", "Die Schule 990601 steht zweimal in der Liste."),
        (
            "990601 19,5",
            "Schulen bitte als „Schulnummer (Stunden)“ mit „;“ getrennt, z. B. 166234 (19,5); 166258 (19,5).",
        ),
    ],
)
def test_a_bad_allocation_is_refused_with_its_message(
    demo: Path, tmp_path: Path, cell: str, message: str
) -> None:
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text(f'Schule;Ort;Schulen\nX;Soest;"{cell}"\n', encoding="utf-8")
    before = demo.read_bytes()
    report = import_file(Repository(demo, user="britta"), "positions", csv_file)
    assert report.lines() == [f"Zeile 2, Feld Schulen: {message}"]
    assert demo.read_bytes() == before


def test_allocations_beyond_the_weekly_hours_are_refused(demo: Path) -> None:
    from ssa_tui.store import ValidationFailed

    repository = Repository(demo, user="britta")
    with pytest.raises(ValidationFailed) as refused:
        repository.create(
            "positions",
            {
                "school": "X",
                "hours_per_week": 19.5,
                "allocations": [{"school_number": "990601", "hours": 20}],
            },
        )
    [problem] = refused.value.problems
    assert problem.field == "allocations" and "(20)" in problem.message
