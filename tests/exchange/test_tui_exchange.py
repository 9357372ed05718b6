"""Import and export from the TUI, by keys: dry-run summary first, then confirm."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from ssa_tui.store import Repository
from ssa_tui.ui.app import build_app
from ssa_tui.ui.exchange.screens import ExportScreen, ImportScreen


async def test_import_shows_the_dry_run_then_imports_the_good_rows(demo: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "kontakte.csv"
    csv_file.write_text("Name;E-Mail\nNeue Person;neu@example.org\nKaputt;keine-mail\n", encoding="utf-8")
    app = build_app(Repository(demo, user="britta"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4", "i")
        assert isinstance(app.screen, ImportScreen)
        app.screen.query_one(Input).value = str(csv_file)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = str(app.screen.query_one("#import-lines").render())
        assert "1 neu, 0 geändert, 0 unverändert, 1 abgelehnt. (Probelauf" in shown
        assert "Zeile 3, Feld E-Mail: Keine gültige E-Mail-Adresse." in shown
        assert Repository(demo, user="t").count("contacts") == 5
        await pilot.click("#confirm")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert Repository(demo, user="t").count("contacts") == 6
        await pilot.press("escape")
        assert any("Neue Person" in row.cells[0] for row in app.active_list.table.rows)


async def test_export_writes_the_file_the_user_names(demo: Path, tmp_path: Path) -> None:
    app = build_app(Repository(demo, user="britta"))
    target = tmp_path / "termine.ics"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "x")
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one(Input).value = str(target)
        app.screen.query_one("#export-format").value = "ics"
        await pilot.pause()
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
