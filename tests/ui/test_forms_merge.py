"""Two people, one db.json: the form merges by field, driven by keys (Textual's pilot).

Bernd works in the TUI; Anna is a second :class:`Repository` on the same file (another session).
Every test asserts what is stored afterwards.
"""

from __future__ import annotations

import html
import os
import re
import stat
from pathlib import Path

import pytest

from ssa_tui.ui.widgets.record_list import RecordList
from textual.widgets import Input, TextArea

from ssa_tui.store import Repository
from ssa_tui.ui.screens.dialogs import GoneScreen, MergeScreen, PickerScreen
from ssa_tui.ui.screens.record_form import RecordForm


@pytest.fixture
def bernd(make_app):
    """Bernd's TUI on the demo database."""
    return lambda *, read_only=False: make_app(user="bernd", read_only=read_only)


def screen_text(app) -> str:
    svg = app.export_screenshot()
    text = re.sub(r"<[^>]+>", "", re.sub(r"</text>", "\n", svg))
    return html.unescape(text).replace("\xa0", " ")


def anna(db: Path) -> Repository:
    return Repository(db, user="anna")


def position(db: Path, record_id: int = 2) -> dict | None:
    return Repository(db, user="t").get("positions", record_id)


async def open_position(pilot, school: str = "Sekundarschule Soest") -> RecordForm:
    """Filter the positions by ``school`` and open it with Enter."""
    await pilot.pause()
    await pilot.press("slash", *school, "enter", "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RecordForm)
    return pilot.app.screen


async def type_into(pilot, form: RecordForm, field: str, text: str) -> None:
    """Replace what ``field`` shows with ``text``, by keys."""
    widget = form.query_one(f"#field-{field}")
    widget.focus()
    if isinstance(widget, TextArea):
        await pilot.press("ctrl+a", "backspace", *text)  # select all, then type
    else:
        await pilot.press("end", *["backspace"] * len(widget.value), *text)


async def save(pilot) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()
    await pilot.pause()


async def test_untouched_save_keeps_the_other_persons_change(bernd, demo_db: Path) -> None:
    app = bernd()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_position(pilot)
        anna(demo_db).update("positions", 2, {"hours_per_week": 35}, expected_rev=1)
        await save(pilot)  # Bernd changed nothing
        assert not isinstance(app.screen, RecordForm)
        assert "Nichts geändert" in screen_text(app)
    stored = position(demo_db)
    assert stored["hours_per_week"] == 35 and stored["rev"] == 2 and stored["updated_by"] == "anna"


async def test_only_my_fields_are_written_on_top_of_theirs(bernd, demo_db: Path) -> None:
    app = bernd()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_position(pilot)
        anna(demo_db).update("positions", 2, {"hours_per_week": 35}, expected_rev=1)
        await type_into(pilot, form, "carrier", "AWO")
        await save(pilot)
        assert not isinstance(app.screen, RecordForm)
    stored = position(demo_db)
    assert (stored["hours_per_week"], stored["carrier"], stored["rev"]) == (35, "AWO", 3)
    assert stored["updated_by"] == "bernd"


@pytest.mark.parametrize(("downs", "expected"), [(0, 30), (1, 35), (2, 19.5)])
async def test_both_changed_one_field_the_choice_is_stored(
    bernd, demo_db: Path, downs: int, expected: float
) -> None:
    """Mine (30), theirs (Anna's 35) or the value both started from (19,5)."""
    app = bernd()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_position(pilot)
        anna(demo_db).update("positions", 2, {"hours_per_week": 35, "notes": "von Anna"}, expected_rev=1)
        await type_into(pilot, form, "hours_per_week", "30")
        await type_into(pilot, form, "carrier", "AWO")
        await save(pilot)
        assert isinstance(app.screen, MergeScreen)
        shown = screen_text(app)
        assert "Vorher gespeichert: 19,5" in shown
        assert "Jetzt gespeichert (von anna): 35" in shown
        assert "Ihre Eingabe: 30" in shown
        assert "Träger" not in shown.split("Wochenstunden")[-1]  # only the field both changed
        await pilot.press(*["down"] * downs, "enter", "ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, (RecordForm, MergeScreen))
    stored = position(demo_db)
    assert stored["hours_per_week"] == expected
    assert stored["carrier"] == "AWO" and stored["notes"] == "von Anna"


async def test_keep_editing_then_save_keeps_the_other_persons_fields(bernd, demo_db: Path) -> None:
    app = bernd()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_position(pilot)
        anna(demo_db).update("positions", 2, {"hours_per_week": 35, "notes": "A"}, expected_rev=1)
        await type_into(pilot, form, "notes", "B")
        await save(pilot)
        assert isinstance(app.screen, MergeScreen)
        await pilot.press("escape")  # Weiter bearbeiten
        await pilot.pause()
        assert app.screen is form
        assert form.query_one("#field-hours_per_week", Input).value == "35"  # theirs shown …
        assert form.query_one("#field-notes", TextArea).text == "B"  # … plus my input
        assert position(demo_db)["notes"] == "A"  # nothing written yet
        await save(pilot)
        assert not isinstance(app.screen, RecordForm)
    stored = position(demo_db)
    assert (stored["hours_per_week"], stored["notes"], stored["rev"]) == (35, "B", 3)


async def test_a_record_deleted_meanwhile_can_be_saved_as_new(bernd, demo_db: Path) -> None:
    app = bernd()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_position(pilot)
        anna(demo_db).delete("positions", 2)
        await type_into(pilot, form, "carrier", "AWO")
        await save(pilot)
        assert isinstance(app.screen, GoneScreen)
        shown = screen_text(app)
        assert "gelöscht" in shown and "anna" in shown
        await pilot.press("enter")  # "Als neu speichern" has the focus
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, (RecordForm, GoneScreen))
    records = Repository(demo_db, user="t").records("positions")
    assert position(demo_db) is None
    new = records[-1]
    assert new["id"] == 8 and new["school"] == "Sekundarschule Soest" and new["carrier"] == "AWO"
    assert new["hours_per_week"] == 19.5 and new["updated_by"] == "bernd"


async def test_a_record_deleted_meanwhile_can_be_discarded(bernd, demo_db: Path) -> None:
    app = bernd()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_position(pilot)
        anna(demo_db).delete("positions", 2)
        before = demo_db.read_bytes()
        await type_into(pilot, form, "carrier", "AWO")
        await save(pilot)
        assert isinstance(app.screen, GoneScreen)
        await pilot.press("tab", "enter")  # "Verwerfen"
        await pilot.pause()
        assert not isinstance(app.screen, (RecordForm, GoneScreen))
    assert demo_db.read_bytes() == before


async def test_a_viewer_gets_a_read_only_form(bernd, demo_db: Path) -> None:
    before = demo_db.read_bytes()
    app = bernd(read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_position(pilot)
        school = form.query_one("#field-school", Input)
        assert school.disabled and all(form.widget(field).disabled for field in form.fields)
        assert "ctrl+s" not in {b.binding.key for b in form.active_bindings.values() if b.enabled}
        await pilot.click("#field-school")
        await pilot.press("x", "y", "ctrl+s")
        await pilot.pause()
        assert school.value == "Sekundarschule Soest" and app.screen is form
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, RecordForm)
    assert demo_db.read_bytes() == before


async def test_p_plans_the_suggestion_and_opens_the_new_event(bernd, demo_db: Path) -> None:
    app = bernd()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("6", "slash", *"absentismus", "enter", "p")
        await pilot.pause()
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm) and form.kind.name == "events"
        assert form.query_one("#field-title", Input).value == "Schulabsentismus – was hilft?"
        assert app.focused is form.query_one("#field-start")  # the date is what it needs next
        await pilot.press(*"12.03.2027 14:00")  # typed at once, no field chosen first
        await save(pilot)
        assert not isinstance(app.screen, RecordForm)
    repository = Repository(demo_db, user="t")
    suggestion = repository.get("suggestions", 2)
    event = repository.get("events", suggestion["event"])
    assert suggestion["status"] == "eingeplant" and event["status"] == "geplant"
    assert event["start"] == "2027-03-12T14:00" and event["rev"] == 2


