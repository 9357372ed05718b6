"""Import and export from the TUI, by keys, in the exchange folder only: dry run first, then
confirm; exports take a file name, replace only after a confirm, and write what the filter shows."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from textual.widgets import Input

from ssa_tui.store import Repository
from ssa_tui.ui.app import build_app
from ssa_tui.ui.exchange.screens import ExportScreen, ImportScreen


async def test_import_picks_a_file_of_the_folder_shows_the_dry_run_then_imports(demo: Path) -> None:
    folder = demo.parent / "exchange"
    folder.mkdir()
    (folder / "kontakte.csv").write_text(
        "Name;E-Mail\nNeue Person;neu@example.org\nKaputt;keine-mail\n", encoding="utf-8"
    )
    (folder / "notizen.md").write_text("kein Import", encoding="utf-8")
    app = build_app(Repository(demo, user="britta"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4", "i")
        assert isinstance(app.screen, ImportScreen)
        assert app.screen.names == ["kontakte.csv"]
        await pilot.press("down", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = str(app.screen.query_one("#import-lines").render())
        assert "1 neu, 0 geändert, 0 unverändert, 1 abgelehnt. (Probelauf" in shown
        assert "Zeile 3, Feld E-Mail: Keine gültige E-Mail-Adresse." in shown
        assert "Zeile 2: neu – „Neue Person“" in shown
        assert Repository(demo, user="t").count("contacts") == 5
        await pilot.press("enter")  # the confirm button has the focus after a dry run
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert Repository(demo, user="t").count("contacts") == 6
        await pilot.press("escape")
        assert any("Neue Person" in row.cells[0] for row in app.active_list.table.rows)


async def test_export_writes_the_filtered_rows_to_a_name_in_the_folder(demo: Path) -> None:
    app = build_app(Repository(demo, user="britta"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4", "/", *"gröne", "enter")
        await pilot.pause()
        await pilot.press("x")
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one(Input).value = "auswahl.xlsx"
        app.screen.query_one(Input).focus()
        await pilot.press("enter")
        await pilot.pause()
    sheet = load_workbook(demo.parent / "exchange" / "auswahl.xlsx").worksheets[0]
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["Verena Gröne"]


async def test_an_existing_file_is_replaced_only_after_the_confirm(demo: Path) -> None:
    folder = demo.parent / "exchange"
    folder.mkdir()
    (folder / "termine.ics").write_bytes(b"alt")
    app = build_app(Repository(demo, user="britta"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "x")
        app.screen.query_one("#export-format").value = "ics"
        await pilot.pause()
        assert app.screen.query_one(Input).value == "events.ics"
        app.screen.query_one(Input).value = "termine.ics"
        app.screen.query_one(Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n")  # no: the file stays
        await pilot.pause()
        assert (folder / "termine.ics").read_bytes() == b"alt"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        shown = str(app.screen.query_one("#export-result").render())
    assert (folder / "termine.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert shown.startswith("2 Datensätze nach ")
    assert shown.endswith(
        "1 nicht exportiert (kein Beginn): „Fachtag „Digitalisierung – (k)ein Thema für die Schulsozialarbeit?““"
    )


async def test_a_path_typed_as_the_export_name_is_refused_and_nothing_written(demo: Path) -> None:
    before = demo.read_bytes()
    app = build_app(Repository(demo, user="viewer", read_only=True))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1", "x")
        for name in ("../db.json", str(demo), "/tmp/x.csv"):
            app.screen.query_one(Input).value = name
            app.screen.query_one(Input).focus()
            await pilot.press("enter")
            await pilot.pause()
            shown = str(app.screen.query_one("#export-result").render())
            assert shown.startswith("Nur ein Dateiname im Austauschordner, kein Pfad")
        app.screen.query_one(Input).value = "stellen.csv"
        await pilot.press("enter")
        await pilot.pause()
    assert demo.read_bytes() == before
    assert sorted(p.name for p in (demo.parent / "exchange").iterdir()) == ["stellen.csv"]
    assert not Path("/tmp/x.csv").exists()


async def test_an_unreadable_workbook_is_named_and_the_screen_stays_usable(demo: Path) -> None:
    folder = demo.parent / "exchange"
    folder.mkdir()
    (folder / "kaputt.xlsx").write_bytes(b"PK\x03\x04 kein Arbeitsblatt")
    before = demo.read_bytes()
    app = build_app(Repository(demo, user="britta"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4", "i", "down", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = str(app.screen.query_one("#import-lines").render())
        assert "kaputt.xlsx" in shown
        assert app.screen.busy is False
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ImportScreen)
    assert demo.read_bytes() == before


async def test_a_latin1_file_of_600_rows_shows_its_encoding_and_imports_every_row(demo: Path) -> None:
    folder = demo.parent / "exchange"
    folder.mkdir()
    rows = "".join(f"Person Größe {n};p{n}@example.org\n" for n in range(600))
    (folder / "alt.csv").write_bytes(("Name;E-Mail\n" + rows).encode("cp1252"))
    app = build_app(Repository(demo, user="britta"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4", "i", "down", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = str(app.screen.query_one("#import-lines").render())
        assert "600 neu, 0 geändert, 0 unverändert, 0 abgelehnt. (Probelauf" in shown
        assert "Datei war nicht UTF-8 und wurde als Windows-1252 gelesen." in shown
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    names = {c["name"] for c in Repository(demo, user="t").records("contacts")}
    assert "Person Größe 599" in names and len(names) == 605


async def test_the_typed_ending_chooses_the_format_and_a_wrong_one_is_refused(demo: Path) -> None:
    """`termine.ics` with xlsx chosen was written as a workbook named .ics."""
    folder = demo.parent / "exchange"
    app = build_app(Repository(demo, user="britta"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "x")
        field = app.screen.query_one(Input)
        await pilot.press("end", *["backspace"] * len(field.value), *"termine.ics", "enter")
        await pilot.pause()
        assert (folder / "termine.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
        await pilot.press(*["backspace"] * len(field.value), *"termine.txt", "enter")
        await pilot.pause()
        shown = str(app.screen.query_one("#export-result").render())
        assert (
            shown
            == "Die Endung „.txt“ passt nicht zum Format ics – bitte „.ics“ verwenden oder das Format wählen."
        )
        assert not (folder / "termine.txt").exists()
        await pilot.press(*["backspace"] * len(field.value), *"ohne", "enter")
        await pilot.pause()
        assert (folder / "ohne.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


async def test_a_name_with_a_dot_but_no_ending_gets_the_formats(demo: Path) -> None:
    folder = demo.parent / "exchange"
    app = build_app(Repository(demo, user="britta"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1", "x")
        field = app.screen.query_one(Input)
        await pilot.press("end", *["backspace"] * len(field.value), *"Stand 01.06", "enter")
        await pilot.pause()
        assert (folder / "Stand 01.06.xlsx").exists()


async def test_choosing_a_format_keeps_a_name_with_a_dot(demo: Path) -> None:
    """``Stand 01.06`` has no ending: choosing csv makes it ``Stand 01.06.csv``, not ``Stand 01.csv``."""
    from textual.widgets import Select

    app = build_app(Repository(demo, user="britta"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1", "x")
        field, formats = app.screen.query_one(Input), app.screen.query_one(Select)
        await pilot.press("end", *["backspace"] * len(field.value), *"Stand 01.06")
        await pilot.press("shift+tab", "enter", "down", "enter")  # the menu: csv, json, xlsx
        for _ in range(50):
            await pilot.pause(0.02)
            if formats.value == "csv" and field.value.endswith(".csv"):
                break
        assert (formats.value, field.value) == ("csv", "Stand 01.06.csv")
