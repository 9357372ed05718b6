"""The UI driven by keys, as a person uses it (Textual's pilot), on a real database file."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from ssa_tui.store import Repository
from ssa_tui.ui.screens.dialogs import ConfirmScreen, MergeScreen, PickerScreen
from ssa_tui.ui.screens.record_form import RecordForm
from ssa_tui.ui.widgets.record_table import RecordTable

TITLE_OF = {
    "positions": ("1", "Grundschule Ense"),
    "groups": ("2", "AK Neu"),
    "events": ("3", "Fachtag Kinderschutz"),
    "contacts": ("4", "Maria Muster"),
    "newsletters": ("5", "Sommer-Newsletter"),
    "suggestions": ("6", "Cybermobbing"),
}


def screen_text(app) -> str:
    """What the terminal shows now, as plain text (from the app's own screenshot)."""
    svg = app.export_screenshot()
    text = re.sub(r"<[^>]+>", "", re.sub(r"</text>", "\n", svg))
    return html.unescape(text).replace("\xa0", " ")


def stored(db: Path, kind: str) -> list[dict]:
    return Repository(db, user="test").records(kind)


@pytest.mark.parametrize("kind", list(TITLE_OF))
async def test_each_tab_create_edit_filter_delete(make_app, demo_db: Path, kind: str) -> None:
    key, title = TITLE_OF[kind]
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(key)
        assert app.active_kind == kind
        assert isinstance(app.focused, RecordTable) and app.focused.cursor == 0
        before = len(stored(demo_db, kind))

        # create: n opens the form with the first field focused; type the title; ctrl+s saves
        await pilot.press("n")
        assert isinstance(app.screen, RecordForm)
        assert app.focused.id == f"field-{app.screen.kind.fields[0].name}"
        await pilot.press(*title)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, RecordForm)
        records = stored(demo_db, kind)
        assert len(records) == before + 1 and records[-1]["updated_by"] == "britta"
        new_id = records[-1]["id"]

        # filter narrows at once, umlaut- and case-insensitive
        await pilot.press("slash", *title.upper())
        table = app.active_list.table
        assert [row.record_id for row in table.rows] == [new_id]
        await pilot.press("enter")  # back to the list
        assert isinstance(app.focused, RecordTable)

        # edit: enter opens, change the title, save → revision 2
        await pilot.press("enter")
        assert isinstance(app.screen, RecordForm)
        await pilot.press("end", "space", "2", "ctrl+s")
        await pilot.pause()
        edited = Repository(demo_db, user="t").get(kind, new_id)
        assert edited["rev"] == 2 and edited[app.active_list.kind.title_field].endswith(" 2")

        # delete asks first; "no" keeps, "yes" deletes
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert Repository(demo_db, user="t").get(kind, new_id) is not None
        await pilot.press("d", "j")
        await pilot.pause()
        assert Repository(demo_db, user="t").get(kind, new_id) is None