async def test_over_capacity_is_a_warning_and_saving_stays_allowed(bernd, demo_db: Path) -> None:
    app = bernd()
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("3", "n", *"Fachtag voll")
        form = app.screen
        await type_into(pilot, form, "capacity", "30")
        await type_into(pilot, form, "participants", "35")
        message = form.query_one("#message-participants")
        assert message.has_class("-warning") and not message.has_class("-error")
        assert "35 bei 30 Plätzen" in screen_text(app)
        await save(pilot)
        assert not isinstance(app.screen, RecordForm)
    event = Repository(demo_db, user="t").records("events")[-1]
    assert (event["title"], event["capacity"], event["participants"]) == ("Fachtag voll", 30, 35)


async def test_links_are_shown_and_typed_by_name(bernd, demo_db: Path) -> None:
    app = bernd()
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_position(pilot, "Berufskolleg Geseke")
        staff = form.query_one("#field-staff", Input)
        assert staff.value == "Patrick Peters (#3)"
        await type_into(pilot, form, "staff", "niemand da")
        assert "Kontakt „niemand da“ nicht gefunden." in screen_text(app)
        await type_into(pilot, form, "staff", "verena gröne")  # the case does not matter
        await save(pilot)
        assert not isinstance(app.screen, RecordForm)
    assert position(demo_db, 5)["staff"] == 2


