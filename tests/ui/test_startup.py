"""Start-up draws its first frame before the database is read; what that must not change.

The list shown at start is read and built after the first frame, a tab's list when the tab is
first shown, and a list's search keys in steps after it is shown.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from ssa_tui.store import Repository
from ssa_tui.ui.app import build_app
from ssa_tui.ui.widgets import record_list

from .conftest import FIXED_NOW, PROGRAM


def test_a_corrupt_database_ends_the_tui_with_exit_2_and_one_message(demo_db: Path) -> None:
    """Read after the first frame, a damaged file still ends the program as before the app:
    the terminal restored, one German line, exit 2, the file untouched."""
    if not shutil.which("script"):
        pytest.skip("script (util-linux) missing: no pseudo-terminal for the TUI")
    demo_db.write_bytes(demo_db.read_bytes()[:300])  # the head (format stamp) intact, the rest cut
    before = demo_db.read_bytes()
    command = shlex.join([PROGRAM, "--db", str(demo_db), "--user", "britta"])
    result = subprocess.run(
        ["script", "-qec", command, "/dev/null"], capture_output=True, timeout=60, stdin=subprocess.DEVNULL
    )
    shown = result.stdout.decode("utf-8", "replace")
    assert result.returncode == 2
    assert f"Datenbank {demo_db} ist beschädigt" in shown and "Traceback" not in shown
    assert demo_db.read_bytes() == before
    assert not demo_db.with_name(demo_db.name + ".errors.log").exists()  # reported, not a crash


async def test_a_filter_before_the_search_keys_are_made_finds_every_match(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    repository = Repository(db, user="britta", create=True, clock=lambda: FIXED_NOW)
    with repository.batch() as batch:
        batch.create("contacts", {"name": "Zora Zuletzt"})  # id 1: its key is made in the last step
        for number in range(record_list.SEARCH_STEP + 1):
            batch.create("contacts", {"name": f"Person {number}"})
    app = build_app(repository, clock=lambda: FIXED_NOW)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        contacts = app.list_of("contacts")
        contacts.load(repository.records("contacts"))  # fresh rows: no search key made yet
        contacts.filter_input.value = "zora"
        contacts.apply_filter()  # at once, before any step ran
        assert [row.cells[0] for row in contacts.table.rows] == ["Zora Zuletzt"]
        await pilot.press("escape")
        assert len(contacts.table.rows) == record_list.SEARCH_STEP + 2
        assert all(row.search_key for row in contacts.all_rows)  # every key made by now


async def test_the_search_keys_are_made_in_steps_once_the_list_is_shown(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    repository = Repository(db, user="britta", create=True, clock=lambda: FIXED_NOW)
    with repository.batch() as batch:
        for number in range(record_list.SEARCH_STEP + 1):
            batch.create("contacts", {"name": f"Person {number}", "town": "Soest"})
    app = build_app(repository, clock=lambda: FIXED_NOW)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        keys = {row.record_id: row.search_key for row in app.list_of("contacts").all_rows}
        last = record_list.SEARCH_STEP + 1
        assert keys[1].startswith("person 0 ") and "soest" in keys[1]  # made in the second step
        assert keys[last].startswith(f"person {last - 1} ") and "soest" in keys[last]


async def test_an_exit_during_the_first_load_ends_quietly(demo_db: Path) -> None:
    """A stop signal can come while the first list is being built (its tab's „lädt …“ removed,
    the list not mounted yet): the app ends with its code, no error, no error log."""
    from ssa_tui.ui import app as app_module
    from ssa_tui.ui.app import SsaApp

    class StoppedAtOnce(SsaApp):
        CSS_PATH = [str(Path(app_module.__file__).parent / path) for path in SsaApp.CSS_PATH]

        def on_mount(self) -> None:  # Textual calls SsaApp.on_mount after this one
            self.call_after_refresh(self.exit, None, 129)  # as lifeline does on SIGHUP

    repository = Repository(demo_db, user="britta", clock=lambda: FIXED_NOW)
    app = StoppedAtOnce(repository, clock=lambda: FIXED_NOW)
    async with app.run_test(size=(120, 40)):
        pass  # leaving the block waits for the app's end (an error in it would be raised here)
    assert app.return_code == 129 and not app.started
    assert not demo_db.with_name(demo_db.name + ".errors.log").exists()
