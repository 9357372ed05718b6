"""Preview, test send and send of a newsletter, over ``services/newsletter.py``.

Rendering, test sends and sends run in thread workers, never on the UI thread: a slow SMTP
server or a template that works until the sandbox stops it must not freeze the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, ProgressBar, Static, TabbedContent, TabPane

from ...i18n import t
from ...mail.sending import Prepared
from ...mail.templates import TemplateProblem
from ...services import newsletter as service
from ...services import Repository, StoreError
from ...text import printable
from ..commands import bindings
from ..widgets import steady
from ..screens.modal import Dialog

#: What a newsletter action may stop with: shown as one message, never a traceback.
PROBLEMS = (StoreError, TemplateProblem)


class PreviewScreen(Screen[None]):
    """The text part and the HTML part (as text) for the first recipient, before anything is sent."""

    CSS_PATH = "newsletter.tcss"
    BINDINGS = bindings("dialog")
    COMMAND_SCOPE = "dialog"

    def __init__(self, preview: service.Preview) -> None:
        super().__init__()
        self.preview = preview

    def compose(self) -> ComposeResult:
        preview = self.preview
        head = " · ".join(
            [
                t("mail.preview_title", subject=preview.subject),
                t(
                    "mail.preview_for",
                    name=preview.contact.get("name") or "",
                    email=preview.contact.get("email") or "",
                ),
                t("mail.recipients", count=preview.count),
            ]
        )
        if preview.refused:
            head += " · " + t("mail.skipped_count", count=len(preview.refused))
        yield Static(Text(printable(head)), id="preview-head")
        with TabbedContent():
            with TabPane(t("mail.preview_text"), id="preview-text"):
                with VerticalScroll():
                    yield Static(Text(printable(preview.text, multiline=True)), id="preview-text-body")
            with TabPane(t("mail.preview_html"), id="preview-html"):
                with VerticalScroll():
                    yield Static(
                        Text(printable(preview.html_as_text, multiline=True)), id="preview-html-body"
                    )
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)


class AddressScreen(Dialog[str | None]):
    """Ask for the one address a test goes to (pre-filled with the person's own, if known)."""

    BINDINGS = bindings("address")
    COMMAND_SCOPE = "address"

    def __init__(self, address: str = "") -> None:
        super().__init__()
        self.address = address

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(t("mail.test_prompt")))
            yield steady(Input(self.address, id="test-address", compact=True))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SendScreen(Dialog[bool]):
    """Ask with the recipient count (for a sent newsletter: say so first, offer a resend), then
    send in a worker with a progress bar and a summary."""

    CSS_PATH = "newsletter.tcss"
    BINDINGS = bindings("dialog")
    COMMAND_SCOPE = "dialog"

    def __init__(self, repository: Repository, prepared: Prepared) -> None:
        super().__init__()
        self.repository = repository
        self.prepared = prepared
        self.sent_before = service.sent_before(prepared.newsletter)
        self.running = False
        self.done = False

    def compose(self) -> ComposeResult:
        subject = printable(self.prepared.newsletter.get("subject") or "")
        count = len(self.prepared.recipients)
        if not count:
            question = t("mail.no_recipients")
        elif self.sent_before:
            question = f"{self.sent_before}\n\n{t('mail.confirm_resend', subject=subject, count=count)}"
        else:
            question = t("mail.confirm_send", subject=subject, count=count)
        with Vertical(classes="dialog"):
            yield Static(Text(printable(question, multiline=True)), id="send-question")
            yield ProgressBar(total=max(count, 1), show_eta=False, id="send-progress")
            yield Static(id="send-summary")
            with Horizontal(classes="dialog-buttons"):
                if count:
                    label = t("mail.resend") if self.sent_before else t("cmd.send")
                    yield Button(label, id="send", variant="error", compact=True)
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
            report = service.send(
                self.repository,
                self.prepared.newsletter["id"],
                resend=self.sent_before is not None,
                progress=progress,
            )
            message = "\n".join([report.summary(), *report.problems()])
        except PROBLEMS as problem:
            message = str(problem)
        self.app.call_from_thread(self._finished, message)

    def _finished(self, message: str) -> None:
        self.running = False
        self.done = True
        self.query_one("#send-summary", Static).update(Text(printable(message, multiline=True)))

    def action_close(self) -> None:
        if not self.running:
            self.dismiss(self.done)


def _in_thread(app: Any, job: Callable[[], Any], done: Callable[[Any], None], name: str) -> None:
    """Run ``job`` in a thread worker; ``done`` gets its result (or its problem as text) on the
    UI thread."""

    def run() -> None:
        try:
            result: Any = job()
        except PROBLEMS as problem:
            result = problem
        app.call_from_thread(done, result)

    app.run_worker(run, thread=True, name=name, group="newsletter")


def _notify_problem(app: Any, problem: Exception) -> None:
    app.notify(printable(str(problem)), severity="error", timeout=10, markup=False)


def open_preview(app: Any, repository: Repository, newsletter: dict[str, Any]) -> None:
    def done(result: Any) -> None:
        if isinstance(result, Exception):
            _notify_problem(app, result)
        else:
            app.push_screen(PreviewScreen(result))

    _in_thread(app, lambda: service.preview(repository, newsletter["id"]), done, "newsletter-preview")


def ask_test_send(app: Any, repository: Repository, newsletter: dict[str, Any]) -> None:
    def sent(result: Any) -> None:
        if isinstance(result, Exception):
            _notify_problem(app, result)
        else:
            app.notify(printable(t("mail.test_sent", address=result)), markup=False)

    def chosen(address: str | None) -> None:
        if not address:
            return
        app.notify(printable(t("mail.test_sending", address=address)), markup=False)

        def job() -> str:
            service.test_send(repository, newsletter["id"], address)
            return address

        _in_thread(app, job, sent, "newsletter-test-send")

    app.push_screen(AddressScreen(repository.config.emails.get(repository.user, "")), chosen)


def open_send(app: Any, repository: Repository, newsletter: dict[str, Any], done: Any) -> None:
    try:
        prepared = service.prepared(repository, newsletter["id"])
    except PROBLEMS as problem:
        _notify_problem(app, problem)
        return
    app.push_screen(SendScreen(repository, prepared), done)
