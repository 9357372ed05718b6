"""Exact import reports (row numbers, field names, German messages in full), cell texts of
typed workbook cells, matching, and the writing under the lock when others wrote meanwhile."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

import pytest

from ssa_tui.exchange.importer import (
    ImportReport,
    Matcher,
    RowProblem,
    apply_import,
    cell_text,
    changed_fields,
    import_file,
    plan_import,
)
from ssa_tui.exchange.table import FileRefused
from ssa_tui.schema import KINDS
from ssa_tui.store import Repository

POSITIONS, CONTACTS = KINDS["positions"], KINDS["contacts"]
AMBIGUOUS_KIM = "„Kim Berg“ passt auf mehrere: Kim Berg (#1), Kim Berg (#2) – bitte mit „(#ID)“ angeben."


@pytest.fixture
def repository(tmp_path: Path) -> Repository:
    """Two Kim Bergs (ids 1 and 2) and one position (id 1)."""
    repository = Repository(tmp_path / "db.json", user="anna", create=True)
    repository.create("contacts", {"name": "Kim Berg", "organisation": "AWO", "email": "kim@awo.de"})
    repository.create("contacts", {"name": "Kim Berg", "organisation": "DRK"})
    repository.create(
        "positions", {"school": "Realschule Werl", "town": "Werl", "carrier": "AWO", "hours_per_week": 19.5}
    )
    return repository


def csv(tmp_path: Path, text: str, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("kind", "name", "value", "neutralised", "text"),
    [
        ("positions", "school", None, True, ""),
        ("positions", "school", "(leer)", True, None),
        ("positions", "school", " (LEER) ", False, None),
        ("positions", "school", "'=x", True, "=x"),
        ("positions", "school", "'=x", False, "'=x"),  # a workbook cell is text as typed
        ("positions", "school", "'(leer)", False, "(leer)"),  # … but the quoted marker is taken back
        ("positions", "school", "a\r\nb\rc", True, "a\nb\nc"),
        ("contacts", "newsletter_consent", True, False, "ja"),
        ("contacts", "newsletter_consent", False, False, "nein"),
        ("events", "start", dt.datetime(2026, 5, 3, 14, 30), False, "03.05.2026 14:30"),
        ("positions", "funding_until", dt.datetime(2026, 5, 3, 14, 30), False, "03.05.2026"),
        ("positions", "funding_until", dt.date(2026, 5, 3), False, "03.05.2026"),
        ("positions", "postal_code", 4109.0, False, "04109"),
        ("schools", "school_number", 99, False, "000099"),
        ("contacts", "phone", 29211234, False, "029211234"),
        ("contacts", "phone", 29211234.0, False, "029211234"),
        ("positions", "hours_per_week", 19.5, False, "19,5"),
        ("positions", "hours_per_week", 20.0, False, "20"),
        ("positions", "hours_per_week", 1234.5, False, "1234,5"),
        ("positions", "school", 12.0, False, "12"),
        ("positions", "school", 12.5, False, "12.5"),
        ("positions", "postal_code", 4109.5, False, "4109.5"),
        ("positions", "unknown", 3, False, "3"),
    ],
)
def test_the_text_a_cell_gives_its_field(kind: str, name: str, value, neutralised: bool, text) -> None:
    assert cell_text(KINDS[kind], name, value, neutralised=neutralised) == text


def test_problem_lines_name_the_row_and_the_german_column() -> None:
    assert RowProblem(3, "staff", "x").line(POSITIONS) == "Zeile 3, Feld Fachkraft: x"
    assert RowProblem(3, "staff_id", "x").line(POSITIONS) == "Zeile 3, Feld Fachkraft (ID): x"
    assert RowProblem(3, "rev", "x").line(POSITIONS) == "Zeile 3, Feld Version: x"
    assert RowProblem(4, "", "y").line(POSITIONS) == "Zeile 4: y"
    assert RowProblem(5, "Sonstwas", "z").line(POSITIONS) == "Zeile 5, Feld Sonstwas: z"
    assert RowProblem(6, "", "a\x1b[31mb").line(POSITIONS) == "Zeile 6: a␛[31mb"


def test_the_summary_and_the_lines_of_a_report() -> None:
    report = ImportReport("positions", created=1, updated=2, unchanged=3)
    assert report.summary() == "1 neu, 2 geändert, 3 unverändert, 0 abgelehnt."
    report.refuse(7, [("school", "a"), ("", "b")])
    report.refuse(3, [("town", "c")])
    report.refuse(7, [("notes", "d")])
    report.duplicates = 2
    report.dry_run = True
    assert report.refused == 2
    assert report.summary() == (
        "1 neu, 2 geändert, 3 unverändert, 2 abgelehnt. 2 doppelte Zeile(n) übersprungen. "
        "(Probelauf – nichts gespeichert)"
    )
    report.unknown_columns = ["Extra"]
    assert report.lines() == [
        "Zeile 3, Feld Ort: c",
        "Zeile 7, Feld Schule: a",
        "Zeile 7: b",
        "Zeile 7, Feld Notizen: d",
        "Unbekannte Spalte „Extra“ – nicht übernommen.",
    ]
    assert ImportReport("positions", lock_seconds=0.0).lock_seconds == 0.0
    assert (ImportReport("x").encoding, ImportReport("x").dry_run) == ("UTF-8", False)


def test_a_dry_run_reports_every_row_exactly(repository: Repository, tmp_path: Path) -> None:
    path = csv(
        tmp_path,
        "ID;Schule;Ort;Träger;Wochenstunden;Fachkraft;Fachkraft (ID);Notizen;Version;Extra;;Zeug\n"
        ";Realschule Werl;Werl;Caritas;20;Kim Berg (#2);2;(leer);7;x;;\n"
        ";GS Soest;Soest;;abc;;;;;;;\n"
        ";GS Lippstadt;Lippstadt;AWO;10;Kim Berg;;;;;;\n"
        ";Neu;Werl;;;;;'=x;;;;\n"
        ";;;;;;;;;;;\n"
        ";Neu;Werl;;;;;'=x;;;;\n"
        ";neu;WERL;;;;;anders;;;;\n"
        "1;;;AWO;19,5;;;;;;;\n",
    )
    before = path.parent.joinpath("db.json").read_bytes()
    report = import_file(repository, "positions", path, dry_run=True)
    assert path.parent.joinpath("db.json").read_bytes() == before
    assert (report.created, report.updated, report.unchanged, report.duplicates) == (1, 1, 0, 1)
    assert report.refused_rows == {3, 4, 8, 9}
    assert report.unknown_columns == ["Extra", "Zeug"]
    assert report.changes == [
        "Zeile 2, Fachkraft: (leer) → Kim Berg (#2)",
        "Zeile 2, Träger: AWO → Caritas",
        "Zeile 2, Wochenstunden: 19,5 → 20",
        "Zeile 5: neu – „Neu“",
    ]
    assert report.lines() == [
        "Zeile 3, Feld Wochenstunden: Keine gültige Zahl.",
        f"Zeile 4, Feld Fachkraft: {AMBIGUOUS_KIM}",
        "Zeile 7: gleich wie Zeile 5 – übersprungen.",
        "Zeile 8: betrifft denselben Datensatz wie Zeile 5, aber mit anderen Werten – nicht übernommen.",
        "Zeile 9: betrifft denselben Datensatz wie Zeile 2, aber mit anderen Werten – nicht übernommen.",
        "Unbekannte Spalte „Extra“ – nicht übernommen.",
        "Unbekannte Spalte „Zeug“ – nicht übernommen.",
    ]
    assert report.summary() == (
        "1 neu, 1 geändert, 0 unverändert, 4 abgelehnt. 1 doppelte Zeile(n) übersprungen. "
        "(Probelauf – nichts gespeichert)"
    )


def test_the_import_writes_exactly_the_planned_values(repository: Repository, tmp_path: Path) -> None:
    path = csv(
        tmp_path,
        "Schule;Ort;Träger;Wochenstunden;Fachkraft;Fachkraft (ID);Notizen\n"
        "Realschule Werl;Werl;(leer);20;;2;'=x\n"
        "Neu;Werl;Caritas;;kim@awo.de;;\n",
    )
    report = import_file(repository, "positions", path)
    assert report.summary() == "1 neu, 1 geändert, 0 unverändert, 0 abgelehnt."
    assert report.changes == [] and report.lines() == []
    stored = repository.get("positions", 1)
    assert (stored["carrier"], stored["hours_per_week"], stored["staff"], stored["notes"]) == (
        None,
        20,
        2,
        "=x",
    )
    assert stored["rev"] == 2 and stored["updated_by"] == "anna"
    new = repository.get("positions", 2)
    assert (new["school"], new["carrier"], new["staff"], new["hours_per_week"]) == ("Neu", "Caritas", 1, None)
    assert (
        import_file(repository, "positions", path).summary()
        == "0 neu, 0 geändert, 2 unverändert, 0 abgelehnt."
    )


def test_a_link_cleared_with_the_marker_in_either_column(repository: Repository, tmp_path: Path) -> None:
    repository.update("positions", 1, {"staff": 1}, expected_rev=1)
    path = csv(tmp_path, "Schule;Ort;Fachkraft;Fachkraft (ID)\nRealschule Werl;Werl;;(leer)\n")
    report = import_file(repository, "positions", path)
    assert report.updated == 1 and repository.get("positions", 1)["staff"] is None
    repository.update("positions", 1, {"staff": 1}, expected_rev=3)
    path = csv(tmp_path, "Schule;Ort;Fachkraft;Fachkraft (ID)\nRealschule Werl;Werl;(leer);1\n")
    assert import_file(repository, "positions", path).updated == 1
    assert repository.get("positions", 1)["staff"] is None


def test_two_columns_for_one_field_refuse_the_file(repository: Repository, tmp_path: Path) -> None:
    path = csv(tmp_path, "Extra;Schule;Ort;school\nx;A;Werl;B\n")  # an unknown column first
    with pytest.raises(FileRefused) as refused:
        import_file(repository, "positions", path)
    assert str(refused.value) == "Die Spalten „Schule“ und „school“ meinen dasselbe Feld – nichts übernommen."


def test_a_row_with_undecodable_bytes_is_refused_with_its_number(
    repository: Repository, tmp_path: Path
) -> None:
    path = tmp_path / "k.csv"
    path.write_bytes("Name;Organisation\nÄnne;AWO\n".encode() + b"B\xffrt;DRK\n")
    report = import_file(repository, "contacts", path, dry_run=True)
    assert report.lines() == ["Zeile 3: enthält Bytes, die als UTF-8 nicht lesbar sind – nicht übernommen."]
    assert (report.created, report.refused, report.encoding) == (1, 1, "UTF-8")
    cp = tmp_path / "cp.csv"
    cp.write_bytes("Name;Organisation\nÄnne;AWO\n".encode("cp1252"))
    assert import_file(repository, "contacts", cp, dry_run=True).encoding == "Windows-1252"


def test_changed_fields_ignore_the_spelling_of_match_keys() -> None:
    record = {"name": "Kim Berg", "email": "Kim@AWO.de", "role": "Leitung", "organisation": "AWO"}
    values = {
        "name": "kim  berg",
        "email": "kim@awo.de",
        "role": "leitung",
        "organisation": "AWO",
        "town": "Soest",
    }
    assert changed_fields(CONTACTS, record, values) == {"role": "leitung", "town": "Soest"}
    assert changed_fields(CONTACTS, {"email": "a@b.de"}, {"email": "A@B.DE"}) == {}
    assert changed_fields(CONTACTS, {"email": None}, {"email": ""}) == {}
    assert changed_fields(CONTACTS, {"role": None}, {"role": ""}) == {"role": ""}


def test_the_matcher_by_id_and_by_each_match_key() -> None:
    records = [
        {"id": 1, "name": "Kim Berg", "organisation": "AWO", "email": "kim@awo.de"},
        {"id": 2, "name": "Kim Berg", "organisation": "AWO", "email": None},
        {"id": 3, "name": "Ute Sand", "organisation": "DRK", "email": "ute@drk.de"},
    ]
    matcher = Matcher(CONTACTS, records)
    assert matcher.find({}, " #3 ") == (records[2], None)
    assert matcher.find({}, "3") == (records[2], None)
    assert matcher.find({"email": "KIM@awo.de"}, "") == (records[0], None)
    assert matcher.find({"email": "kim@awo.de", "name": "Ute Sand", "organisation": "DRK"}, "99") == (
        records[0],
        None,
    )
    assert matcher.find({"email": "neu@x.de", "name": "Ute Sand", "organisation": "DRK"}, "") == (None, None)
    assert matcher.find({"name": "ute sand", "organisation": "drk"}, "") == (records[2], None)
    assert matcher.find({"name": "Kim Berg", "organisation": "AWO"}, "x") == (
        None,
        "passt zu mehreren Datensätzen: #1 „Kim Berg“, #2 „Kim Berg“ – bitte die ID angeben.",
    )
    assert matcher.find({"name": "Kim Berg"}, "") == (None, None)
    assert matcher.find({}, "") == (None, None)
    assert matcher.new_key({"name": "A", "organisation": "B"}) == (
        "new",
        ("name", "organisation"),
        ("a", "b"),
    )
    assert matcher.new_key({"email": "X@y.de", "name": "A"}) == ("new", ("email",), ("x@y.de",))
    assert matcher.new_key({"name": "A"}) is None


def test_unique_values_are_checked_between_rows(repository: Repository, tmp_path: Path) -> None:
    path = csv(
        tmp_path, "ID;Name;Organisation;E-Mail\n;A;X;neu@x.de\n2;Kim Berg;DRK;NEU@x.de\n1;;;kim@AWO.de\n"
    )
    report = import_file(repository, "contacts", path, dry_run=True)
    assert (report.created, report.updated, report.unchanged) == (1, 0, 1)
    assert [(problem.row, problem.field) for problem in report.problems] == [(3, "email")]


def test_planning_then_writing_after_others_wrote(repository: Repository, tmp_path: Path) -> None:
    path = csv(
        tmp_path,
        "ID;Name;Organisation;Funktion;Notizen\n"
        "1;Kim Berg;AWO;Leitung;x\n"
        "2;Kim Berg;DRK;;neu\n"
        "3;Ute Sand;DRK;Beratung;\n"
        ";Neue Person;AWO;Rolle;\n"
        ";Zweite Person;AWO;;\n",
    )
    repository.create("contacts", {"name": "Ute Sand", "organisation": "DRK"})  # id 3
    plan = plan_import(repository, "contacts", path)
    assert [row.row for row in plan.rows] == [2, 3, 4, 5, 6]
    assert plan.revisions == {1: 1, 2: 1, 3: 1}
    assert plan.target_ids == {}
    other = Repository(repository.path, user="bert")
    other.update(
        "contacts", 1, {"role": "Vorstand", "notes": "y"}, expected_rev=1
    )  # the same fields: a clash
    other.update("contacts", 2, {"role": "Kasse"}, expected_rev=1)  # another field: kept
    other.delete("contacts", 3, expected_rev=1)
    other.create("contacts", {"name": "Neue Person", "organisation": "AWO", "role": "Rolle"})  # id 4
    other.create("contacts", {"name": "Zweite Person", "organisation": "AWO", "role": "alt"})  # id 5
    apply_import(repository, plan)
    report = plan.report
    assert report.lines() == [
        "Zeile 2: inzwischen von bert geändert (Funktion, Notizen) – nicht übernommen; bitte erneut importieren.",
        "Zeile 4: Datensatz #3 wurde inzwischen gelöscht – nicht übernommen.",
    ]
    assert (report.created, report.updated, report.unchanged, report.refused) == (0, 1, 2, 2)
    assert report.lock_seconds > 0
    assert repository.get("contacts", 1)["role"] == "Vorstand"
    assert (repository.get("contacts", 2)["role"], repository.get("contacts", 2)["notes"]) == ("Kasse", "neu")
    assert repository.get("contacts", 5)["role"] == "alt"  # the row leaves an empty cell as it is
    assert repository.count("contacts") == 4


def test_a_new_row_updates_the_record_created_meanwhile(repository: Repository, tmp_path: Path) -> None:
    path = csv(tmp_path, "Name;Organisation;E-Mail\nNeu;X;neu@x.de\nAuch neu;Y;\n")
    plan = plan_import(repository, "contacts", path)
    Repository(repository.path, user="bert").create("contacts", {"name": "Anders", "email": "NEU@x.de"})
    apply_import(repository, plan)
    assert plan.report.problems == []
    assert (plan.report.created, plan.report.updated, plan.report.refused) == (1, 1, 0)
    assert (repository.get("contacts", 3)["name"], repository.get("contacts", 3)["email"]) == (
        "Neu",
        "NEU@x.de",
    )
    assert repository.get("contacts", 4)["name"] == "Auch neu"


def test_a_link_target_deleted_meanwhile_refuses_the_row(repository: Repository, tmp_path: Path) -> None:
    path = csv(tmp_path, "Schule;Ort;Fachkraft (ID)\nRealschule Werl;Werl;2\nNeu;Soest;1\nNoch neu;Soest;2\n")
    plan = plan_import(repository, "positions", path)
    assert plan.target_ids == {"contacts": {1, 2}}
    Repository(repository.path, user="bert").delete("contacts", 2, expected_rev=1)
    apply_import(repository, plan)
    assert [(p.row, p.field) for p in plan.report.problems] == [(2, "staff"), (4, "staff")]
    assert (plan.report.created, plan.report.updated) == (1, 0)
    assert repository.count("positions") == 2
    assert repository.get("positions", 1)["staff"] is None


def test_progress_every_500_rows_and_no_cyclic_gc_under_the_lock(
    repository: Repository, tmp_path: Path
) -> None:
    rows = "".join(f"Person {n};p{n}@example.org\n" for n in range(1000))
    path = csv(tmp_path, "Name;E-Mail\n" + rows)
    calls = []
    report = import_file(
        repository, "contacts", path, progress=lambda done, total: calls.append((done, total, gc.isenabled()))
    )
    assert report.created == 1000
    assert calls == [(500, None, True), (1000, None, True), (500, 1000, False), (1000, 1000, False)]
    assert gc.isenabled()
    gc.disable()
    try:
        import_file(repository, "contacts", csv(tmp_path, "Name;E-Mail\nX;x@y.de\n", "one.csv"))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_dry_runs_change_lines_show_values_in_one_short_line(
    repository: Repository, tmp_path: Path
) -> None:
    repository.update("positions", 1, {"notes": "eins\nzwei", "staff": 1}, expected_rev=1)
    path = csv(
        tmp_path,
        "Schule;Ort;Notizen;Fachkraft;Zuletzt geprüft;Träger\n"
        f"Realschule Werl;Werl;{'x' * 61};Kim Berg (#2);1.2.2026;{'y' * 60}\n"
        'GS Werl;Werl;"a\r\nb";;;\n',
    )
    report = import_file(repository, "positions", path, dry_run=True)
    assert report.changes == [
        "Zeile 2, Fachkraft: Kim Berg (#1) → Kim Berg (#2)",
        f"Zeile 2, Notizen: eins | zwei → {'x' * 59}…",
        "Zeile 2, Zuletzt geprüft: (leer) → 01.02.2026",
        f"Zeile 2, Träger: AWO → {'y' * 60}",
        "Zeile 3: neu – „GS Werl“",
    ]
    cleared = csv(tmp_path, "Schule;Ort;Notizen;Fachkraft\nRealschule Werl;Werl;(leer);(leer)\n", "clear.csv")
    assert import_file(repository, "positions", cleared, dry_run=True).changes == [
        "Zeile 2, Fachkraft: Kim Berg (#1) → (leer)",
        "Zeile 2, Notizen: eins | zwei → (leer)",
    ]
    assert import_file(repository, "positions", cleared).changes == []  # only a dry run lists changes
    assert repository.get("positions", 1)["notes"] is None


def test_an_old_school_number_column_becomes_an_allocation(repository: Repository, tmp_path: Path) -> None:
    path = csv(tmp_path, "Schule;Ort;Schulnummer;Wochenstunden\nGS Werl;Werl;166234;10\n")
    report = import_file(repository, "positions", path)
    assert report.summary() == "1 neu, 0 geändert, 0 unverändert, 0 abgelehnt."
    assert report.unknown_columns == []
    assert repository.get("positions", 2)["allocations"] == [{"school_number": "166234", "hours": 10}]


def test_meta_columns_are_read_but_never_written(repository: Repository, tmp_path: Path) -> None:
    path = csv(tmp_path, "ID;Version;Geändert von;Schule;Ort;Träger\n1;99;mallory;Realschule Werl;Werl;DRK\n")
    report = import_file(repository, "positions", path)
    assert (report.updated, report.unknown_columns, report.lines()) == (1, [], [])
    stored = repository.get("positions", 1)
    assert (stored["carrier"], stored["rev"], stored["updated_by"]) == ("DRK", 2, "anna")


def test_a_row_that_breaks_a_rule_names_the_field(repository: Repository, tmp_path: Path) -> None:
    path = csv(tmp_path, "Schule;Ort;PLZ\nGS Werl;Werl;59494\nRealschule Werl;Werl;59494\n")
    report = import_file(repository, "positions", path, dry_run=True)
    assert [(problem.row, problem.field) for problem in report.problems] == [
        (2, "postal_code"),
        (3, "postal_code"),
    ]
    assert report.refused_rows == {2, 3} and report.created == report.updated == 0


def test_an_address_another_record_took_meanwhile_refuses_the_row(
    repository: Repository, tmp_path: Path
) -> None:
    path = csv(tmp_path, "ID;Name;Organisation;E-Mail\n2;Kim Berg;DRK;neu@x.de\n")
    plan = plan_import(repository, "contacts", path)
    Repository(repository.path, user="bert").create("contacts", {"name": "Ute", "email": "NEU@x.de"})
    apply_import(repository, plan)
    assert [(p.row, p.field) for p in plan.report.problems] == [(2, "email")]
    assert (plan.report.updated, plan.report.refused) == (0, 1)
    assert repository.get("contacts", 2)["email"] is None


def test_a_rule_broken_by_the_row_on_top_of_a_change_meanwhile(
    repository: Repository, tmp_path: Path
) -> None:
    path = csv(tmp_path, "ID;Schule;Ort\n1;Realschule Werl;Soest\n")
    plan = plan_import(repository, "positions", path)
    Repository(repository.path, user="bert").update("positions", 1, {"postal_code": "59457"}, expected_rev=1)
    apply_import(repository, plan)
    assert [(p.row, p.field) for p in plan.report.problems] == [(2, "postal_code")]
    assert repository.get("positions", 1)["town"] == "Werl"


def test_rows_without_a_match_key_are_told_apart_by_all_they_say(
    repository: Repository, tmp_path: Path
) -> None:
    path = csv(tmp_path, "Name;Funktion\nA;x\nA;x\nB;x\nA;y\n")
    report = import_file(repository, "contacts", path)
    assert (
        report.summary() == "3 neu, 0 geändert, 0 unverändert, 0 abgelehnt. 1 doppelte Zeile(n) übersprungen."
    )
    assert report.lines() == ["Zeile 3: gleich wie Zeile 2 – übersprungen."]
    assert [(c["name"], c["role"]) for c in repository.records("contacts")][2:] == [
        ("A", "x"),
        ("B", "x"),
        ("A", "y"),
    ]


def test_the_states_school_list_imports_the_districts_schools(repository: Repository, tmp_path: Path) -> None:
    path = tmp_path / "schuldaten.csv"
    path.write_bytes(
        "Stand: 01.09.2026\r\nSchulnummer;Schulbezeichnung_1;Schulbezeichnung_2;Schulform;Ort\r\n"
        "166234;Grundschule;am Park;02;Soest\r\n100001;Gymnasium;;20;Köln\r\n".encode("cp1252")
    )
    report = import_file(repository, "schools", path)
    assert report.summary() == "1 neu, 0 geändert, 0 unverändert, 0 abgelehnt."
    assert (report.encoding, report.unknown_columns) == ("Windows-1252", [])
    school = repository.get("schools", 1)
    assert (school["school_number"], school["name"], school["school_type"], school["town"]) == (
        "166234",
        "Grundschule am Park",
        "Grundschule",
        "Soest",
    )


def test_a_row_that_fits_several_records_names_them(repository: Repository, tmp_path: Path) -> None:
    repository.create("contacts", {"name": "Kim Berg", "organisation": "AWO"})  # id 3, no address
    report = import_file(
        repository, "contacts", csv(tmp_path, "Name;Organisation;Funktion\nKim Berg;awo;x\n")
    )
    assert report.lines() == [
        "Zeile 2: passt zu mehreren Datensätzen: #1 „Kim Berg“, #3 „Kim Berg“ – bitte die ID angeben."
    ]
    assert (report.refused, report.updated, report.created) == (1, 0, 0)


def test_the_marker_clears_a_list_of_links_to_an_empty_list(repository: Repository, tmp_path: Path) -> None:
    repository.create("groups", {"name": "AK Werl", "members": [1, 2]})
    report = import_file(repository, "groups", csv(tmp_path, "Name;Mitglieder\nAK Werl;(leer)\n"))
    assert report.updated == 1
    assert repository.get("groups", 1)["members"] == []


def test_a_new_row_that_fits_two_records_created_meanwhile(repository: Repository, tmp_path: Path) -> None:
    plan = plan_import(repository, "contacts", csv(tmp_path, "Name;Organisation\nNeu;AWO\n"))
    other = Repository(repository.path, user="bert")
    other.create("contacts", {"name": "Neu", "organisation": "AWO"})
    other.create("contacts", {"name": "neu", "organisation": "awo"})
    apply_import(repository, plan)
    assert plan.report.lines() == [
        "Zeile 2: passt zu mehreren Datensätzen: #3 „Neu“, #4 „neu“ – bitte die ID angeben."
    ]
    assert (plan.report.created, plan.report.refused) == (0, 1) and repository.count("contacts") == 4
