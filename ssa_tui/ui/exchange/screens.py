"""Import a CSV file (dry run first, refused rows shown, then confirm and progress) and export a
table to a file name the user types. The work runs in thread workers; the UI never freezes."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, ProgressBar, Select, Static

from ...exchange.exporter import FORMAT_KINDS, FORMATS, export
from ...exchange.importer import ImportReport, import_csv
from ...i18n import t
from ...schema import Kind
from ...store import Repository, StoreError
from ...text import printable
from ..widgets import steady


class ImportScreen(ModalScreen[bool]):
    """Path → dry-run summary with every refused row → confirm → import with progress."""

    CSS_PATH = "exchange.tcss"
    BINDINGS = [Binding("escape", "close", t("cmd.close"))]

    def __init__(self, repository: Repository, kind: Kind) -> None:
        super().__init__()
        self.repository = repository
        self.kind = kind
        self.path: Path | None = None
        self.busy = False
        self.imported = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(t("ui.import_title", kind=self.kind.label)), classes="dialog-title")
            yield steady(Input(placeholder=t("ui.import_path"), id="import-path", compact=True))
            yield ProgressBar(show_eta=False, id="import-progress")
            with VerticalScroll(id="import-report"):
                yield Static(id="import-lines")
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    t("ui.import_confirm"), id="confirm", variant="error", compact=True, disabled=True
                )
                yield Button(t("cmd.close"), id="close", variant="primary", compact=True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        path = Path(event.value.strip()).expanduser()
        if not path.is_file():
            self._show(t("exchange.file_missing", path=path))
            return
        self.path = path
        self.query_one("#confirm", Button).disabled = True
        self.run_import(dry_run=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "confirm" and self.path and not self.busy:
            event.button.disabled = True
            self.run_import(dry_run=False)
        elif event.button.id == "close":
            self.action_close()

    @work(thread=True, exclusive=True, name="csv-import")
    def run_import(self, dry_run: bool) -> None:
        self.busy = True

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self.query_one(ProgressBar).update, progress=done, total=total)

        try:
            report = import_csv(
                self.repository, self.kind.name, self.path, dry_run=dry_run, progress=progress
            )
        except (OSError, StoreError) as problem:
            self.app.call_from_thread(self._failed, str(problem))
            return
        self.app.call_from_thread(self._done, report)

    def _failed(self, message: str) -> None:
        self.busy = False
        self._show(message)

    def _done(self, report: ImportReport) -> None:
        self.busy = False
        lines = [report.summary(), *report.lines()]
        if report.encoding != "UTF-8":
            lines.append(t("exchange.encoding_note", encoding=report.encoding))
        self._show("\n".join(lines))
        if report.dry_run:
            self.query_one("#confirm", Button).disabled = not (report.created or report.updated)
        else:
            self.imported = True

    def _show(self, message: str) -> None:
        self.query_one("#import-lines", Static).update(Text(printable(message, multiline=True)))

    def action_close(self) -> None:
        if not self.busy:
            self.dismiss(self.imported)


class ExportScreen(ModalScreen[None]):
    """Choose a format, type a file name, write the whole table there."""

    CSS_PATH = "exchange.tcss"
    BINDINGS = [Binding("escape", "close", t("cmd.close"))]

    def __init__(self, repository: Repository, kind: Kind) -> None:
        super().__init__()
        self.repository = repository
        self.kind = kind

    def compose(self) -> ComposeResult:
        formats = [f for f in FORMATS if self.kind.name in FORMAT_KINDS.get(f, (self.kind.name,))]
        with Vertical(classes="dialog"):
            yield Static(Text(t("ui.export_title", kind=self.kind.label)), classes="dialog-title")
            yield Select(
                [(f, f) for f in formats], value="csv", allow_blank=False, id="export-format", compact=True
            )
            yield steady(
                Input(
                    value=f"{self.kind.name}.csv",
                    placeholder=t("ui.export_path"),
                    id="export-path",
                    compact=True,
                )
            )
            yield Static(id="export-result")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        field = self.query_one(Input)
        field.value = str(Path(field.value).with_suffix(f".{event.value}"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        target = Path(event.value.strip()).expanduser()
        fmt = str(self.query_one(Select).value)
        records = self.repository.records(self.kind.name)
        try:
            temp = target.with_name(f".{target.name}.tmp")
            temp.write_bytes(export(self.kind.name, records, fmt))
            temp.replace(target)
        except OSError as problem:
            message = t("exchange.file_unreadable", path=target, detail=problem.strerror)
        else:
            message = t("exchange.exported", count=len(records), path=target.absolute())
        self.query_one("#export-result", Static).update(Text(printable(message)))

    def action_close(self) -> None:
        self.dismiss(None)
