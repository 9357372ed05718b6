"""The one form for every record kind, generated from the schema.

Each field of ``Kind.fields`` (that belongs in a form) gets a widget chosen by ``Field.widget``,
its label, and a message line that shows what is wrong as you type (or a hint: the long German
date, a capacity warning). Links are shown and typed by name (``Maria Muster (#4)``; ids work too).

``ctrl+s`` parses the fields the person changed (``schema.parse_values``) and hands them to
``services.records.save_record``, which merges them into the stored version field by field. A
field someone else changed too is offered for a choice (:class:`MergeScreen`); a record deleted
meanwhile can be saved as new (:class:`GoneScreen`). Viewers get the form with every input disabled.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.suggester import SuggestFromList, Suggester
from textual.widget import Widget
from textual.widgets import Footer, Input, Label, Select, Static, Switch, TextArea
from textual.widgets.select import InvalidSelectValueError

from ...i18n import t
from ...i18n.dates import long_date
from ...schema import KINDS, Kind, Names, Problem, parse_values
from ...schema.fields import Field, FieldError, Link, Links, RoleLinks
from ...services import Repository, StoreError, ValidationFailed
from ...services.records import CurrentNames, MergeConflict, RecordGone, capacity_warnings, save_record
from ...text import printable
from ..commands import WRITING_ACTIONS, bindings
from ..suggestions import suggestions_for
from ..widgets import steady
from ..widgets.link_suggester import LinkSuggester
from .dialogs import ConfirmScreen, GoneScreen, MergeScreen, PickerScreen


def field_widget(
    field: Field, text: str, suggestions: tuple[str, ...] = (), suggester: Suggester | None = None
) -> Widget:
    """The input widget for ``field``, showing ``text`` (already made printable).

    ``suggestions`` complete a free-text field as you type (e.g. the usual employers);
    ``suggester`` completes otherwise (a link field: names of records).
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
    if suggester is None and suggestions:
        suggester = SuggestFromList(suggestions, case_sensitive=False)
    # No select-all on focus: a key typed right after opening (or after F2) must not replace the value.
    return steady(Input(value=text, id=widget_id, compact=True, suggester=suggester, select_on_focus=False))


