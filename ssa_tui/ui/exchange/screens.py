"""Import from and export to the office's exchange folder — file names there, never paths.

Import: pick a CSV or xlsx file from the folder's list → dry run with every change and every
refused row → confirm → import with progress. Export: choose a format, type a file name; an
existing file is replaced only after a confirm. The work runs in thread workers through
:mod:`ssa_tui.services.exchange`; the UI never freezes and never writes outside the folder.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, OptionList, ProgressBar, Select, Static

from ...exchange.importer import ImportReport
from ...i18n import t
from ...schema import Kind
from ...services.exchange import (
    exchange_folder,
    export_to_exchange,
    import_from_exchange,
    importable_files,
)
from ...services import OutputExists, Repository, StoreError
from ...text import printable
from ..commands import bindings
from ..widgets import steady
from ..screens.modal import Dialog


class ImportScreen(Dialog[bool]):
    """File from the exchange folder → dry-run summary and changes → confirm → import."""

    CSS_PATH = "exchange.tcss"
    BINDINGS = bindings("dialog")
    COMMAND_SCOPE = "dialog"

    def __init__(self, repository: Repository, kind: Kind) -> None:
        super().__init__()
        self.repository = repository
        self.kind = kind
        self.name_chosen: str | None = None
        self.busy = False
        self.imported = False

    def compose(self) -> ComposeResult:
        folder = exchange_folder(self.repository)
        names = importable_files(self.repository)
        with Vertical(classes="dialog"):
            yield Static(Text(t("exchange.import_title", kind=self.kind.label)), classes="dialog-title")
            yield Static(Text(printable(t("exchange.pick_file", folder=folder))))
            yield OptionList(*[printable(name) for name in names], id="import-files", compact=True)
            yield ProgressBar(show_eta=False, id="import-progress")
            with VerticalScroll(id="import-report"):
                yield Static(id="import-lines")
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    t("ui.import_confirm"), id="confirm", variant="error", compact=True, disabled=True
                )
                yield Button(t("cmd.close"), id="close", variant="primary", compact=True)
        self.names = names

    def on_mount(self) -> None:
        if not self.names:
            self._show(t("exchange.no_files", folder=exchange_folder(self.repository)))
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if self.busy:
            return
        self.name_chosen = self.names[event.option_index]
        self.query_one("#confirm", Button).disabled = True
        self.run_import(dry_run=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "confirm" and self.name_chosen and not self.busy:
            event.button.disabled = True
            self.run_import(dry_run=False)
        elif event.button.id == "close":
            self.action_close()

    @work(thread=True, exclusive=True, name="import")
    def run_import(self, dry_run: bool) -> None:
        self.busy = True

        def progress(done: int, total: int | None) -> None:
            self.app.call_from_thread(self.query_one(ProgressBar).update, progress=done, total=total)

        try:
            report = import_from_exchange(
                self.repository, self.kind.name, self.name_chosen, dry_run=dry_run, progress=progress
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
        if report.dry_run:
            lines += report.changes
        self._show("\n".join(lines))
        if report.dry_run:
            self.query_one("#confirm", Button).disabled = not (report.created or report.updated)
            if report.created or report.updated:
                self.query_one("#confirm", Button).focus()
        else:
            self.imported = True

    def _show(self, message: str) -> None:
        self.query_one("#import-lines", Static).update(Text(printable(message, multiline=True)))

    def action_close(self) -> None:
        if not self.busy:
            self.dismiss(self.imported)


class ExportScreen(Dialog[None]):
    """Choose a format, type a file name (in the exchange folder); write what the list shows."""

    CSS_PATH = "exchange.tcss"
    BINDINGS = bindings("dialog")
    COMMAND_SCOPE = "dialog"

    def __init__(self, repository: Repository, kind: Kind, record_ids: list[int] | None = None) -> None:
        super().__init__()
        self.repository = repository
        self.kind = kind
        self.record_ids = record_ids

    def compose(self) -> ComposeResult:
        formats = self.kind.export_formats
        folder = exchange_folder(self.repository)
        with Vertical(classes="dialog"):
            yield Static(Text(t("ui.export_title", kind=self.kind.label)), classes="dialog-title")
            yield Select(
                [(f, f) for f in formats], value="xlsx", allow_blank=False, id="export-format", compact=True
            )
            yield Static(Text(printable(t("exchange.file_name", folder=folder))))
            yield steady(
                Input(
                    value=f"{self.kind.name}.xlsx",
                    placeholder=t("ui.export_path"),
                    id="export-path",
                    compact=True,
                )
            )
            yield Static(id="export-result")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        """The chosen format's ending replaces the name's (a name that already ends so is left
        alone: the choice may come from that very ending, and keys typed since must stay)."""
        field = self.query_one(Input)
        ending = _ending(field.value)
        if ending == event.value:
            return
        stem = field.value[: -len(ending) - 1] if ending else field.value
        field.value = f"{stem}.{event.value}"

    def on_input_changed(self, event: Input.Changed) -> None:
        """A name typed with a known ending chooses that format (``termine.ics`` → ics)."""
        ending = _ending(event.value)
        select = self.query_one(Select)
        if ending in self.kind.export_formats and select.value != ending:
            select.value = ending

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.write(event.value.strip(), replace=False)

    def write(self, name: str, *, replace: bool) -> None:
        """Write the file; a name without an ending gets the format's, one with another ending
        is refused (an xlsx workbook named ``.txt`` opens in no program)."""
        fmt = str(self.query_one(Select).value)
        ending = _ending(name)
        if ending and ending != fmt:
            self._show(t("exchange.ending_mismatch", ending=ending, format=fmt))
            return
        if not ending and name:
            name = f"{name}.{fmt}"
        try:
            target, result = export_to_exchange(
                self.repository, self.kind.name, fmt, name, record_ids=self.record_ids, replace=replace
            )
        except OutputExists:
            from ..screens.dialogs import ConfirmScreen

            question = t("exchange.replace_question", name=name)
            self.app.push_screen(
                ConfirmScreen(question), lambda yes: self.write(name, replace=True) if yes else None
            )
            return
        except (OSError, StoreError) as problem:
            self._show(str(problem))
            return
        lines = [t("exchange.exported", count=result.count, path=target)]
        if result.left_out:
            lines.append(result.left_out_line())
        self._show("\n".join(lines))

    def _show(self, message: str) -> None:
        self.query_one("#export-result", Static).update(Text(printable(message, multiline=True)))

    def action_close(self) -> None:
        self.dismiss(None)


def _ending(name: str) -> str:
    """``termine.ICS`` → ``ics``; "" for a name without one (``Stand 01.06`` and ``Liste Nr. 5``
    have none: an ending starts with a letter and has no space)."""
    ending = PurePath(name.strip()).suffix.removeprefix(".")
    return ending.casefold() if re.fullmatch(r"[A-Za-z][A-Za-z0-9]{0,4}", ending) else ""
