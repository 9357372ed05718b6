"""Small modal dialogs: confirm, merge choice per field, record gone, link picker, help."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option

from ...i18n import t
from ...schema import KINDS, Kind
from ...services import Repository
from ...services.records import MergeConflict, RecordGone
from ...text import fold, printable
from ..commands import Command, bindings, key_label
from ..widgets import steady
from .modal import Dialog


class ConfirmScreen(Dialog[bool]):
    """A yes/no question; ``n`` or escape is no. Nothing destructive is bound to escape."""

    BINDINGS = bindings("confirm")
    COMMAND_SCOPE = "confirm"

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(printable(self.question, multiline=True)), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("dialog.yes"), id="yes", variant="error", compact=True)
                yield Button(t("dialog.no"), id="no", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class MergeScreen(Dialog[dict[str, Any] | None]):
    """Someone else changed some of the same fields: per field, stored before / theirs / mine.

    Dismisses with the chosen value per conflicting field (``ctrl+s``, then the form saves), or
    None for "Weiter bearbeiten" (escape): back to the form, which shows theirs plus my input.
    """

    BINDINGS = [
        Binding("ctrl+s", "apply", t("forms.merge_apply"), priority=True),
        Binding("escape", "keep_editing", t("dialog.conflict_keep")),
    ]

    def __init__(self, kind: Kind, conflict: MergeConflict) -> None:
        super().__init__()
        self.kind = kind
        self.conflict = conflict

    def compose(self) -> ComposeResult:
        user = printable(self.conflict.theirs.get("updated_by") or "?")
        with VerticalScroll(classes="dialog conflict"):
            yield Static(Text(t("dialog.conflict_title")), classes="dialog-title")
            yield Static(Text(printable(str(self.conflict))), classes="dialog-question")
            for conflict in self.conflict.conflicts:
                field = self.kind.field(conflict.field)
                yield Label(Text(self.kind.field_label(field.name)), classes="merge-label")
                with RadioSet(id=f"merge-{field.name}"):
                    for key, value, who in (
                        ("mine", conflict.mine, t("forms.merge_mine")),
                        ("theirs", conflict.theirs, t("forms.merge_theirs", user=user)),
                        ("base", conflict.base, t("forms.merge_before")),
                    ):
                        shown = printable(field.display(value)) or t("forms.merge_empty")
                        yield RadioButton(Text(f"{who}: {shown}"), value=key == "mine", name=key)
            yield Static(Text(t("forms.merge_keys")), classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("forms.merge_apply"), id="apply", variant="primary", compact=True)
                yield Button(t("dialog.conflict_keep"), id="keep", compact=True)

    def on_mount(self) -> None:
        self.query_one(RadioSet).focus()

    def chosen(self) -> dict[str, Any]:
        """The value picked per conflicting field."""
        result = {}
        for conflict in self.conflict.conflicts:
            pressed = self.query_one(f"#merge-{conflict.field}", RadioSet).pressed_button
            result[conflict.field] = getattr(conflict, pressed.name if pressed else "mine")
        return result

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(self.chosen() if event.button.id == "apply" else None)

    def action_apply(self) -> None:
        self.dismiss(self.chosen())

    def action_keep_editing(self) -> None:
        self.dismiss(None)


class GoneScreen(Dialog[str | None]):
    """The record was deleted while it was edited: who and when; save the input as new or discard."""

    BINDINGS = [Binding("escape", "choose(None)", t("dialog.conflict_keep"))]

    def __init__(self, gone: RecordGone) -> None:
        super().__init__()
        self.gone = gone

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(t("forms.gone_title")), classes="dialog-title")
            yield Static(Text(printable(str(self.gone))), classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("forms.gone_save_new"), id="new", variant="primary", compact=True)
                yield Button(t("forms.gone_discard"), id="discard", variant="error", compact=True)

    def on_mount(self) -> None:
        self.query_one("#new", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)


class PickerScreen(Dialog[int | None]):
    """Pick one record of a kind: type to search, arrows and enter to choose."""

    BINDINGS = bindings("picker")
    COMMAND_SCOPE = "picker"

    def __init__(self, repository: Repository, kind_name: str) -> None:
        super().__init__()
        self.kind = KINDS[kind_name]
        self.records = repository.records(kind_name)
        self.keys = {record["id"]: fold(self._label(record)) for record in self.records}

    def _label(self, record: dict[str, Any]) -> str:
        extra = [record.get(name) for name in self.kind.columns[1:3] if record.get(name)]
        return printable(" · ".join([self.kind.title_of(record), *map(str, extra)]))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog picker"):
            yield Static(Text(t("dialog.pick_title", kind=self.kind.label_one)), classes="dialog-title")
            yield steady(Input(placeholder=t("dialog.pick_placeholder"), id="picker-search", compact=True))
            yield OptionList(id="picker-options")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, query: str) -> None:
        words = fold(query).split()
        options = self.query_one(OptionList)
        options.clear_options()
        matches = [r for r in self.records if all(w in self.keys[r["id"]] for w in words)][:200]
        options.add_options([Option(Text(self._label(r)), id=str(r["id"])) for r in matches])
        if matches:
            options.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(int(options.get_option_at_index(options.highlighted).id))

    def on_key(self, event) -> None:
        if event.key in ("down", "up") and self.focused is self.query_one(Input):
            options = self.query_one(OptionList)
            options.focus()
            options.action_cursor_down() if event.key == "down" else options.action_cursor_up()
            event.stop()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)


def key_lines(offered: list[Command]) -> list[tuple[str, str]]:
    """One line per help text: the keys that do it (``n, Esc``) and what it does."""
    lines: dict[str, list[str]] = {}
    for command in offered:
        keys = lines.setdefault(t(command.help), [])
        if key_label(command) not in keys:
            keys.append(key_label(command))
    return [(", ".join(keys), text) for text, keys in lines.items()]


class HelpScreen(Dialog[None]):
    """Every key of the screen below, from the command registry."""

    BINDINGS = bindings("help")
    COMMAND_SCOPE = "help"

    def __init__(self, offered: list[Command]) -> None:
        """``offered``: the commands that work on the screen below (``SsaApp.offered_on``)."""
        super().__init__()
        self.offered = offered

    def compose(self) -> ComposeResult:
        table = Table(show_header=False, show_edge=False, box=None, padding=(0, 2, 0, 0))
        table.add_column(style="bold")
        table.add_column()
        for keys, text in key_lines(self.offered):
            table.add_row(Text(keys), Text(text))
        with Vertical(classes="dialog help"):
            yield Static(Text(t("help.title")), classes="dialog-title")
            yield Static(table, id="help-keys")
            yield Static(Text(t("help.close_hint")), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