def set_widget_text(widget: Widget, text: str) -> None:
    """Show ``text`` in ``widget`` (the inverse of :func:`widget_text`)."""
    if isinstance(widget, Select):
        try:
            widget.value = text if text else Select.NULL
        except InvalidSelectValueError:  # a stored value outside the choices (shown as none)
            widget.value = Select.NULL
    elif isinstance(widget, Switch):
        widget.value = text == t("bool.yes")
    elif isinstance(widget, TextArea):
        widget.text = text
    else:
        widget.value = text


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

    def __init__(
        self,
        repository: Repository,
        kind: Kind,
        record: dict[str, Any] | None = None,
        *,
        focus: str | None = None,
    ) -> None:
        """``focus``: the field that gets the cursor (else the first), e.g. a planned event's start."""
        super().__init__()
        self.repository = repository
        self.kind = kind
        #: The version the form started from (the merge's base); None for a new record.
        self.record = record
        self.fields = [field for field in kind.fields if field.in_form]
        self.suggestions = suggestions_for(repository, kind)
        self.initial: dict[str, str] = {}
        self._current_names = CurrentNames(repository)
        self._link_lists: dict[str, tuple[Names, list[str]]] = {}
        # Focus right after compose, before the first paint: keys typed at once land in the field.
        self.AUTO_FOCUS = "#form-fields" if repository.read_only else f"#field-{focus or self.fields[0].name}"

    # -- building ----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(Text(self._title()), id="form-title")
        with VerticalScroll(id="form-fields"):
            values = self.record or self.kind.blank()
            for field in self.fields:
                label = self.kind.field_label(field.name) + (" *" if field.required else "")
                widget = field_widget(
                    field,
                    self.text_of(field, values.get(field.name)),
                    self.suggestions.get(field.name, ()),
                    self._link_suggester(field),
                )
                widget.disabled = self.repository.read_only
                with Horizontal(classes="form-row"):
                    yield Label(Text(label), classes="form-label")
                    yield widget
                yield Static(id=f"message-{field.name}", classes="form-message")
            if self.record is not None:
                yield Static(Text(self._linked_from()), id="form-linked")
        yield Footer()

    def text_of(self, field: Field, value: Any) -> str:
        """A stored value as the form shows it: links by name, everything printable."""
        if isinstance(field, Link):
            text = field.format_text(value, self.names.title_of)
        else:
            text = field.format(value)
        return printable(text, multiline=field.multiline or field.widget == "longtext")

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
        if self.repository.read_only:
            self.notify(t("form.read_only"), markup=False)
        self.initial = self.texts()
        for field in self.fields:
            self.show_message(field, None)
        self._show_warnings()

    # -- links by name -----------------------------------------------------------------------
    @property
    def names(self) -> Names:
        """Who a name in a link field means (and what an id is called), as stored now."""
        return self._current_names.get()

    def _link_suggester(self, field: Field) -> LinkSuggester | None:
        """Completion of names in a one-line link field (a field of one link per line has F2)."""
        if not isinstance(field, Link) or field.multiline:
            return None
        return LinkSuggester(partial(self._link_names, field), several=isinstance(field, Links))

    def _link_names(self, field: Link) -> list[str]:
        """Every record ``field`` can link to, as the form writes it (``Name (#id)``), by name;
        made once per state of the database, not once per key."""
        names = self.names
        made = self._link_lists.get(field.name)
        if made is None or made[0] is not names:
            texts = sorted(
                (self._link_name(field, record_id, names) for record_id in names.ids(field.target)),
                key=str.casefold,
            )
            made = self._link_lists[field.name] = (names, texts)
        return made[1]

    def _link_name(self, field: Link, target_id: int, names: Names | None = None) -> str:
        """``Name (#id)`` of a picked record (its id alone when the name cannot be written);
        ``names`` when the caller has them (:attr:`names` reads the database's head each time)."""
        return field.ref_text(target_id, (names or self.names).title_of, None)

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

    def parse_field(self, field: Field, text: str) -> Any:
        """The stored value for what is typed in ``field`` (links by name); raises :class:`FieldError`."""
        if isinstance(field, Link):
            return field.parse_text(text, self.names.resolve)
        return field.parse(text)

    def parse_texts(self, texts: dict[str, str]) -> tuple[dict[str, Any], list[Problem]]:
        """Parse ``texts`` as the schema does for every front-end; link fields also take names."""
        links = {name for name in texts if isinstance(self.kind.field(name), Link)}
        values, problems = parse_values(self.kind, {n: text for n, text in texts.items() if n not in links})
        for name in links:
            try:
                values[name] = self.parse_field(self.kind.field(name), texts[name])
            except FieldError as error:
                problems.append(Problem(name, str(error)))
        return values, problems

    def check_field(self, field: Field) -> None:
        try:
            value = self.parse_field(field, widget_text(self.widget(field)))
        except FieldError as error:
            self.show_message(field, str(error))
            return
        self.show_message(field, None, value)
        self._show_warnings()

    def show_message(
        self, field: Field, error: str | None, value: Any = None, *, warning: bool = False
    ) -> None:
        """Mark ``field`` with ``error`` (or a ``warning``), or show its hint (long date, link help)."""
        widget = self.widget(field)
        message = self.query_one(f"#message-{field.name}", Static)
        widget.set_class(error is not None and not warning, "-invalid")
        message.set_class(error is not None and not warning, "-error")
        message.set_class(warning, "-warning")
        if error is None and value is None:
            try:
                value = self.parse_field(field, widget_text(widget))
            except FieldError:
                value = None
        text = error if error is not None else self._hint(field, value)
        message.update(Text(printable(text or "", multiline=True)))  # a hint may have two lines
        message.display = bool(text)

    def _hint(self, field: Field, value: Any) -> str:
        if field.widget in ("date", "datetime") and value:
            return long_date(value)
        lines = [t(field.hint)] if field.hint else []
        if isinstance(field, Link) and not self.repository.read_only:
            lines.append(t("forms.link_hint"))
        return "\n".join(lines)

    def _show_warnings(self) -> None:
        """Advice at its fields (e.g. more participants than places); saving stays allowed."""
        values, _problems = self.parse_texts(self.texts())
        warned = {problem.field: problem.message for problem in capacity_warnings(self.kind.name, values)}
        for field in self.fields:
            if field.name in warned:
                self.show_message(field, warned[field.name], warning=True)
            elif self.query_one(f"#message-{field.name}").has_class("-warning"):
                self.show_message(field, None, values.get(field.name))

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
        """Save what the person changed, merged into the stored version; a dialog when it cannot.

        Dialogs are pushed at once (keys of the same burst reach them); their answer continues
        in :meth:`_merge_chosen` or :meth:`_gone_answered`.
        """
        texts = self.texts()
        if self.record is not None:  # only what the person touched takes part in the merge
            texts = {name: text for name, text in texts.items() if text != self.initial.get(name)}
        values, problems = self.parse_texts(texts)
        if problems:
            self._show_problems(problems)
            return
        try:
            saved = save_record(self.repository, self.kind.name, values, base=self.record)
        except MergeConflict as conflict:
            self.app.push_screen(MergeScreen(self.kind, conflict), partial(self._merge_chosen, conflict))
            return
        except RecordGone as gone:
            self.app.push_screen(GoneScreen(gone), self._gone_answered)
            return
        except ValidationFailed as failure:
            self._show_problems(failure.problems)
            return
        except StoreError as failure:
            self.notify(printable(str(failure)), severity="error", markup=False)
            return
        key = "form.saved" if saved.written else "forms.nothing_to_save"
        self.notify(t(key, title=printable(self.kind.title_of(saved.record))), markup=False)
        self.dismiss(saved.record)

    def _merge_chosen(self, conflict: MergeConflict, chosen: dict[str, Any] | None) -> None:
        """Start over from theirs with my input (and the choices); save, unless "Weiter bearbeiten"."""
        mine = {c.field: c.mine for c in conflict.conflicts}
        self._rebase(conflict.theirs, {**conflict.changes, **mine, **(chosen or {})})
        if chosen is not None:
            self.action_save()

    def _gone_answered(self, answer: str | None) -> None:
        """``new``: save everything typed as a new record; ``discard``: close; None: keep editing."""
        if answer == "discard":
            self.dismiss(None)
        elif answer == "new":
            self.record = None
            self.query_one("#form-title", Static).update(Text(self._title()))
            self.action_save()

    def _rebase(self, theirs: dict[str, Any], mine: dict[str, Any]) -> None:
        """Start over from ``theirs`` (the new base) and show ``mine`` on top of it."""
        self.record = theirs
        for field in self.fields:
            set_widget_text(self.widget(field), self.text_of(field, theirs.get(field.name)))
        self.initial = self.texts()
        for name, value in mine.items():
            if self.kind.has_field(name) and self.kind.field(name).in_form:
                set_widget_text(
                    self.widget(self.kind.field(name)), self.text_of(self.kind.field(name), value)
                )
        self.query_one("#form-title", Static).update(Text(self._title()))

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

    def action_close(self) -> None:
        if self.changed() and not self.repository.read_only:
            self.app.push_screen(ConfirmScreen(t("dialog.discard")), self._discard_answered)
        else:
            self.dismiss(None)

    def _discard_answered(self, discard: bool) -> None:
        if discard:
            self.dismiss(None)

    def action_pick(self) -> None:
        """F2 in a link field: pick a record from a searchable list."""
        field = self.field_named(self.focused.id if self.focused else None)
        if isinstance(field, Link):
            self.app.push_screen(PickerScreen(self.repository, field.target), partial(self._picked, field))

    def _picked(self, field: Link, picked: int | None) -> None:
        """The picked record's name goes in at the end, the cursor after it: typing goes on there."""
        if picked is None:
            return
        widget = self.widget(field)
        current = widget_text(widget).strip()
        name = self._link_name(field, picked)
        if isinstance(field, RoleLinks):
            widget.text = (current + "\n" if current else "") + f"{name}: "
            widget.move_cursor(widget.document.end)
        else:
            widget.value = f"{current}, {name}" if current and isinstance(field, Links) else name
            widget.cursor_position = len(widget.value)
        widget.focus()
        self.check_field(field)
