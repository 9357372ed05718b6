"""The one form for every record kind, generated from the schema.

Each field of ``Kind.fields`` (that belongs in a form) gets a widget chosen by ``Field.widget``,
its label, and a message line that shows what is wrong as you type (or a hint: the long German
date, the names behind link ids). ``ctrl+s`` validates the whole record (rules across fields,
links, uniqueness) and saves through the repository; a record someone else changed meanwhile is
never overwritten (:class:`ConflictScreen`).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Footer, Input, Label, Select, Static, Switch, TextArea

from ...i18n import t
from ...i18n.dates import long_date
from ...schema import KINDS, Kind, Problem, validate_record
from ...schema.fields import Field, FieldError, Link, RoleLinks
from ...store import Conflict, ReadOnlyError, Repository, StoreError, ValidationFailed
from ...text import printable
from ..commands import WRITING_ACTIONS, bindings
from ..suggestions import suggestions_for
from ..widgets import steady
from .dialogs import ConfirmScreen, ConflictScreen, PickerScreen


def field_widget(field: Field, text: str, suggestions: tuple[str, ...] = ()) -> Widget:
    """The input widget for ``field``, showing ``text`` (already made printable).

    ``suggestions`` complete a free-text field as you type (e.g. the usual employers).
    """
    widget_id = f"field-{field.name}"
    if field.widget == "choice":
        options = [(choice, choice) for choice in field.choices]
        value = text if text in field.choices else Select.NULL
        return Select(
            options,
            value=value,
            allow_blank=field.default is None,
            prompt=t("form.blank_choice"),
            id=widget_id,
            compact=True,
        )
    if field.widget == "bool":
        return Switch(value=text == t("bool.yes"), id=widget_id)
    if field.widget == "longtext" or field.multiline:
        return steady(
            TextArea(
                text, soft_wrap=True, tab_behavior="focus", id=widget_id, compact=True, classes="multiline"
            )
        )
    suggester = SuggestFromList(suggestions, case_sensitive=False) if suggestions else None
    # The cursor at the end, nothing selected: a key typed as the form opens goes on the text
    # instead of replacing it.
    return steady(Input(value=text, id=widget_id, compact=True, suggester=suggester, select_on_focus=False))


def widget_text(widget: Widget) -> str:
    """What the user typed or chose, as text for ``Field.parse``."""
    if isinstance(widget, Select):
        return "" if widget.value is Select.NULL else str(widget.value)
    if isinstance(widget, Switch):
        return "ja" if widget.value else "nein"
    if isinstance(widget, TextArea):
        return widget.text
    return widget.value


class RecordForm(Screen[dict[str, Any] | None]):
    """Create or edit one record of ``kind``; dismisses with the saved record or None."""

    BINDINGS = bindings("form")
    COMMAND_SCOPE = "form"
    CSS_PATH = "record_form.tcss"

    def __init__(self, repository: Repository, kind: Kind, record: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.repository = repository
        self.kind = kind
        self.record = record
        self.base_rev = record["rev"] if record else None
        self.fields = [field for field in kind.fields if field.in_form]
        self.suggestions = suggestions_for(repository, kind)
        self.initial: dict[str, str] = {}

    # -- building ----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(Text(self._title()), id="form-title")
        with VerticalScroll(id="form-fields"):
            values = self.record or self.kind.blank()
            for field in self.fields:
                text = printable(
                    field.format(values.get(field.name)),
                    multiline=field.multiline or field.widget == "longtext",
                )
                label = self.kind.field_label(field.name) + (" *" if field.required else "")
                with Horizontal(classes="form-row"):
                    yield Label(Text(label), classes="form-label")
                    yield field_widget(field, text, self.suggestions.get(field.name, ()))
                yield Static(id=f"message-{field.name}", classes="form-message")
            if self.record is not None:
                yield Static(Text(self._linked_from()), id="form-linked")
        yield Footer()

    def _title(self) -> str:
        if self.record is None:
            return t("form.new", kind=self.kind.label_one)
        title = t("form.edit", kind=self.kind.label_one, id=self.record["id"], rev=self.record["rev"])
        return printable(f"{title} · {self.kind.title_of(self.record)}")

    def _linked_from(self) -> str:
        refs = self.repository.linked_from(self.kind.name, self.record["id"])
        if not refs:
            return t("form.not_linked")
        where = ", ".join(f"{KINDS[kind].label_one} „{title}“" for kind, _id, _field, title in refs)
        return printable(t("form.linked_from", where=where))

    def on_mount(self) -> None:
        self.initial = self.texts()
        for field in self.fields:
            self.show_message(field, None)
        self.widget(self.fields[0]).focus()
        if self.repository.read_only:
            self.notify(t("form.read_only"), markup=False)

    # -- reading and checking ----------------------------------------------------------------
    def widget(self, field: Field) -> Widget:
        return self.query_one(f"#field-{field.name}")

    def texts(self) -> dict[str, str]:
        return {field.name: widget_text(self.widget(field)) for field in self.fields}

    def changed(self) -> bool:
        return self.texts() != self.initial

    def field_named(self, widget_id: str | None) -> Field | None:
        name = (widget_id or "").removeprefix("field-")
        return next((field for field in self.fields if field.name == name), None)

    def check_field(self, field: Field) -> None:
        try:
            value = field.parse(widget_text(self.widget(field)))
        except FieldError as error:
            self.show_message(field, str(error))
            return
        self.show_message(field, None, value)

    def show_message(self, field: Field, error: str | None, value: Any = None) -> None:
        """Mark ``field`` with ``error``, or show its hint (long date, linked names)."""
        widget = self.widget(field)
        message = self.query_one(f"#message-{field.name}", Static)
        widget.set_class(error is not None, "-invalid")
        message.set_class(error is not None, "-error")
        if error is None and value is None:
            try:
                value = field.parse(widget_text(widget))
            except FieldError:
                value = None
        text = error if error is not None else self._hint(field, value)
        message.update(Text(printable(text or "")))
        message.display = bool(text)

    def _hint(self, field: Field, value: Any) -> str:
        if field.widget in ("date", "datetime") and value:
            return long_date(value)
        lines = [t(field.hint)] if field.hint else []
        if isinstance(field, Link):
            names = ", ".join(
                self.repository.title(field.target, target_id) for target_id in field.ids(value)
            )
            lines.append(t("form.link_hint", names=names) if names else t("form.link_hint_empty"))
        return "\n".join(lines)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._changed(event.input)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._changed(event.text_area)

    def on_select_changed(self, event: Select.Changed) -> None:
        self._changed(event.select)

    def _changed(self, widget: Widget) -> None:
        field = self.field_named(widget.id)
        if field is not None and self.initial:
            self.check_field(field)

    # -- actions -----------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in WRITING_ACTIONS and self.repository.read_only:
            return False
        return True

    def action_save(self) -> None:
        values, problems = self._parse_all()
        record = {**(self.record or {}), **values}
        if not problems:
            others = self.repository.records(self.kind.name) if self.kind.unique else ()
            problems = validate_record(self.kind, record, others=others, link_exists=self._exists)
        if problems:
            self._show_problems(problems)
            return
        try:
            if self.record is None:
                saved = self.repository.create(self.kind.name, values)
            else:
                saved = self.repository.update(
                    self.kind.name, self.record["id"], values, expected_rev=self.base_rev
                )
        except Conflict as conflict:
            self.app.push_screen(ConflictScreen(self.kind, values, conflict), self._after_conflict)
            return
        except ValidationFailed as failure:
            self._show_problems(failure.problems)
            return
        except (ReadOnlyError, StoreError) as failure:
            self.notify(printable(str(failure)), severity="error", markup=False)
            return
        self.notify(t("form.saved", title=printable(self.kind.title_of(saved))), markup=False)
        self.dismiss(saved)

    def _exists(self, kind: str, record_id: int) -> bool:
        return self.repository.get(kind, record_id) is not None

    def _parse_all(self) -> tuple[dict[str, Any], list[Problem]]:
        values: dict[str, Any] = {}
        problems: list[Problem] = []
        for field in self.fields:
            try:
                values[field.name] = field.parse(widget_text(self.widget(field)))
            except FieldError as error:
                problems.append(Problem(field.name, str(error)))
        return values, problems

    def _show_problems(self, problems: list[Problem]) -> None:
        by_field: dict[str, list[str]] = {}
        for problem in problems:
            by_field.setdefault(problem.field, []).append(problem.message)
        for field in self.fields:
            if field.name in by_field:
                self.show_message(field, " ".join(by_field[field.name]))
        first = next((f for f in self.fields if f.name in by_field), None)
        if first is not None:
            self.widget(first).focus()
        self.notify(t("form.invalid"), severity="error", markup=False)

    def _after_conflict(self, choice: str | None) -> None:
        """``reload``: take the stored version; ``keep``: keep my input on top of it."""
        current = self.repository.get(self.kind.name, self.record["id"]) if self.record else None
        if current is None:
            return
        if choice == "reload":
            self.dismiss(None)
            self.app.push_screen(RecordForm(self.repository, self.kind, current), self.app.after_form)
        elif choice == "keep":
            self.record = current
            self.base_rev = current["rev"]
            self.query_one("#form-title", Static).update(Text(self._title()))

    def action_close(self) -> None:
        if self.changed() and not self.repository.read_only:
            self.app.push_screen(
                ConfirmScreen(t("dialog.discard")), lambda yes: self.dismiss(None) if yes else None
            )
        else:
            self.dismiss(None)

    def action_pick(self) -> None:
        field = self.field_named(self.focused.id if self.focused else None)
        if not isinstance(field, Link):
            return
        self.app.push_screen(
            PickerScreen(self.repository, field.target), lambda picked: self._picked(field, picked)
        )

    def _picked(self, field: Link, picked: int | None) -> None:
        if picked is None:
            return
        widget = self.widget(field)
        current = widget_text(widget).strip()
        if isinstance(field, RoleLinks):
            widget.text = (current + "\n" if current else "") + f"{picked}: "
        elif field.widget == "links":
            widget.value = f"{current}, {picked}" if current else str(picked)
        else:
            widget.value = str(picked)
        widget.focus()
        self.check_field(field)
