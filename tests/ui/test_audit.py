"""The audit view: German times, before → after per field, restore by keys (a new revision,
audited, links checked again), refused for viewers before anything is written."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from ssa_tui.schema import KINDS
from ssa_tui.services import audit as audit_service
from ssa_tui.store import ReadOnlyError, Repository, ValidationFailed, audit
from ssa_tui.ui.audit.screen import AuditScreen
from ssa_tui.ui.screens.dialogs import HelpScreen, key_lines

from .conftest import FIXED_NOW
from .test_lists_and_forms import screen_text

OLD_ROLE = "Koordinierungsstelle Schulsozialarbeit"


def shown_text(static) -> str:
    """A Static's content as plain text (a rich Table rendered 120 columns wide)."""
    console = Console(width=120, record=True, file=io.StringIO())
    console.print(static.content)
    return console.export_text()


def as_person(db: Path, user: str) -> Repository:
    return Repository(db, user=user, clock=lambda: FIXED_NOW)


async def test_the_view_shows_german_times_and_before_after(make_app, demo_db: Path) -> None:
    as_person(demo_db, "verena").update("contacts", 1, {"role": "Leitung"}, expected_rev=1)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, AuditScreen)
        text = screen_text(app)
        assert "Dienstag, 24. November 2026, 10:00 Uhr · verena geändert Kontakt #1 „Britta Thulfaut“" in text
        role = KINDS["contacts"].field_label("role")
        detail = [line.split() for line in shown_text(app.screen.query_one("#audit-detail")).splitlines()]
        assert [role, *OLD_ROLE.split(), "→", "Leitung"] in detail
        assert "2026-11-24T" not in text


async def test_a_changed_record_is_restored_from_the_view_by_keys(make_app, demo_db: Path) -> None:
    as_person(demo_db, "verena").update("contacts", 1, {"role": "Leitung"}, expected_rev=1)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "slash", *"verena", "enter", "r", "j")
        await pilot.pause()
        assert [n.message for n in app._notifications] == [
            "Kontakt #1 „Britta Thulfaut“ wiederhergestellt (Version 3)."
        ]
    record = as_person(demo_db, "t").get("contacts", 1)
    assert (record["role"], record["rev"], record["updated_by"]) == (OLD_ROLE, 3, "britta")
    last = list(audit.read(demo_db))[-1]
    assert (last.user, last.action, last.id) == ("britta", "update", 1)
    assert (last.before["role"], last.after["role"]) == ("Leitung", OLD_ROLE)


async def test_a_deleted_record_comes_back_under_its_old_id(make_app, demo_db: Path) -> None:
    verena = as_person(demo_db, "verena")
    created = verena.create("contacts", {"name": "Maria Muster", "email": "maria@example.org"})
    verena.delete("contacts", created["id"])
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "slash", *"gelöscht maria", "enter", "r", "j")
        await pilot.pause()
    back = as_person(demo_db, "t").get("contacts", created["id"])
    assert (back["name"], back["email"], back["rev"]) == ("Maria Muster", "maria@example.org", 1)
    assert verena.create("contacts", {"name": "Danach"})["id"] == created["id"] + 1
    last = list(audit.read(demo_db))[-2]
    assert (last.user, last.action, last.id, last.before) == ("britta", "create", created["id"], None)


async def test_no_means_nothing_is_restored(make_app, demo_db: Path) -> None:
    as_person(demo_db, "verena").update("contacts", 1, {"role": "Leitung"}, expected_rev=1)
    before = demo_db.read_bytes()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "r", "n")
        await pilot.pause()
    assert demo_db.read_bytes() == before


def test_a_link_to_a_record_deleted_since_is_refused_and_nothing_written(demo_db: Path) -> None:
    verena = as_person(demo_db, "verena")
    verena.update("positions", 1, {"staff": None}, expected_rev=1)
    verena.delete("contacts", 4, clear_links=True)
    change = [c for c in audit_service.changes(demo_db, kind="positions", record_id=1)][-1]
    before = demo_db.read_bytes(), audit.audit_path(demo_db).read_bytes()
    with pytest.raises(ValidationFailed) as refused:
        audit_service.restore(as_person(demo_db, "britta"), change)
    assert KINDS["positions"].field_label("staff") in str(refused.value)
    assert (demo_db.read_bytes(), audit.audit_path(demo_db).read_bytes()) == before


async def test_a_viewer_is_refused_before_anything_and_sees_no_restore_key(make_app, demo_db: Path) -> None:
    as_person(demo_db, "verena").update("contacts", 1, {"role": "Leitung"}, expected_rev=1)
    change = audit_service.changes(demo_db)[-1]
    before = demo_db.read_bytes(), audit.audit_path(demo_db).read_bytes()
    with pytest.raises(ReadOnlyError):
        audit_service.restore(Repository(demo_db, user="praktikum", read_only=True), change)
    app = make_app(read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "r", "j")
        await pilot.pause()
        shown = {b.binding.action for b in app.screen.active_bindings.values() if b.enabled}
        assert "restore" not in shown
    assert (demo_db.read_bytes(), audit.audit_path(demo_db).read_bytes()) == before


async def test_help_on_the_audit_view_lists_its_keys_only(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert [keys for keys, _text in key_lines(app.screen.offered)] == ["?", "Strg+P", "Esc", "/", "r"]
        text = " ".join(shown_text(app.screen.query_one("#help-keys")).split())
        assert "1–6" not in text and "Neuen Datensatz anlegen" not in text and "Reiter" not in text
        assert "Den Datensatz auf den Stand vor der gewählten Änderung zurücksetzen" in text


def test_the_command_line_prints_german_times(demo_db: Path) -> None:
    import subprocess
    import sys

    as_person(demo_db, "verena").update("contacts", 1, {"role": "Leitung"}, expected_rev=1)
    program = str(Path(sys.executable).with_name("ssa-tui"))
    result = subprocess.run(
        [program, "audit", "--db", str(demo_db), "--user", "verena"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Dienstag, 24. November 2026, 10:00 Uhr · verena geändert Kontakt #1 „Britta Thulfaut“: Funktion"
    ]