async def test_picker_leaves_the_cursor_where_the_role_is_typed(bernd, demo_db: Path) -> None:
    app = bernd()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "slash", *"Fallberatung", "enter", "enter")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-contacts", TextArea).focus()
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)
        await pilot.press(*"peters", "enter")
        await pilot.pause()
        await pilot.press(*"Leitung")
        await save(pilot)
        assert not isinstance(app.screen, RecordForm)
    group = Repository(demo_db, user="t").get("groups", 2)
    assert group["contacts"] == [
        {"contact": 4, "role": "Ansprechperson Raum Lippstadt"},
        {"contact": 5, "role": "Ansprechperson Raum Soest"},
        {"contact": 3, "role": "Leitung"},
    ]


async def test_a_damaged_database_gives_a_message_and_the_app_keeps_running(bernd, demo_db: Path) -> None:
    app = bernd()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        form = await open_position(pilot)
        await type_into(pilot, form, "carrier", "AWO")
        demo_db.write_bytes(b"\x00garbage{")  # replaced while the TUI is open
        await save(pilot)
        assert app.screen is form and "beschädigt" in screen_text(app)
        assert demo_db.read_bytes() == b"\x00garbage{"
        await pilot.press("escape", "j")
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, RecordForm)


async def test_an_unexpected_error_is_logged_without_contents_and_the_app_keeps_running(
    bernd, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = bernd()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        form = await open_position(pilot)

        # A fault nobody foresaw (stored data can no longer cause one: it is validated and shown
        # safely): reloading the lists after the save fails.
        def broken_load(self, records) -> None:
            raise TypeError("unforeseen")

        monkeypatch.setattr(RecordList, "load", broken_load)
        await type_into(pilot, form, "carrier", "Geheimer Träger")
        await save(pilot)
        assert "Unerwarteter Fehler (TypeError)" in screen_text(app)
        assert "db.json.errors.log" in screen_text(app)
        assert app.is_running
    log = demo_db.with_name("db.json.errors.log")
    assert stat.S_IMODE(os.stat(log).st_mode) == 0o660
    text = log.read_text()
    assert "TypeError" in text and "Traceback" in text and "user='bernd'" in text
    assert "Geheimer" not in text and "Sekundarschule" not in text  # no record contents
    assert position(demo_db)["carrier"] == "Geheimer Träger"  # the save itself went through


def test_snapshot_form_with_a_link_shown_by_name(snap_compare, make_app) -> None:
    keys = ["1", "slash", *"Berufskolleg Geseke", "enter", "enter"]
    assert snap_compare(make_app(), press=keys, terminal_size=(100, 30))
