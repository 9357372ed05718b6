"""The Newsletter tab by keys: preview before sending, test send, send with progress."""

from __future__ import annotations

from pathlib import Path

from ssa_tui.store import Repository
from ssa_tui.ui.app import build_app
from ssa_tui.ui.newsletter.screens import AddressScreen, PreviewScreen, SendScreen


async def test_preview_test_send_and_send_from_the_newsletter_tab(
    demo: Path, smtp_server, mail_env, monkeypatch
) -> None:
    _, recorder = smtp_server
    for name, value in mail_env.items():
        if name.startswith("SSA_TUI_"):
            monkeypatch.setenv(name, value)
    app = build_app(Repository(demo, user="britta"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5", "v")
        assert isinstance(app.screen, PreviewScreen)
        assert "2 Empfänger" in str(app.screen.query_one("#preview-head").render())
        await pilot.press("escape", "t")
        assert isinstance(app.screen, AddressScreen)
        await pilot.press(*"test@example.org", "enter")
        await pilot.pause()
        assert recorder.recipients() == ["test@example.org"]

        await pilot.press("s")
        assert isinstance(app.screen, SendScreen)
        await pilot.click("#send")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "2 versendet" in str(app.screen.query_one("#send-summary").render())
        await pilot.press("escape")
    assert sorted(recorder.recipients()[1:]) == [
        "britta.thulfaut@kreis-soest.de",
        "verena.groene@kreis-soest.de",
    ]
    assert Repository(demo, user="t").get("newsletters", 1)["status"] == "versendet"
