"""Every screen's keys come from the one registry: the help (`?`), the palette and the footer
list exactly what works on the screen you are on — nothing from the screen below."""

from __future__ import annotations

import pytest

from ssa_tui.i18n import t
from ssa_tui.ui.audit.screen import AuditScreen
from ssa_tui.ui.exchange.screens import ExportScreen, ImportScreen
from ssa_tui.ui.newsletter.screens import PreviewScreen
from ssa_tui.ui.screens.dialogs import ConfirmScreen, HelpScreen, key_lines
from ssa_tui.ui.screens.record_form import RecordForm
from ssa_tui.ui.widgets.record_list import RecordList

LIST_KEYS = ["?", "q", "1–9", "/", "Esc", "!", "n", "Enter", "d", "o", "O", "i", "x", "a", "r", "Strg+P"]
CLOSE_ONLY = ["?", "Strg+P", "Esc"]

#: screen → (keys pressed from the start, the screen class expected, its keys in the help)
SCREENS = {
    "list": ((), RecordList, LIST_KEYS),
    "form": (("n",), RecordForm, ["?", "Strg+P", "Strg+S", "Esc", "F2"]),
    "audit": (("a",), AuditScreen, ["?", "Strg+P", "Esc", "/", "r"]),
    "confirm": (("d",), ConfirmScreen, ["?", "Strg+P", "j", "n, Esc"]),
    "import": (("i",), ImportScreen, CLOSE_ONLY),
    "export": (("x",), ExportScreen, CLOSE_ONLY),
    "preview": (("5", "v"), PreviewScreen, CLOSE_ONLY),
}


async def open_screen(app, pilot, keys: tuple[str, ...], expected: type) -> None:
    await pilot.press(*keys)
    for _ in range(100):  # the preview is rendered in a worker
        if expected is RecordList or isinstance(app.screen, expected):
            return
        await pilot.pause(0.05)
    notes = [n.message for n in app._notifications]
    raise AssertionError(f"{expected.__name__} did not open: {app.screen!r} {notes}")


@pytest.mark.parametrize("name", list(SCREENS))
async def test_help_palette_and_footer_list_what_works_here(make_app, monkeypatch, name: str) -> None:
    monkeypatch.setenv("SSA_TUI_MAIL_FROM", "schulsozialarbeit@kreis-soest.de")
    keys, expected, help_keys = SCREENS[name]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(app, pilot, keys, expected)
        screen = app.screen
        offered = app.offered_on(screen)
        assert [keys for keys, _text in key_lines(offered)] == help_keys

        helps = {t(command.help) for command in offered}
        palette = {command.help for command in app.get_system_commands(screen)}
        assert palette <= helps and palette >= helps - {t("help.palette")}

        shown = {b.binding.action for b in screen.active_bindings.values() if b.enabled and b.binding.show}
        offered_actions = {command.action for command in offered}
        assert shown <= offered_actions, shown - offered_actions

        app.action_help()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and app.screen.offered == offered


async def test_a_viewer_is_offered_no_writing_key(make_app) -> None:
    app = make_app(read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        assert [keys for keys, _ in key_lines(app.offered_on(app.screen))] == ["?", "Strg+P", "Esc", "/"]
        await pilot.press("escape")
        keys = [keys for keys, _ in key_lines(app.offered_on(app.screen))]
        assert keys == ["?", "q", "1–9", "/", "Esc", "!", "Enter", "o", "O", "x", "a", "r", "Strg+P"]


async def test_the_footer_offers_esc_while_the_filter_has_focus(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()

        def footer() -> set[str]:
            bindings = app.screen.active_bindings.values()
            return {b.binding.description for b in bindings if b.enabled and b.binding.show}

        assert "Filter leeren" not in footer()
        await pilot.press("slash")
        await pilot.pause()
        assert "Filter leeren" in footer()
        await pilot.press("escape")
        await pilot.pause()
        assert "Filter leeren" not in footer()


@pytest.mark.parametrize("name", ["form", "confirm", "import", "export", "audit"])
async def test_a_digit_on_a_screen_above_the_list_leaves_the_tab_alone(make_app, name: str) -> None:
    """A digit typed where no text goes (a focused dropdown, a button) switched the tab behind
    a form or dialog: the event saved after typing `35` into its status came back on tab 5."""
    keys, expected, _ = SCREENS[name]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await open_screen(app, pilot, keys, expected)
        if name == "form":
            from textual.widgets import Select

            while not isinstance(app.focused, Select):  # the first dropdown of the form
                await pilot.press("tab")
        await pilot.press("3", "5")
        await pilot.pause()
        assert isinstance(app.screen, expected) and app.active_kind == "positions"
        assert app.query_one("#tab-positions").display and not app.query("#tab-events")


@pytest.mark.parametrize("name", ["confirm", "import", "export"])
async def test_a_dialog_shows_its_own_keys_not_those_of_the_screen_below(make_app, name: str) -> None:
    """The footer of the list lay under every dialog, still offering `Esc Filter leeren`."""
    import html
    import re

    from textual.widgets import Footer

    keys, expected, _ = SCREENS[name]
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"schule", "enter")  # a filter is on: the list offers Esc for it
        await pilot.pause()
        await open_screen(app, pilot, keys, expected)
        own_key = "Nein" if name == "confirm" else "Schließen"
        for _ in range(100):  # the footer is drawn after the dialog (a bound, not a timing)
            await pilot.pause(0.02)
            shown = html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot())).replace("\xa0", " ")
            if own_key in shown:
                break
        assert app.screen.query(Footer)
        assert own_key in shown and "Filter leeren" not in shown


async def test_an_open_dropdown_offers_esc_in_german(make_app) -> None:
    """Textual's own footer entry of an open dropdown read `esc Dismiss menu`."""
    from textual.widgets import Select

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        while not isinstance(app.focused, Select):
            await pilot.press("tab")
        await pilot.press("enter")  # the menu opens

        def footer() -> set[tuple[str | None, str]]:
            bindings = app.screen.active_bindings.values()
            return {
                (b.binding.key_display, b.binding.description)
                for b in bindings
                if b.enabled and b.binding.show
            }

        for _ in range(100):  # the menu takes the focus on a later refresh (a bound, not a timing)
            await pilot.pause(0.02)
            if any(text == "Menü schließen" for _, text in footer()):
                break
        shown = footer()
        assert ("Esc", "Menü schließen") in shown and not any("Dismiss" in text for _, text in shown)


async def test_every_dialog_has_exactly_one_footer(make_app) -> None:
    from textual.widgets import Footer

    from ssa_tui.ui.rounds.screen import RoundsScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        for keys, expected in ((("r",), RoundsScreen), (("x",), ExportScreen), (("d",), ConfirmScreen)):
            await open_screen(app, pilot, keys, expected)
            for _ in range(100):
                await pilot.pause(0.02)
                if app.screen.query(Footer):
                    break
            assert len(app.screen.query(Footer)) == 1, expected
            await pilot.press("escape")
            await pilot.pause()
