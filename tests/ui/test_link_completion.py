"""Link fields complete the name being typed (the issue: "forms show and accept names, with
completion"); ids still work, and what comes before a comma stays as typed."""

from __future__ import annotations

import asyncio
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import Input

from ssa_tui.store import Repository
from ssa_tui.ui.widgets.link_suggester import LinkSuggester

from .test_forms_merge import save, type_into


async def suggested(pilot, field: Input) -> str:
    """The completion shown once the suggester's worker answered (a bound, not a timing)."""
    for _ in range(100):
        await pilot.pause(0.02)
        if field._suggestion:
            break
    return field._suggestion


async def focus_field(pilot, app, name: str) -> Input:
    while getattr(app.focused, "id", None) != f"field-{name}":
        await pilot.press("tab")
    return app.focused


async def test_a_staff_name_completes_and_is_saved(make_app, demo_db: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "enter")
        field = await focus_field(pilot, app, "staff")
        await type_into(pilot, app.screen, "staff", "sib")
        assert await suggested(pilot, field) == "Sibel Toykun (#5)"
        await pilot.press("right")  # accept, as every completion in the app
        assert field.value == "Sibel Toykun (#5)"
        await save(pilot)
    record = Repository(demo_db, user="t").records("positions")
    first = min(record, key=lambda r: (r["town"], r["school"]))
    assert first["staff"] == 5


async def test_several_links_complete_the_part_after_the_last_comma(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "enter")
        field = await focus_field(pilot, app, "members")
        before = field.value
        await pilot.press("end", *", pat")
        assert await suggested(pilot, field) == f"{before}, Patrick Peters (#3)"
        await pilot.press("right")
        assert field.value == f"{before}, Patrick Peters (#3)"


async def test_an_id_or_an_unknown_name_gets_no_completion(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "enter")
        field = await focus_field(pilot, app, "staff")
        for typed in ("#5", "5", "Niemand"):
            await type_into(pilot, app.screen, "staff", typed)
            await pilot.pause()
            assert not field._suggestion, typed


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(min_size=1, max_size=20), max_size=6),
    st.text(max_size=30),
    st.booleans(),
)
def test_a_completion_continues_what_is_typed(candidates: list[str], value: str, several: bool) -> None:
    """Textual shows the rest of a suggestion after the typed text: it must begin with it."""
    suggestion = asyncio.run(LinkSuggester(lambda: candidates, several=several).get_suggestion(value))
    if suggestion is not None:
        assert suggestion.casefold().startswith(value.casefold()) and len(suggestion) > len(value)
        assert any(suggestion.endswith(candidate) for candidate in candidates)
