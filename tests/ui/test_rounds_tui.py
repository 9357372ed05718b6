"""The TUI flow of a verification round, driven by keys: start, sheet back, reply taken field by field."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import openpyxl
import pytest

from ssa_tui.services import rounds
from ssa_tui.store import Repository

from .conftest import FIXED_NOW


@pytest.fixture
def round_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SSA_TUI_EXCHANGE_DIR", raising=False)
    monkeypatch.setenv("SSA_TUI_MAIL_FROM", "koordination@example.org")
    (tmp_path / "runde").mkdir()
    path = tmp_path / "runde" / "db.json"  # not the demo db that make_app's fixture builds
    repo = Repository(path, user="setup", create=True)
    holder = repo.create("contacts", {"name": "Hanna Halter", "email": "hanna@example.org"})
    for school, hours in (("Realschule A", 19.5), ("Hauptschule B", 25.5)):
        repo.create(
            "positions",
            {
                "school": school,
                "town": "Soest",
                "carrier": "AWO",
                "hours_per_week": hours,
                "staff": holder["id"],
            },
        )
    repo.create(
        "positions", {"school": "Grundschule D", "town": "Werl", "carrier": "Caritas", "status": "vakant"}
    )
    return path


def screen_text(app) -> str:
    return "\n".join(str(widget.render()) for widget in app.screen.query("Static"))


async def test_a_round_started_answered_by_sheet_and_by_reply(make_app, round_db: Path) -> None:
    app = make_app(db=round_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "r")
        await pilot.pause()
        assert "Noch keine Prüfrunde" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"AWO", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Prüfrunde #1 begonnen: 2 Stellen" in screen_text(app)
        sheet = round_db.parent / "exchange" / "Pruefrunde-1-AWO.xlsx"  # a workbook by default
        book = openpyxl.load_workbook(sheet)
        header = [cell.value for cell in book.active[1]]
        book.active.cell(3, header.index("Wochenstunden") + 1).value = 20.5
        book.save(sheet)

        await pilot.press("i")
        await pilot.pause()
        await pilot.press("enter")  # the only file: the sheet
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "Stelle #1: bestätigt" in text and "Stelle #2, Wochenstunden: 25,5 → 20,5" in text

        repo = Repository(round_db, user="x")
        assert repo.get("positions", 1)["last_verified"] == FIXED_NOW.date().isoformat()
        assert repo.get("positions", 2)["hours_per_week"] == 20.5

        # Mails, a reply changing two fields, and only one of them ticked.
        await pilot.press("m")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Mails im Austauschordner" in screen_text(app)
        mail_path = round_db.parent / "exchange" / "Pruefrunde-1-Stelle-1.eml"
        # Position 1 was confirmed: mails go to the open ones only, so start a second round.
        assert not mail_path.exists()

    repo = Repository(round_db, user="x", clock=lambda: FIXED_NOW)
    record, _ = rounds.start_round(repo, carrier="AWO")
    written = rounds.write_mails(repo, record["id"], sender="koordination@example.org")
    mail = message_from_bytes(written[0].read_bytes(), policy=policy.default)
    body = (
        mail.get_content()
        .replace("Wochenstunden: 19,5", "Wochenstunden: 22")
        .replace("Straße: ", "Straße: Am Markt 2")
    )
    reply = EmailMessage()
    reply["From"] = "hanna@example.org"
    reply["Subject"] = "Re: " + mail["Subject"]
    reply.set_content("> " + body.replace("\n", "\n> "))
    (round_db.parent / "exchange" / "antwort.eml").write_bytes(bytes(reply))

    app = make_app(db=round_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "r")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        names = app.screen.names
        await pilot.press(*(["down"] * names.index("antwort.eml")), "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Stelle #1, Wochenstunden: 19,5 → 22" in screen_text(app)
        changes = app.screen.query_one("#round-changes")
        assert changes.option_count == 2
        # Tick only the hours (the list is in field order: street before hours).
        values = [changes.get_option_at_index(i).value for i in range(changes.option_count)]
        assert values == [(1, "street"), (1, "hours_per_week")]
        await pilot.press("down", "space", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "übernommen" in screen_text(app)

    stored = Repository(round_db, user="x").get("positions", 1)
    assert stored["hours_per_week"] == 22
    assert not stored.get("street")


async def test_a_viewer_sees_rounds_but_cannot_start_one(make_app, round_db: Path) -> None:
    before = round_db.read_bytes()
    app = make_app(db=round_db, read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "r")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert not app.screen.query("#prompt")
    assert round_db.read_bytes() == before
