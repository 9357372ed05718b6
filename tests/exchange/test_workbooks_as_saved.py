"""Workbooks as they come back from the office: several sheets, error cells, damaged files,
another program's format — and exports that would not fit into a workbook at all.

Each case went wrong in a review on 27.11.2026: a whole-database workbook imported as contacts
read its first sheet (the positions) and overwrote seven contacts with the positions' towns.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from ssa_tui.store import Repository


def stored(db: Path) -> dict:
    return json.loads(db.read_text(encoding="utf-8"))


def test_a_whole_database_workbook_imports_the_sheet_of_the_kind(demo: Path, ssa, tmp_path: Path) -> None:
    book = tmp_path / "alles.xlsx"
    assert (
        ssa("--user", "anna", "export", "all", "--format", "xlsx", "-o", str(book), db=demo).returncode == 0
    )
    edited = load_workbook(book)
    contacts = edited["Kontakte"]
    header = [cell.value for cell in contacts[1]]
    contacts.cell(2, header.index("Notizen") + 1).value = "Aus der Arbeitsmappe"  # one change, on its sheet
    edited.save(book)
    before = stored(demo)

    done = ssa("--user", "anna", "import", "contacts", str(book), db=demo)

    assert done.returncode == 0, done.stderr
    assert "1 geändert" in done.stdout and "Unbekannte Spalte" not in done.stdout + done.stderr
    after = stored(demo)
    changed = [key for key, record in after["contacts"].items() if record != before["contacts"][key]]
    assert changed == ["1"] and after["contacts"]["1"]["notes"] == "Aus der Arbeitsmappe"
    assert after["positions"] == before["positions"]


def test_english_sheet_names_are_found_too(demo: Path, ssa, tmp_path: Path) -> None:
    book = tmp_path / "all.xlsx"
    exported = ssa(
        "--lang", "en", "--user", "anna", "export", "all", "--format", "xlsx", "-o", str(book), db=demo
    )
    assert exported.returncode == 0 and "Contacts" in load_workbook(book).sheetnames
    done = ssa("--user", "anna", "import", "contacts", str(book), "--dry-run", db=demo)
    assert done.returncode == 0, done.stderr
    assert "0 neu, 0 geändert" in done.stdout


def test_several_sheets_none_of_the_kind_is_refused_naming_them(demo: Path, ssa, tmp_path: Path) -> None:
    book = tmp_path / "kontakte.xlsx"
    assert (
        ssa("--user", "anna", "export", "contacts", "--format", "xlsx", "-o", str(book), db=demo).returncode
        == 0
    )
    edited = load_workbook(book)
    edited.create_sheet("Notizen")
    edited.save(book)
    before = demo.read_bytes()

    done = ssa("--user", "anna", "import", "positions", str(book), db=demo)

    assert done.returncode == 1
    assert done.stderr.strip() == (
        "kontakte.xlsx hat mehrere Blätter („Kontakte“, „Notizen“), aber keines heißt „Stellen“ – nichts übernommen."
    )
    assert demo.read_bytes() == before
    # The contacts' own sheet is still found among the two.
    assert ssa("--user", "anna", "import", "contacts", str(book), "--dry-run", db=demo).returncode == 0


def test_an_error_cell_refuses_its_row_naming_the_column(demo: Path, ssa, tmp_path: Path) -> None:
    book = tmp_path / "kontakte.xlsx"
    assert (
        ssa("--user", "anna", "export", "contacts", "--format", "xlsx", "-o", str(book), db=demo).returncode
        == 0
    )
    edited = load_workbook(book)
    sheet = edited.active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(3, header.index("Straße") + 1)
    cell.value, cell.data_type = "#N/A", "e"  # what Excel keeps of a broken formula
    sheet.cell(2, header.index("Notizen") + 1).value = "Gute Zeile"  # a good row is kept
    edited.save(book)

    done = ssa("--user", "anna", "import", "contacts", str(book), db=demo)

    assert done.returncode == 1
    assert (
        done.stderr
        == "Zeile 3: Spalte „Straße“ enthält den Fehlerwert #N/A statt eines Werts – nicht übernommen.\n"
    )
    contacts = stored(demo)["contacts"]
    assert "#N/A" not in json.dumps(contacts) and contacts["1"]["notes"] == "Gute Zeile"


def test_a_damaged_workbook_is_refused_as_a_whole_without_an_error_log(
    demo: Path, ssa, tmp_path: Path
) -> None:
    book = tmp_path / "kontakte.xlsx"
    assert (
        ssa("--user", "anna", "export", "contacts", "--format", "xlsx", "-o", str(book), db=demo).returncode
        == 0
    )
    cut = tmp_path / "abgeschnitten.xlsx"
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(cut, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[: len(data) // 2] if item.filename.endswith("sheet1.xml") else data)
    before = demo.read_bytes()

    done = ssa("--user", "anna", "import", "contacts", str(cut), db=demo)

    assert (done.returncode, done.stdout) == (1, "")
    assert (
        done.stderr.strip()
        == "abgeschnitten.xlsx ist keine lesbare Excel-Arbeitsmappe (.xlsx) – nichts übernommen."
    )
    assert demo.read_bytes() == before
    assert not demo.with_name(demo.name + ".errors.log").exists()


def test_another_spreadsheet_format_gets_one_line(demo: Path, ssa, tmp_path: Path) -> None:
    for name in ("kontakte.ods", "kontakte.xls"):
        (tmp_path / name).write_bytes(b"PK\x03\x04 binary \xff\xfe")
        done = ssa("--user", "anna", "import", "contacts", str(tmp_path / name), db=demo)
        assert done.returncode == 1
        assert done.stderr.strip() == (
            f"{name}: dieses Format wird nicht gelesen – bitte als Excel-Arbeitsmappe (.xlsx) oder CSV speichern."
        )
        assert done.stdout == ""


def test_a_text_too_long_for_a_cell_refuses_the_export_and_csv_takes_it(
    demo: Path, ssa, tmp_path: Path
) -> None:
    repository = Repository(demo, user="anna")
    with repository.batch() as batch:
        ids = [batch.create("contacts", {"name": f"Teilnehmende Person {n:04d}"})["id"] for n in range(1400)]
    event = repository.records("events")[0]
    repository.update(
        "events", event["id"], {"registrations": ids, "capacity": None}, expected_rev=event["rev"]
    )
    book = tmp_path / "termine.xlsx"

    done = ssa("--user", "anna", "export", "events", "--format", "xlsx", "-o", str(book), db=demo)

    assert done.returncode == 1 and not book.exists()
    assert done.stderr.startswith(f"Veranstaltung #{event['id']}, Anmeldungen: ")
    assert "passen nicht in eine Excel-Zelle (höchstens 32.767) – nichts geschrieben" in done.stderr
    text = tmp_path / "termine.csv"
    assert (
        ssa("--user", "anna", "export", "events", "--format", "csv", "-o", str(text), db=demo).returncode == 0
    )
    assert "Teilnehmende Person 1399" in text.read_text(encoding="utf-8-sig")


def test_ids_are_whole_numbers_and_empty_links_blank(demo: Path, ssa, tmp_path: Path) -> None:
    book = tmp_path / "stellen.xlsx"
    assert (
        ssa("--user", "anna", "export", "positions", "--format", "xlsx", "-o", str(book), db=demo).returncode
        == 0
    )
    sheet = load_workbook(book).active
    header = [cell.value for cell in sheet[1]]
    ids = [sheet.cell(row, 1) for row in range(2, sheet.max_row + 1)]
    assert all(cell.data_type == "n" and cell.number_format == "0" for cell in ids)
    staff_ids = [sheet.cell(row, header.index("Fachkraft (ID)") + 1) for row in range(2, sheet.max_row + 1)]
    assert {cell.number_format for cell in staff_ids if cell.value is not None} == {"0"}
    assert all(cell.value is None or isinstance(cell.value, int) for cell in staff_ids)  # never ""


def test_texts_of_several_lines_wrap_in_their_cells(demo: Path, ssa, tmp_path: Path) -> None:
    repository = Repository(demo, user="anna")
    contact = repository.get("contacts", 1)
    repository.update("contacts", 1, {"notes": "Erste Zeile\nZweite Zeile"}, expected_rev=contact["rev"])
    book = tmp_path / "kontakte.xlsx"
    assert (
        ssa("--user", "anna", "export", "contacts", "--format", "xlsx", "-o", str(book), db=demo).returncode
        == 0
    )
    sheet = load_workbook(book).active
    header = [cell.value for cell in sheet[1]]
    notes = {
        sheet.cell(row, 1).value: sheet.cell(row, header.index("Notizen") + 1)
        for row in range(2, sheet.max_row + 1)
    }
    assert notes[1].value == "Erste Zeile\nZweite Zeile" and notes[1].alignment.wrap_text
    assert notes[1].number_format == "@" and notes[1].data_type == "s"
    one_line = [cell for cell in notes.values() if cell.value and "\n" not in cell.value]
    assert one_line and not any(cell.alignment.wrap_text for cell in one_line)


def test_a_hidden_helper_sheet_is_not_counted(demo: Path, ssa, tmp_path: Path) -> None:
    """Dropdown lists often live on a hidden sheet: the workbook still has one sheet to people."""
    from openpyxl import Workbook

    book = Workbook()
    data = book.active
    data.title = "Daten"
    data.append(["Name", "Ort"])
    data.append(["Anna Neu", "Soest"])
    helper = book.create_sheet("Listen")
    helper.append(["Soest"])
    helper.sheet_state = "hidden"
    book.save(tmp_path / "neu.xlsx")

    done = ssa("--user", "anna", "import", "contacts", str(tmp_path / "neu.xlsx"), db=demo)

    assert done.returncode == 0, done.stderr
    assert any(c["name"] == "Anna Neu" for c in stored(demo)["contacts"].values())


def test_an_attribute_of_the_wrong_type_inside_is_a_damaged_workbook(demo: Path, ssa, tmp_path: Path) -> None:
    book = tmp_path / "kontakte.xlsx"
    assert (
        ssa("--user", "anna", "export", "contacts", "--format", "xlsx", "-o", str(book), db=demo).returncode
        == 0
    )
    broken = tmp_path / "typ.xlsx"
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(
                item,
                data.replace(b'sheetId="1"', b'sheetId="x"') if item.filename == "xl/workbook.xml" else data,
            )

    done = ssa("--user", "anna", "import", "contacts", str(broken), db=demo)

    assert (done.returncode, done.stderr.strip()) == (
        1,
        "typ.xlsx ist keine lesbare Excel-Arbeitsmappe (.xlsx) – nichts übernommen.",
    )
    assert not demo.with_name(demo.name + ".errors.log").exists()
