"""The audit view shows links by name, as the forms do (``Sonja Berger (#4)``), role links with
their roles, a record deleted since as ``#4 (gelöscht)``; restoring still works with the ids."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from ssa_tui.schema import KINDS
from ssa_tui.store import Repository
from ssa_tui.ui.audit.screen import AuditScreen

from .conftest import FIXED_NOW

# Demo contacts: 3 Patrick Peters, 4 Sonja Berger, 5 Sibel Toykun; position 2 is staffed by 5,
# group 1 has Patrick Peters as its contact and members 1 and 2.


def as_person(db: Path, user: str) -> Repository:
    return Repository(db, user=user, clock=lambda: FIXED_NOW)


def detail_lines(app) -> list[str]:
    """The before → after table of the audit view, one line per field, spaces collapsed (wide
    enough that no value wraps)."""
    console = Console(width=400, record=True, file=io.StringIO())
    console.print(app.screen.query_one("#audit-detail").content)
    return [" ".join(line.split()) for line in console.export_text().splitlines() if line.strip()]


def label(kind: str, field: str) -> str:
    return KINDS[kind].field_label(field)


async def test_a_changed_staff_link_shows_names_and_restores_by_id(make_app, demo_db: Path) -> None:
    as_person(demo_db, "sabine").update("positions", 2, {"staff": 4}, expected_rev=1)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "slash", *"sabine", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AuditScreen)
        staff = label("positions", "staff")
        assert f"{staff} Sibel Toykun (#5) → Sonja Berger (#4)" in detail_lines(app)
        await pilot.press("r", "j")
        await pilot.pause()
    restored = as_person(demo_db, "t").get("positions", 2)
    assert (restored["staff"], restored["rev"]) == (5, 3)


async def test_role_links_and_several_links_show_names(make_app, demo_db: Path) -> None:
    group = as_person(demo_db, "t").get("groups", 1)
    contacts = [*group["contacts"], {"contact": 4, "role": "Sprecherin"}]
    as_person(demo_db, "sabine").update(
        "groups", 1, {"contacts": contacts, "members": [1, 2, 5]}, expected_rev=1
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "slash", *"sabine", "enter")
        await pilot.pause()
        lines = detail_lines(app)
    assert (
        f"{label('groups', 'contacts')} Patrick Peters (#3): Ansprechperson → "
        "Patrick Peters (#3): Ansprechperson | Sonja Berger (#4): Sprecherin"
    ) in lines
    assert (
        f"{label('groups', 'members')} Britta Thulfaut (#1), Verena Gröne (#2) → "
        "Britta Thulfaut (#1), Verena Gröne (#2), Sibel Toykun (#5)"
    ) in lines


async def test_a_link_to_a_record_deleted_since_shows_its_id_marked(make_app, demo_db: Path) -> None:
    as_person(demo_db, "sabine").update("positions", 2, {"staff": 4}, expected_rev=1)
    as_person(demo_db, "verena").delete("contacts", 4, clear_links=True)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "slash", *"sabine", "enter")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, AuditScreen)
        staff = label("positions", "staff")
        assert f"{staff} Sibel Toykun (#5) → #4 (gelöscht)" in detail_lines(app)


async def test_a_database_unreadable_meanwhile_shows_ids_and_the_view_stays(make_app, demo_db: Path) -> None:
    as_person(demo_db, "sabine").update("positions", 2, {"staff": 4}, expected_rev=1)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        demo_db.write_bytes(b'{"positions": {"1": ')  # cut off mid-write by another program
        await pilot.press("down", "up")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, AuditScreen)
        assert f"{label('positions', 'staff')} 5 → 4" in detail_lines(app)
