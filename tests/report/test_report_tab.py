"""The "Auswertung" tab, driven by keys: what it shows, that list keys are off there, its picture."""

from __future__ import annotations

from pathlib import Path


from ssa_tui.store import Repository


def shown_text(app) -> str:
    lines = []
    for static in app.query("#report-view Static"):
        lines += [strip.text.rstrip() for strip in static.render_lines(static.region.reset_offset)]
    return "\n".join(lines)


async def test_key_9_shows_the_report_of_today_with_bars(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("9")
        await pilot.pause()
        assert app.active_kind == "report"
        text = shown_text(app)
    assert "Schulsozialarbeit im Kreis Soest – Bericht zum 24.11.2026" in text
    assert "Gesamt: 7 Stellen, 5 Fachkräfte, 5,27 VZÄ; 12 Schulen, davon 6 mit Schulsozialarbeit." in text
    # Soest has the most VZÄ: its bar is full (24 cells), Erwitte's (0,5 of 1,5) a third
    assert " Soest      1,50  " + "█" * 24 + "      2        3               3             620" in text
    assert " Erwitte    0,50  " + "█" * 8 + " " in text
    assert "Stelle #3 „Grundschule Werl“" in text and "höchstens halbe Stelle" in text


async def test_list_keys_do_nothing_on_the_report_tab(make_app, demo: Path) -> None:
    before = demo.read_bytes()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("9", "n", "d", "enter", "slash", "x")
        await pilot.pause()
        assert len(app.screen_stack) == 1 and app.active_kind == "report"
        await pilot.press("7")  # schools: a tab of their own, the generic list
        await pilot.pause()
        assert app.active_list.kind.name == "schools" and len(app.active_list.records) == 12
    assert demo.read_bytes() == before


async def test_the_report_is_computed_again_when_the_tab_is_shown(make_app, demo: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("9")
        await pilot.pause()
        await pilot.press("1")
        Repository(demo, user="verena").create(
            "schools", {"school_number": "990901", "name": "Neue Schule", "town": "Ense"}
        )
        await pilot.press("9")
        await pilot.pause()
        text = shown_text(app)
    assert "13 Schulen, davon 6 mit Schulsozialarbeit" in text and "990901" in text


def test_report_tab_picture(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), press=["9"], terminal_size=(120, 40))


async def test_the_command_palette_offers_the_report_tab(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        [command] = [c for c in app.get_system_commands(app.screen) if c.title == "9 Auswertung"]
        command.callback()
        await pilot.pause()
        assert app.active_kind == "report"
