"""Schools: imported from the state's open-data list and from our own CSV; numbers unique."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ssa_tui.exchange.importer import import_file
from ssa_tui.store import Repository, ValidationFailed

STATE_HEADER = "Schulnummer;Schulform;Schulbezeichnung_1;Schulbezeichnung_2;Schulbezeichnung_3;Kurzbezeichnung;Strasse;PLZ;Ort\n"
STATE_ROWS = (
    "166001;02;Städt. Gemeinschaftsgrundschule;Möhnesee-Körbecke;;GGS Körbecke;Schulstr. 1;59519;Möhnesee\n"
    "166002;20;Archigymnasium;;;Archi;Niedergasse 2;59494;Soest\n"
    "187001;10;Realschule;Köln-Mitte;;RS Köln;Domweg 1;50667;Köln\n"  # not in the district: left out
    "166003;30;Berufskolleg;Wickede;;BK;Weg 3;58739;Wickede\n"
)


@pytest.mark.parametrize(
    ("before_header", "encoding"),
    [("", "latin-1"), ("Stand: 01.10.2025\n", "utf-8")],
    ids=["latin-1", "with-a-line-before"],
)
def test_the_state_list_imports_the_district_schools_by_header(
    demo: Path, tmp_path: Path, before_header: str, encoding: str
) -> None:
    csv_file = tmp_path / "schuldaten.csv"
    csv_file.write_bytes((before_header + STATE_HEADER + STATE_ROWS).encode(encoding))
    repository = Repository(demo, user="britta")
    report = import_file(repository, "schools", csv_file)
    assert (report.created, report.refused, report.unknown_columns) == (3, 0, []), report.lines()
    imported = {
        s["school_number"]: s for s in repository.records("schools") if s["school_number"].startswith("166")
    }
    assert {n: (s["name"], s["school_type"], s["town"]) for n, s in imported.items()} == {
        "166001": ("Städt. Gemeinschaftsgrundschule Möhnesee-Körbecke", "Grundschule", "Möhnesee"),
        "166002": ("Archigymnasium", "Gymnasium", "Soest"),
        "166003": ("Berufskolleg Wickede", "Berufskolleg", "Wickede (Ruhr)"),
    }
    again = import_file(repository, "schools", csv_file)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_our_own_csv_updates_a_school_by_its_number(demo: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "schulen.csv"
    csv_file.write_text(
        "Schulnummer;Name;Schulform;Ort;Schülerzahl;Stichtag\n990601;Grundschule Ense (Beispiel);Grundschule;Ense;195;15.10.2026\n",
        encoding="utf-8",
    )
    repository = Repository(demo, user="britta")
    report = import_file(repository, "schools", csv_file)
    assert (report.created, report.updated, report.refused) == (0, 1, 0), report.lines()
    [ense] = [s for s in repository.records("schools") if s["school_number"] == "990601"]
    assert (ense["pupils"], ense["pupils_as_of"]) == (195, "2026-10-15")


def test_a_school_number_is_unique(demo: Path) -> None:
    repository = Repository(demo, user="britta")
    with pytest.raises(ValidationFailed) as refused:
        repository.create("schools", {"school_number": "990601", "name": "Zweite"})
    assert [(p.field, p.message) for p in refused.value.problems] == [
        ("school_number", "„990601“ gibt es schon.")
    ]


def test_check_finds_a_duplicate_school_number_written_by_hand(demo: Path, ssa) -> None:
    data = json.loads(demo.read_bytes())
    data["schools"]["2"]["school_number"] = "990101"  # the number of school #1
    demo.write_text(json.dumps(data), encoding="utf-8")
    result = ssa("check", db=demo)
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        "Schule #1, Feld Schulnummer: „990101“ gibt es schon.",
        "Schule #2, Feld Schulnummer: „990101“ gibt es schon.",
    ]