async def test_tab_keys_switch_and_do_not_fire_while_typing(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for key, kind in (("3", "events"), ("4", "contacts"), ("1", "positions")):
            await pilot.press(key)
            assert app.active_kind == kind
        await pilot.press("slash", "3", "q")
        assert isinstance(app.focused, Input) and app.focused.value == "3q"
        assert app.active_kind == "positions" and app.is_running


async def test_filter_finds_dusse_without_umlaut(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "slash", *"dusse")
        rows = app.active_list.table.rows
        assert len(rows) == 1 and "Düsse" in " ".join(rows[0].cells)
        status = str(app.active_list.query_one(".list-status").render())
        assert status.startswith("1 von 3")


async def test_an_invalid_field_is_marked_and_nothing_is_saved(make_app, demo_db: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        before = stored(demo_db, "positions")
        await pilot.press("n", *"Schule am Markt")
        form = app.screen
        form.query_one("#field-hours_per_week", Input).focus()
        await pilot.press("9", "9")
        assert "höchstens 41" in screen_text(app)  # as you type, before saving
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RecordForm)
        assert form.query_one("#field-hours_per_week").has_class("-invalid")
        assert stored(demo_db, "positions") == before


async def test_escape_asks_before_discarding_changes(make_app, demo_db: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "X", "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, RecordForm)
        await pilot.press("escape", "j")
        assert not isinstance(app.screen, (RecordForm, ConfirmScreen))


async def test_a_link_is_picked_from_a_searchable_list(make_app, demo_db: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n", *"Schule mit Fachkraft")
        app.screen.query_one("#field-staff", Input).focus()
        await pilot.press("f2")
        assert isinstance(app.screen, PickerScreen)
        await pilot.press(*"grone", "enter")
        await pilot.pause()
        form = app.screen
        staff = form.query_one("#field-staff", Input)
        assert staff.value == "Verena Gröne (#2)" and staff.cursor_position == len(staff.value)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert stored(demo_db, "positions")[-1]["staff"] == 2


async def test_a_stale_save_is_refused_with_both_versions(make_app, demo_db: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4", "slash", *"thulfaut", "enter", "enter")  # Britta Thulfaut's contact
        other = Repository(demo_db, user="verena")
        other.update("contacts", 1, {"role": "Leitung"}, expected_rev=1)
        app.screen.query_one("#field-role", Input).focus()
        await pilot.press("end", *" (neu)", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MergeScreen)
        shown = screen_text(app)
        assert "Leitung" in shown and "(neu)" in shown and "verena" in shown
        await pilot.press("escape")  # keep editing: nothing was overwritten
        assert isinstance(app.screen, RecordForm)
    assert Repository(demo_db, user="t").get("contacts", 1)["role"] == "Leitung"


async def test_a_linked_contact_is_deleted_only_after_a_second_question(make_app, demo_db: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4", "slash", *"peters", "enter")  # staff of a position, contact of an AK
        assert app.active_list.selected["name"] == "Patrick Peters"
        await pilot.press("d", "j")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "wird verwendet von" in app.screen.question
        await pilot.press("j")
        await pilot.pause()
    repository = Repository(demo_db, user="t")
    assert repository.get("contacts", 3) is None
    assert all(p["staff"] != 3 for p in repository.records("positions"))


async def test_a_suggestion_becomes_a_planned_event_in_one_action(make_app, demo_db: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("6")
        await pilot.press("o")  # sort by "suggested by" …
        await pilot.press("O")  # … reversed
        open_one = [r for r in app.active_list.table.rows if "Schulabsentismus" in r.cells[0]][0]
        app.active_list.table.cursor = app.active_list.table.rows.index(open_one)
        await pilot.press("p")
        await pilot.pause()
    repository = Repository(demo_db, user="t")
    suggestion = repository.get("suggestions", 2)
    event = repository.get("events", suggestion["event"])
    assert (
        suggestion["status"] == "eingeplant"
        and event["title"] == suggestion["topic"]
        and event["status"] == "geplant"
    )


async def test_a_viewer_sees_no_editing_keys_and_cannot_write(make_app, demo_db: Path) -> None:
    before = demo_db.read_bytes()
    app = make_app(read_only=True)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "nur lesen" in app.sub_title
        footer_keys = {b.binding.key for b in app.screen.active_bindings.values() if b.enabled}
        assert "n" not in footer_keys and "d" not in footer_keys
        await pilot.press("n", "d")
        assert not isinstance(app.screen, (RecordForm, ConfirmScreen))
        await pilot.press("enter", "ctrl+s")
        await pilot.pause()
    assert demo_db.read_bytes() == before


async def test_help_lists_every_key_of_the_screen(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        text = screen_text(app)
        for line in (
            "1–9",
            "/ ",
            "n ",
            "Enter",
            "d ",
            "? ",
            "q ",
            "Neuen Datensatz anlegen",
            "Programm beenden",
        ):
            assert line in text


async def test_changes_by_another_session_appear(make_app, demo_db: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        Repository(demo_db, user="verena").create("positions", {"school": "Von woanders"})
        app.refresh_if_changed()
        await pilot.pause()
        assert any("Von woanders" in row.cells[1] for row in app.active_list.table.rows)


async def test_a_change_seen_while_the_app_shuts_down_is_not_shown(make_app, demo_db: Path) -> None:
    """The 2-second timer can tick once more while the app closes (a CI run failed that way):
    the lists' widgets are going away, so nothing may be loaded into them."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.active_list.table
    Repository(demo_db, user="verena").create("positions", {"school": "Beim Schließen"})
    app.refresh_if_changed()  # no NoMatches for the removed list header, no error at all
    app.reload_lists()
    assert not any("Beim Schließen" in row.cells[1] for row in table.rows)


HOSTILE = ["[bold]Fett[/]", "Titel\x1b]0;gekapert\x07", "Rot\x1b[31m", "[/]", "OSC52\x1b]52;c;ZXZpbA==\x07"]


async def test_hostile_names_are_shown_as_text(make_app, demo_db: Path) -> None:
    data = json.loads(demo_db.read_text())
    for offset, name in enumerate(HOSTILE):
        record = dict(data["contacts"]["1"], id=100 + offset, name=name)
        data["contacts"][str(100 + offset)] = record
    demo_db.write_text(json.dumps(data, ensure_ascii=False))  # as if it came from outside
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        screen = app.export_screenshot()
        assert "\x1b" not in screen and "\x07" not in screen
        for shown in ("[bold]Fett[/]", "Titel␛]0;gekapert␇", "Rot␛[31m", "OSC52␛]52;c;ZXZpbA==␇"):
            assert shown.replace("&", "&amp;").replace("<", "&lt;").replace(" ", "&#160;") in screen
        app.active_list.table.cursor = [r.record_id for r in app.active_list.table.rows].index(100)
        await pilot.press("enter")
        await pilot.pause()
        form_screen = app.export_screenshot()
        assert "[bold]Fett[/]" in form_screen and "\x1b" not in form_screen


async def test_free_text_fields_complete_the_usual_values(make_app, demo_db: Path) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n", *"Schule mit Träger")
        app.screen.query_one("#field-carrier", Input).focus()
        await pilot.press(*"diak", "right")  # → accepts the suggestion
        assert app.screen.query_one("#field-carrier", Input).value == "Diakonie Ruhr-Hellweg"


async def palette_titles(pilot, expected: int) -> set[str]:
    """Open the palette (empty query: every command) and read its entries once all have come."""
    from textual.command import CommandList

    await pilot.press("ctrl+p")
    entries = pilot.app.screen.query_one(CommandList)
    for _ in range(300):  # bounded wait on the content, not on the clock
        if entries.option_count >= expected:
            break
        await pilot.pause(0.05)
    titles = {str(entries.get_option_at_index(i).prompt).split("\n")[0] for i in range(entries.option_count)}
    await pilot.press("escape")
    return titles


@pytest.mark.parametrize("scope", ["app", "form"])
async def test_every_command_is_in_the_palette(make_app, scope: str) -> None:
    """Each registry command of the screen (on the list: those of the active tab's kind)."""
    from ssa_tui.i18n import t
    from ssa_tui.ui.app import TAB_KINDS
    from ssa_tui.ui.commands import commands

    def wanted(kind: str) -> set[str]:
        return {
            t(command.label)
            for command in commands(scope)
            if not command.action.startswith("tab(")
            and command.action != "command_palette"
            and (command.kinds is None or kind in command.kinds)
        }

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        if scope == "form":
            await pilot.press("n")
            assert isinstance(app.screen, RecordForm)
            expected = wanted("positions")
            titles = await palette_titles(pilot, len(expected))
            assert expected <= titles, expected - titles
            return
        for number, kind in enumerate(TAB_KINDS, 1):
            await pilot.press(str(number))
            expected = wanted(kind)
            titles = await palette_titles(pilot, len(expected))
            assert expected <= titles, (kind, expected - titles)
        await pilot.press("1", "ctrl+p", *"Neu")  # and an entry runs its command
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecordForm)


@pytest.mark.parametrize(
    ("width", "tabs"),
    [(100, ["1 Positions", "5 Newsletters", "9 Report"]), (80, ["1 Pos.", "5 News", "8 Empl.", "9 Report"])],
)
def test_english_when_asked(demo_db: Path, open_terminal, width: int, tabs: list[str]) -> None:
    """The real program in a real terminal (tmux), started with --lang en: every tab named, in
    the short names where the full ones do not fit."""
    terminal = open_terminal(demo_db, "--lang", "en", width=width)
    screen = terminal.wait_for("Enter Open")
    assert all(tab in screen.splitlines()[1] for tab in tabs), screen
    assert "n New" in screen and "not verified for over 12 months" in screen


async def test_notifications_show_stored_text_as_text(make_app, demo_db: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await pilot.press("n", *"[bold]Fett[/]", "ctrl+s")
        await pilot.pause()
        assert "Gespeichert: [bold]Fett[/]" in screen_text(app)


async def test_the_picker_is_walked_with_arrows_from_its_search_and_escape_keeps_the_field(
    make_app, demo_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n", *"Schule mit Fachkraft")
        staff = app.screen.query_one("#field-staff", Input)
        staff.focus()
        await pilot.press("f2", "escape")  # cancelled: nothing chosen, the field as it was
        await pilot.pause()
        assert isinstance(app.screen, RecordForm) and staff.value == ""
        await pilot.press("f2")
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        options = picker.query_one(OptionList)
        assert options.highlighted == 0 and picker.focused is picker.query_one(Input)
        await pilot.press("down")  # from the search into the list, one step down
        assert picker.focused is options and options.highlighted == 1
        await pilot.press("down", "up")
        assert options.highlighted == 1
        wanted = options.get_option_at_index(1).id
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecordForm)
        assert staff.value.endswith(f"(#{wanted})")


def test_every_list_column_has_a_short_label_in_both_languages() -> None:
    """A missing catalogue entry shows its key (`col.schools.name`) as the column's head."""
    from ssa_tui.i18n import LANGUAGES, text_in
    from ssa_tui.schema import KINDS
    from ssa_tui.ui.app import TAB_KINDS

    for kind_name in TAB_KINDS:
        for column in KINDS[kind_name].columns:
            key = f"col.{kind_name}.{column}"
            for language in LANGUAGES:
                assert text_in(language, key) != key, (language, key)


async def test_a_focused_dropdown_stands_out_from_the_others(make_app) -> None:
    """A compact dropdown has no border to light up; one shade of grey was all that changed."""
    from textual.widgets import Select
    from textual.widgets._select import SelectCurrent

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        while not isinstance(app.focused, Select):
            await pilot.press("tab")
        await pilot.pause()
        selects = list(app.screen.query(Select))
        assert len(selects) >= 2
        focused, other = app.focused, next(s for s in selects if s is not app.focused)

        def colour(select):
            return select.query_one(SelectCurrent).rich_style.bgcolor.get_truecolor()

        def distance() -> int:
            return sum(abs(a - b) for a, b in zip(colour(focused), colour(other)))

        for _ in range(100):  # the focus style is applied on a later refresh (a bound, not a timing)
            if distance() > 90:
                break
            await pilot.pause(0.02)
        assert distance() > 90, (colour(focused), colour(other))


async def test_a_two_line_hint_is_shown_as_two_lines(make_app) -> None:
    """The hint of a group's contact persons (its own line and the link help) showed a ⏎."""
    from textual.widgets import Static

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "enter")
        await pilot.pause()
        hint = str(app.screen.query_one("#message-contacts", Static).render())
        assert "⏎" not in hint and len(hint.splitlines()) == 2, hint
