"""The Newsletter tab by keys: preview before sending, test send in a worker, send with progress,
a sent newsletter's resend, and every problem as one message (never a crash)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ssa_tui.store import Repository
from ssa_tui.ui.app import build_app
from ssa_tui.ui.newsletter.screens import AddressScreen, PreviewScreen, SendScreen


@pytest.fixture
def tui_env(mail_env, monkeypatch) -> None:
    for name in [n for n in os.environ if n.startswith("SSA_TUI_")]:
        monkeypatch.delenv(name)
    for name, value in mail_env.items():
        if name.startswith("SSA_TUI_"):
            monkeypatch.setenv(name, value)


def messages(app) -> list[str]:
    return [notification.message for notification in app._notifications]


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


async def test_preview_test_send_and_send_then_resend(demo: Path, smtp_server, tui_env, helpers) -> None:
    _, recorder = smtp_server
    helpers.write_config(demo, '[emails]\nbritta = "britta@example.org"\n')
    app = build_app(Repository(demo, user="britta"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5", "v")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, PreviewScreen)
        assert "2 Empfänger" in text_of(app.screen, "#preview-head")
        html = text_of(app.screen, "#preview-html-body")
        assert "weil Sie eingewilligt haben. Abmelden (mailto:" in html
        assert "\n-- \n" in text_of(app.screen, "#preview-text-body")

        await pilot.press("escape", "t")
        assert isinstance(app.screen, AddressScreen)
        assert app.screen.query_one("#test-address").value == "britta@example.org"  # from [emails]
        recorder.hold_at = 1  # the server keeps the test send waiting …
        await pilot.press("enter")
        assert recorder.holding.wait(30)
        await pilot.press("v")  # … while the UI goes on: the send runs in a thread worker
        await pilot.pause()
        while not isinstance(app.screen, PreviewScreen):
            await pilot.pause()
        recorder.release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert recorder.recipients() == ["britta@example.org"]
        assert "Testversand an britta@example.org verschickt." in messages(app)

        await pilot.press("escape", "s")
        assert isinstance(app.screen, SendScreen)
        await pilot.click("#send")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "2 versendet" in text_of(app.screen, "#send-summary")
        await pilot.press("escape")
        await pilot.pause()
        assert Repository(demo, user="t").get("newsletters", 1)["status"] == "versendet"

        await pilot.press("s")  # sent already: it says so first and offers a resend
        assert isinstance(app.screen, SendScreen)
        question = text_of(app.screen, "#send-question")
        assert question.startswith("Schon versendet: zuerst am ")
        assert "zuletzt an 2 Empfänger." in question and "Runde 1: " in question and "von britta" in question
        assert str(app.screen.query_one("#send").label) == "Erneut senden"
        await pilot.click("#send")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "2 versendet, 0 schon zuvor versendet" in text_of(app.screen, "#send-summary")
        await pilot.press("escape")
    assert sorted(recorder.recipients()[1:]) == sorted(
        ["britta.thulfaut@kreis-soest.de", "verena.groene@kreis-soest.de"] * 2
    )
    assert len(Repository(demo, user="t").get("newsletters", 1)["rounds"]) == 2


async def test_a_template_that_works_too_much_is_one_message_in_the_preview(demo: Path, tui_env) -> None:
    templates = demo.parent / "templates"
    templates.mkdir()
    (templates / "newsletter.txt.j2").write_text("Hallo\n{{ 'x' * 10**10 }}\n")
    app = build_app(Repository(demo, user="britta"))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("5", "v")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, PreviewScreen)
        assert messages(app) == [
            "Vorlage newsletter.txt.j2, Zeile 2: Ein Wert würde zu groß "
            "(mehr als 1000000 Zeichen oder Einträge) – abgebrochen."
        ]


async def test_missing_sender_and_bad_unsubscribe_url_are_one_message(
    demo: Path, tui_env, monkeypatch
) -> None:
    monkeypatch.delenv("SSA_TUI_MAIL_FROM")
    app = build_app(Repository(demo, user="britta"))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("5", "v")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert messages(app)[-1].startswith("Kein Absender: bitte sender = ")
        monkeypatch.setenv("SSA_TUI_MAIL_FROM", "a@kreis-soest.de")
        monkeypatch.setenv("SSA_TUI_UNSUBSCRIBE_URL", "https://x.de/ab melden")
        await pilot.press("s")
        await pilot.pause()
        assert not isinstance(app.screen, SendScreen)
        assert messages(app)[-1].startswith(
            "Mail-Einstellung SSA_TUI_UNSUBSCRIBE_URL: 'https://x.de/ab melden' ist keine Abmelde-Adresse"
        )


async def test_a_viewer_is_offered_neither_test_send_nor_send(
    demo: Path, smtp_server, tui_env, helpers
) -> None:
    _, recorder = smtp_server
    helpers.write_config(demo, '[roles]\nbritta = "editor"\n')
    app = build_app(Repository(demo, user="praktikum"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5", "t")
        await pilot.pause()
        assert not isinstance(app.screen, AddressScreen)
        await pilot.press("s")
        await pilot.pause()
        assert not isinstance(app.screen, SendScreen)
    assert recorder.connections == 0


async def test_a_server_that_refuses_connections_is_one_message_for_test_send_and_send(
    demo: Path, tui_env, monkeypatch
) -> None:
    import socket

    with socket.socket() as held:  # bound, never listening: every connection is refused
        held.bind(("127.0.0.1", 0))
        monkeypatch.setenv("SSA_TUI_SMTP_PORT", str(held.getsockname()[1]))
        app = build_app(Repository(demo, user="britta"))
        async with app.run_test(size=(100, 30), notifications=True) as pilot:
            await pilot.press("5", "t")
            assert isinstance(app.screen, AddressScreen)
            app.screen.query_one("#test-address").value = "   "
            await pilot.press("enter")  # nothing typed: no send, no message
            await pilot.pause()
            assert not isinstance(app.screen, AddressScreen) and messages(app) == []

            await pilot.press("t")
            app.screen.query_one("#test-address").value = "britta@example.org"
            await pilot.press("enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert messages(app)[0] == "Testversand an britta@example.org läuft …"
            assert messages(app)[-1].startswith("SMTP-Fehler: ")
            assert "Connection refused" in messages(app)[-1]

            await pilot.press("s")
            assert isinstance(app.screen, SendScreen)
            await pilot.click("#send")
            await app.workers.wait_for_complete()
            await pilot.pause()
            summary = text_of(app.screen, "#send-summary")
            assert summary.startswith("SMTP-Fehler: ") and "Connection refused" in summary
        newsletter = Repository(demo, user="t").get("newsletters", 1)
        assert (newsletter["status"], newsletter.get("sent_at"), newsletter.get("rounds")) == (
            "Entwurf",
            None,
            [],
        )
