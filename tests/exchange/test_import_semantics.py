"""Import semantics of issue 10: empty cells keep, ``(leer)`` clears, only changed fields are
written, matching never strips accents, ambiguity and duplicates are reported, files in any
encoding a spreadsheet writes are read and their broken bytes named by row."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from ssa_tui.schema import KINDS

from ssa_tui.exchange.importer import apply_import, import_file, plan_import
from ssa_tui.exchange.table import FileRefused
from ssa_tui.store import Repository, audit


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def contact(repository: Repository, **values) -> dict:
    return repository.create("contacts", values)


def test_an_empty_cell_keeps_the_value_and_the_marker_clears_it(demo: Path, tmp_path: Path) -> None:
    repository = Repository(demo, user="anna")
    before = repository.get("positions", 3)  # Grundschule Werl, Caritasverband, 19,5 h, vakant
    csv_file = write(
        tmp_path / "p.csv",
        "Schule;Ort;Träger;Wochenstunden;Finanzierung;Notizen\nGrundschule Werl;Werl;;;(leer);neu notiert\n",
    )
    report = import_file(repository, "positions", csv_file, dry_run=True)
    assert report.changes == [
        "Zeile 2, Finanzierung: Landesprogramm 2022 → (leer)",
        "Zeile 2, Notizen: (leer) → neu notiert",
    ]
    assert (
        report.summary() == "0 neu, 1 geändert, 0 unverändert, 0 abgelehnt. (Probelauf – nichts gespeichert)"
    )
    import_file(repository, "positions", csv_file)
    after = repository.get("positions", 3)
    assert after["carrier"] == before["carrier"] == "Caritasverband"
    assert after["hours_per_week"] == 19.5
    assert after["funding"] is None and after["notes"] == "neu notiert"


def test_the_dry_run_lists_every_field_change_with_row_and_label(demo: Path, tmp_path: Path) -> None:
    csv_file = write(
        tmp_path / "p.csv",
        "Schule;Ort;Träger;Wochenstunden;Status\n"
        "Gesamtschule Lippstadt;Lippstadt;AWO;40;\n"
        "Neue Schule;Soest;;;\n",
    )
    report = import_file(Repository(demo, user="anna"), "positions", csv_file, dry_run=True)
    assert report.changes == [
        "Zeile 2, Träger: Stadt Lippstadt → AWO",
        "Zeile 2, Wochenstunden: 39 → 40",
        "Zeile 3: neu – „Neue Schule“",
    ]


def test_a_new_row_gets_the_field_defaults(demo: Path, tmp_path: Path) -> None:
    repository = Repository(demo, user="anna")
    import_file(repository, "positions", write(tmp_path / "p.csv", "Schule;Ort;Status\nNeue Schule;Soest;\n"))
    new = repository.records("positions")[-1]
    assert (new["school"], new["status"]) == ("Neue Schule", "besetzt")


def test_only_changed_fields_are_written_and_audited(demo: Path, tmp_path: Path) -> None:
    repository = Repository(demo, user="anna")
    csv_file = write(tmp_path / "p.csv", "Schule;Ort;Träger;Status\nGrundschule Werl;Werl;AWO;vakant\n")
    import_file(repository, "positions", csv_file)
    [change] = [c for c in audit.read(demo) if c.user == "anna"]
    differing = {k for k in change.after if change.before.get(k) != change.after[k]}
    assert differing == {"carrier", "rev", "updated_at", "updated_by"}


def test_matching_never_strips_accents_and_e_mail_ignores_case(demo: Path, tmp_path: Path) -> None:
    repository = Repository(demo, user="anna")
    mueller = contact(repository, name="Hans Müller", organisation="AWO")
    joerg = contact(repository, name="Jörg", email="joerg@jörg.example")
    anna = contact(repository, name="Anna", email="anna@example.org")
    csv_file = write(
        tmp_path / "k.csv",
        "Name;Organisation;E-Mail;Funktion\n"
        "Hans Muller;AWO;;Leitung\n"
        "Jorg;;joerg@jorg.example;Beratung\n"
        "Anna;;Anna@Example.ORG;Sprecherin\n",
    )
    report = import_file(repository, "contacts", csv_file)
    assert (report.created, report.updated, report.refused) == (2, 1, 0), report.lines()
    assert repository.get("contacts", mueller["id"]) == mueller
    assert repository.get("contacts", joerg["id"]) == joerg
    assert repository.get("contacts", anna["id"])["role"] == "Sprecherin"
    assert repository.get("contacts", anna["id"])["email"] == "anna@example.org"


def test_a_row_that_fits_two_records_is_refused_and_names_them(demo: Path, tmp_path: Path) -> None:
    repository = Repository(demo, user="anna")
    first = contact(repository, name="Kim Berg", organisation="DRK", role="a")
    second = contact(repository, name="Kim Berg", organisation="DRK", role="b")
    before = demo.read_bytes()
    csv_file = write(tmp_path / "k.csv", "Name;Organisation;Funktion\nkim  berg;drk;c\n")
    report = import_file(repository, "contacts", csv_file)
    assert report.lines() == [
        f"Zeile 2: passt zu mehreren Datensätzen: #{first['id']} „Kim Berg“, #{second['id']} „Kim Berg“"
        " – bitte die ID angeben."
    ]
    assert demo.read_bytes() == before
    by_id = write(tmp_path / "k2.csv", f"ID;Name;Organisation;Funktion\n{second['id']};Kim Berg;DRK;c\n")
    assert import_file(repository, "contacts", by_id).updated == 1
    assert repository.get("contacts", second["id"])["role"] == "c"
    assert repository.get("contacts", first["id"])["role"] == "a"


def test_duplicate_columns_refuse_the_file(demo: Path, tmp_path: Path, ssa) -> None:
    csv_file = write(tmp_path / "k.csv", "Name;E-Mail;email\nX;x@example.org;y@example.org\n")
    before = demo.read_bytes()
    with pytest.raises(FileRefused) as refused:
        import_file(Repository(demo, user="anna"), "contacts", csv_file)
    assert str(refused.value) == "Die Spalten „E-Mail“ und „email“ meinen dasselbe Feld – nichts übernommen."
    result = ssa("import", "contacts", str(csv_file), db=demo)
    assert (result.returncode, result.stderr.strip()) == (1, str(refused.value))
    assert demo.read_bytes() == before


def test_duplicate_rows_are_reported(demo: Path, tmp_path: Path) -> None:
    repository = Repository(demo, user="anna")
    csv_file = write(
        tmp_path / "k.csv",
        "Name;E-Mail;Funktion\nNeu;neu@example.org;A\nNeu;neu@example.org;A\nNeu;NEU@example.org;B\n",
    )
    report = import_file(repository, "contacts", csv_file)
    assert report.lines() == [
        "Zeile 3: gleich wie Zeile 2 – übersprungen.",
        "Zeile 4: betrifft denselben Datensatz wie Zeile 2, aber mit anderen Werten – nicht übernommen.",
    ]
    assert (
        report.summary() == "1 neu, 0 geändert, 0 unverändert, 1 abgelehnt. 1 doppelte Zeile(n) übersprungen."
    )
    assert [c["role"] for c in repository.records("contacts") if c["email"] == "neu@example.org"] == ["A"]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_utf16_and_bom_files_are_read(demo: Path, tmp_path: Path, codec: str) -> None:
    text = "Name\tOrt\nJürgen Weiß\tMöhnesee\n"
    raw = text.encode(codec) if codec != "utf-16-be" else codecs.BOM_UTF16_BE + text.encode(codec)
    (tmp_path / "k.csv").write_bytes(raw)
    repository = Repository(demo, user="anna")
    report = import_file(repository, "contacts", tmp_path / "k.csv")
    assert (report.created, report.lines()) == (1, [])
    assert (repository.records("contacts")[-1]["name"], repository.records("contacts")[-1]["town"]) == (
        "Jürgen Weiß",
        "Möhnesee",
    )


def test_undecodable_bytes_are_reported_with_their_row(demo: Path, tmp_path: Path) -> None:
    (tmp_path / "k.csv").write_bytes(
        "Name;Ort\nJürgen;Soest\n".encode() + b"Kaputt\xff\xfe;Werl\n" + "Zoë;Werl\n".encode()
    )
    repository = Repository(demo, user="anna")
    report = import_file(repository, "contacts", tmp_path / "k.csv")
    assert report.lines() == ["Zeile 3: enthält Bytes, die als UTF-8 nicht lesbar sind – nicht übernommen."]
    assert [c["name"] for c in repository.records("contacts")[-2:]] == ["Jürgen", "Zoë"]


def test_a_windows_1252_file_with_an_undefined_byte_names_the_row(demo: Path, tmp_path: Path) -> None:
    (tmp_path / "k.csv").write_bytes(b"Name;Ort\nJ\xfcrgen;Soest\nX\x81;Werl\n")
    report = import_file(Repository(demo, user="anna"), "contacts", tmp_path / "k.csv")
    assert report.encoding == "Windows-1252"
    assert report.lines() == [
        "Zeile 3: enthält Bytes, die als Windows-1252 nicht lesbar sind – nicht übernommen."
    ]


def test_a_huge_cell_is_refused_at_its_field_and_a_giant_one_stops_cleanly(
    demo: Path, tmp_path: Path, ssa
) -> None:
    big = write(tmp_path / "big.csv", f"Name;Notizen\nGroß;{'x' * 200_000}\nKlein;ok\n")
    result = ssa("import", "contacts", str(big), db=demo)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    limit = KINDS["contacts"].field("notes").max_length
    assert result.stderr.strip() == f"Zeile 2, Feld Notizen: Zu lang: höchstens {limit} Zeichen."
    assert Repository(demo, user="x").records("contacts")[-1]["name"] == "Klein"
    before = demo.read_bytes()
    giant = write(tmp_path / "giant.csv", f"Name;Notizen\nA;a\nRiesig;{'x' * (1 << 21)}\n")
    result = ssa("import", "contacts", str(giant), db=demo)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("Die Datei ist ab Zeile 3 nicht lesbar")
    assert demo.read_bytes() == before


# -- the short lock: what changed between planning and writing ------------------------------------


def test_a_change_saved_meanwhile_in_another_field_is_kept(demo: Path, tmp_path: Path) -> None:
    importer = Repository(demo, user="cron")
    csv_file = write(tmp_path / "p.csv", "Schule;Ort;Träger\nGrundschule Werl;Werl;AWO\n")
    plan = plan_import(importer, "positions", csv_file)
    Repository(demo, user="bernd").update("positions", 3, {"hours_per_week": 35}, expected_rev=1)
    apply_import(importer, plan)
    stored = importer.get("positions", 3)
    assert (stored["carrier"], stored["hours_per_week"], stored["rev"]) == ("AWO", 35, 3)
    assert (plan.report.updated, plan.report.refused) == (1, 0)


def test_the_same_field_changed_meanwhile_refuses_the_row(demo: Path, tmp_path: Path) -> None:
    importer = Repository(demo, user="cron")
    csv_file = write(tmp_path / "p.csv", "Schule;Ort;Träger\nGrundschule Werl;Werl;AWO\n")
    plan = plan_import(importer, "positions", csv_file)
    Repository(demo, user="bernd").update("positions", 3, {"carrier": "DRK"}, expected_rev=1)
    apply_import(importer, plan)
    assert importer.get("positions", 3)["carrier"] == "DRK"
    assert plan.report.lines() == [
        "Zeile 2: inzwischen von bernd geändert (Träger) – nicht übernommen; bitte erneut importieren."
    ]


def test_a_record_deleted_meanwhile_is_reported(demo: Path, tmp_path: Path) -> None:
    importer = Repository(demo, user="cron")
    csv_file = write(tmp_path / "p.csv", "Schule;Ort;Träger\nGrundschule Werl;Werl;AWO\n")
    plan = plan_import(importer, "positions", csv_file)
    Repository(demo, user="bernd").delete("positions", 3)
    apply_import(importer, plan)
    assert plan.report.lines() == ["Zeile 2: Datensatz #3 wurde inzwischen gelöscht – nicht übernommen."]
    assert importer.get("positions", 3) is None


def test_a_new_row_finds_a_record_created_meanwhile(demo: Path, tmp_path: Path) -> None:
    importer = Repository(demo, user="cron")
    csv_file = write(tmp_path / "k.csv", "Name;E-Mail;Funktion\nNeu;neu@example.org;Beratung\n")
    plan = plan_import(importer, "contacts", csv_file)
    created = contact(Repository(demo, user="bernd"), name="Neu", email="NEU@example.org")
    apply_import(importer, plan)
    matching = [c for c in importer.records("contacts") if (c["email"] or "").casefold() == "neu@example.org"]
    assert [c["id"] for c in matching] == [created["id"]]
    assert matching[0]["role"] == "Beratung"


def test_a_link_target_deleted_meanwhile_refuses_the_row_under_the_lock(demo: Path, tmp_path: Path) -> None:
    importer = Repository(demo, user="cron")
    csv_file = write(
        tmp_path / "p.csv", "Schule;Ort;Fachkraft\nNeue Schule;Soest;Verena Gröne\nZweite Schule;Soest;\n"
    )
    plan = plan_import(importer, "positions", csv_file)
    Repository(demo, user="bernd").delete("contacts", 2, clear_links=True)
    apply_import(importer, plan)
    assert plan.report.lines() == [
        "Zeile 2, Feld Fachkraft: Verweist auf einen Datensatz, den es nicht gibt (Kontakt #2)."
    ]
    assert [p["school"] for p in importer.records("positions")][-1] == "Zweite Schule"


def test_rows_are_checked_against_each_other_for_unique_values(demo: Path, tmp_path: Path) -> None:
    repository = Repository(demo, user="anna")
    csv_file = write(
        tmp_path / "g.csv",
        "ID;Name;Rhythmus\n"
        "1;AK Schulsozialarbeit Kreis Soest;monatlich\n"
        "2;ak schulsozialarbeit kreis soest;jährlich\n",
    )
    report = import_file(repository, "groups", csv_file)
    assert report.lines() == ["Zeile 3, Feld Name: „ak schulsozialarbeit kreis soest“ gibt es schon."]
    assert repository.get("groups", 2)["name"] == "AK Kollegiale Fallberatung"
