"""Preview, test send and send of a newsletter; long work runs in a thread worker."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Input, ProgressBar, Static, TabbedContent, TabPane

from ...i18n import t
from ...mail.html_text import html_to_text
from ...mail.sending import MailError, Prepared, prepare, sample_contact, send_newsletter, send_test
from ...mail.settings import MailSettings
from ...mail.templates import TemplateProblem
from ...store import Repository, StoreError
from ...text import printable
from ..widgets import steady


def prepared_or_message(repository: Repository, newsletter_id: int) -> Prepared | str:
    """The prepared newsletter, or the message of what stops it (e.g. a template error)."""
    try:
        return prepare(repository, newsletter_id, MailSettings.from_env())
    except (MailError, TemplateProblem, StoreError) as problem:
        return printable(str(problem))


class PreviewScreen(Screen[None]):
    """The text part and the HTML part (as text) for the first recipient, before anything is sent."""

    CSS_PATH = "newsletter.tcss"
    BINDINGS = [Binding("escape", "close", t("cmd.close"))]

    def __init__(self, prepared: Prepared) -> None:
        super().__init__()
        self.prepared = prepared

    def compose(self) -> ComposeResult:
        contact = sample_contact(self.prepared)
        text, html = self.prepared.render(contact)
        subject = self.prepared.newsletter.get("subject") or ""
        head = " · ".join(
            [
                t("mail.preview_title", subject=subject),
                t("mail.preview_for", name=contact.get("name") or "", email=contact.get("email") or ""),
                t("mail.recipients", count=len(self.prepared.recipients)),
            ]
        )
        yield Static(Text(printable(head)), id="preview-head")
        with TabbedContent():
            with TabPane(t("mail.preview_text"), id="preview-text"):
                with VerticalScroll():
                    yield Static(Text(printable(text, multiline=True)))
            with TabPane(t("mail.preview_html"), id="preview-html"):
                with VerticalScroll():
                    yield Static(Text(printable(html_to_text(html), multiline=True)))
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)


class AddressScreen(ModalScreen[str | None]):
    """Ask for the one address a test goes to."""

    BINDINGS = [Binding("escape", "cancel", t("cmd.close"))]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(t("mail.test_prompt")))
            yield steady(Input(id="test-address", compact=True))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SendScreen(ModalScreen[bool]):
    """Ask with the recipient count, then send in a worker with a progress bar and a summary."""

    CSS_PATH = "newsletter.tcss"
    BINDINGS = [Binding("escape", "close", t("cmd.close"))]

    def __init__(self, repository: Repository, prepared: Prepared) -> None:
        super().__init__()
        self.repository = repository
        self.prepared = prepared
        self.running = False
        self.done = False

    def compose(self) -> ComposeResult:
        subject = printable(self.prepared.newsletter.get("subject") or "")
        count = len(self.prepared.recipients)
        question = t("mail.confirm_send", subject=subject, count=count) if count else t("mail.no_recipients")
        with Vertical(classes="dialog"):
            yield Static(Text(question), id="send-question")
            yield ProgressBar(total=max(count, 1), show_eta=False, id="send-progress")
            yield Static(id="send-summary")
            with Horizontal(classes="dialog-buttons"):
                if count:
                    yield Button(t("cmd.send"), id="send", variant="error", compact=True)
                yield Button(t("cmd.close"), id="close", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "send" and not self.running and not self.done:
            self.running = True
            event.button.disabled = True
            self.query_one("#send-summary", Static).update(Text(t("mail.sending")))
            self.send()
        elif event.button.id == "close":
            self.action_close()

    @work(thread=True, exclusive=True, name="newsletter-send")
    def send(self) -> None:
        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(
                self.query_one("#send-progress", ProgressBar).update, progress=done, total=max(total, 1)
            )

        try:
            report = send_newsletter(
                self.repository, self.prepared.newsletter["id"], MailSettings.from_env(), progress=progress
            )
            lines = [report.summary()] + [
                t("mail.recipient_refused", address=a, detail=d) for a, d in report.failed
            ]
            message = "\n".join(lines)
        except (MailError, TemplateProblem, StoreError) as problem:
            message = str(problem)
        self.app.call_from_thread(self._finished, message)

    def _finished(self, message: str) -> None:
        self.running = False
        self.done = True
        self.query_one("#send-summary", Static).update(Text(printable(message, multiline=True)))

    def action_close(self) -> None:
        if not self.running:
            self.dismiss(self.done)


def open_preview(app: Any, repository: Repository, newsletter: dict[str, Any]) -> None:
    prepared = prepared_or_message(repository, newsletter["id"])
    if isinstance(prepared, str):
        app.notify(prepared, severity="error", timeout=10, markup=False)
    else:
        app.push_screen(PreviewScreen(prepared))


def ask_test_send(app: Any, repository: Repository, newsletter: dict[str, Any]) -> None:
    def chosen(address: str | None) -> None:
        if not address:
            return
        try:
            send_test(repository, newsletter["id"], MailSettings.from_env(), address)
        except (MailError, TemplateProblem, StoreError) as problem:
            app.notify(printable(str(problem)), severity="error", timeout=10, markup=False)
            return
        app.notify(printable(t("mail.test_sent", address=address)), markup=False)

    app.push_screen(AddressScreen(), chosen)


def open_send(app: Any, repository: Repository, newsletter: dict[str, Any], done: Any) -> None:
    prepared = prepared_or_message(repository, newsletter["id"])
    if isinstance(prepared, str):
        app.notify(prepared, severity="error", timeout=10, markup=False)
    else:
        app.push_screen(SendScreen(repository, prepared), done)
