"""Verification rounds in the TUI: start one, read back sheets and replies, write mails.

Everything a round does lives in :mod:`ssa_tui.services.rounds`; this screen collects the
choices (employer, file names from the exchange folder, the fields to take over from a reply)
and shows what came back. Slow work runs in thread workers.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from ...i18n import t
from ...schema import KINDS
from ...services import Repository, StoreError
from ...services import rounds
from ...services.exchange import exchange_folder
from ...text import printable
from ..screens.modal import Dialog


def describe(answers: list[rounds.Answer]) -> str:
    """The outcome of sheets or replies, one line each (see :func:`rounds.describe`)."""
    return "\n".join(text for text, _problem in rounds.describe(answers))


class PromptScreen(Dialog[str | None]):
    """One line of text (Enter) or nothing (Esc)."""

    BINDINGS = [Binding("escape", "cancel", t("cmd.close"))]

    def __init__(self, question: str, placeholder: str = "") -> None:
        super().__init__()
        self.question, self.placeholder = question, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.question), classes="dialog-question")
            yield Input(placeholder=self.placeholder, id="prompt")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class FileScreen(Dialog[str | None]):
    """A file name from the exchange folder (Enter) or nothing (Esc)."""

    BINDINGS = [Binding("escape", "cancel", t("cmd.close"))]

    def __init__(self, repository: Repository, title: str) -> None:
        super().__init__()
        self.repository, self.title_text = repository, title
        self.names = rounds.round_files(repository)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog picker"):
            yield Static(Text(self.title_text), classes="dialog-title")
            yield Static(Text(printable(t("exchange.pick_file", folder=exchange_folder(self.repository)))))
            yield OptionList(*[Option(printable(name)) for name in self.names], id="files", compact=True)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.names[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)


class RoundsScreen(Dialog[None]):
    """The rounds, newest first, with their progress; keys start and answer them."""

    COMMAND_SCOPE = "rounds"
    BINDINGS = [
        Binding("n", "start", t("rounds.cmd.start")),
        Binding("i", "sheet", t("rounds.cmd.sheet")),
        Binding("a", "replies", t("rounds.cmd.replies")),
        Binding("m", "mails", t("rounds.cmd.mails")),
        Binding("e", "remind", t("rounds.cmd.remind")),
        Binding("ctrl+s", "accept", t("rounds.cmd.accept"), key_display=t("forms.key_ctrl") + "S"),
        Binding("escape", "close", t("cmd.close"), key_display="Esc"),
    ]

    def __init__(self, repository: Repository) -> None:
        super().__init__()
        self.repository = repository
        self.reply_file: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog rounds"):
            yield Static(Text(t("kind.rounds")), classes="dialog-title")
            yield OptionList(id="round-list", compact=True)
            yield SelectionList[tuple[int, str]](id="round-changes", compact=True)
            with VerticalScroll(id="round-report"):
                yield Static(id="round-lines")

    def on_mount(self) -> None:
        self.query_one("#round-changes").display = False
        self.fill()
        self.query_one("#round-list", OptionList).focus()

    # -- list --------------------------------------------------------------------------------
    def fill(self, select: int | None = None) -> None:
        overview = rounds.rounds_overview(self.repository)
        self.round_ids = [record["id"] for record, _counts in overview]
        options = self.query_one("#round-list", OptionList)
        options.clear_options()
        for record, counts in overview:
            line = t("rounds.progress", id=record["id"], **counts)
            options.add_option(Option(Text(f"{printable(record['name'])} · {line}")))
        if self.round_ids:
            options.highlighted = self.round_ids.index(select) if select in self.round_ids else 0
        if not self.round_ids:
            self.show(t("rounds.none"))

    @property
    def selected_round(self) -> int | None:
        index = self.query_one("#round-list", OptionList).highlighted
        return self.round_ids[index] if index is not None and self.round_ids else None

    def show(self, message: str) -> None:
        self.query_one("#round-lines", Static).update(Text(printable(message, multiline=True)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("start", "sheet", "replies", "mails", "remind", "accept") and self.repository.read_only:
            return False
        if action == "accept":
            return self.reply_file is not None
        return True

    # -- actions -----------------------------------------------------------------------------
    @work(exclusive=True, group="rounds-dialog")
    async def action_start(self) -> None:
        carrier = await self.app.push_screen_wait(
            PromptScreen(t("rounds.ask_carrier"), t("rounds.all_carriers"))
        )
        if carrier is None:
            return
        try:
            record, files = rounds.start_round(self.repository, carrier=carrier.strip() or None)
        except StoreError as problem:
            self.show(str(problem))
            return
        self.fill(select=record["id"])
        names = ", ".join(path.name for path in files)
        self.show(t("rounds.started", id=record["id"], count=len(record["entries"]), files=names))

    @work(exclusive=True, group="rounds-dialog")
    async def action_sheet(self) -> None:
        round_id = self.selected_round
        if round_id is None:
            return
        name = await self.app.push_screen_wait(FileScreen(self.repository, t("rounds.cmd.sheet")))
        if name:
            self.run_sheet(round_id, name)

    @work(thread=True, exclusive=True, group="rounds-work")
    def run_sheet(self, round_id: int, name: str) -> None:
        try:
            answers = rounds.import_sheet(self.repository, round_id, rounds.round_file(self.repository, name))
        except (OSError, StoreError) as problem:
            self.app.call_from_thread(self.show, str(problem))
            return
        self.app.call_from_thread(self.after, round_id, describe(answers))

    def after(self, round_id: int, message: str) -> None:
        self.fill(select=round_id)
        self.show(message)

    @work(exclusive=True, group="rounds-dialog")
    async def action_replies(self) -> None:
        name = await self.app.push_screen_wait(FileScreen(self.repository, t("rounds.cmd.replies")))
        if name:
            self.look_at_replies(name)

    @work(thread=True, exclusive=True, group="rounds-work")
    def look_at_replies(self, name: str) -> None:
        try:
            answers = rounds.read_replies(self.repository, rounds.round_file(self.repository, name))
        except (OSError, StoreError) as problem:
            self.app.call_from_thread(self.show, str(problem))
            return
        self.app.call_from_thread(self.choose, name, answers)

    def choose(self, name: str, answers: list[rounds.Answer]) -> None:
        """Show the replies' changes as a list to tick, field by field (space), then Strg+S."""
        self.reply_file = name
        choices = self.query_one("#round-changes", SelectionList)
        choices.clear_options()
        positions = KINDS["positions"]
        for answer in answers:
            for change in answer.changes:
                if change.field == rounds.HOLDER_EMAIL:
                    continue
                spec = positions.field(change.field)
                label = t(
                    "rounds.change",
                    source=answer.source,
                    id=answer.position_id,
                    field=positions.field_label(change.field),
                    stored=spec.format(change.stored),
                    answered=spec.format(change.answered),
                )
                choices.add_option((Text(printable(label)), (answer.position_id, change.field)))
        choices.display = choices.option_count > 0
        self.show(describe(answers) + "\n" + t("rounds.tick_hint"))
        if choices.option_count:
            choices.highlighted = 0
            choices.focus()
        self.refresh_bindings()

    def action_accept(self) -> None:
        if self.reply_file is None:
            return
        accept: dict[int, set[str]] = {}
        for position_id, name in self.query_one("#round-changes", SelectionList).selected:
            accept.setdefault(position_id, set()).add(name)
        self.take_replies(self.reply_file, accept)

    @work(thread=True, exclusive=True, group="rounds-work")
    def take_replies(self, name: str, accept: dict[int, set[str]]) -> None:
        try:
            answers = rounds.read_replies(
                self.repository, rounds.round_file(self.repository, name), accept=accept, dry_run=False
            )
        except (OSError, StoreError) as problem:
            self.app.call_from_thread(self.show, str(problem))
            return
        self.app.call_from_thread(self.taken, describe(answers))

    def taken(self, message: str) -> None:
        self.reply_file = None
        self.query_one("#round-changes").display = False
        self.refresh_bindings()
        self.fill(select=self.selected_round)
        self.show(message)
        self.query_one("#round-list", OptionList).focus()

    def action_mails(self) -> None:
        self.write_mails(reminder=False)

    def action_remind(self) -> None:
        self.write_mails(reminder=True)

    @work(thread=True, exclusive=True, group="rounds-work")
    def write_mails(self, *, reminder: bool) -> None:
        round_id = self.selected_round
        if round_id is None:
            return
        try:
            sender = rounds.default_sender(self.repository)
            written = rounds.write_mails(self.repository, round_id, sender=sender, reminder=reminder)
        except (OSError, StoreError) as problem:
            self.app.call_from_thread(self.show, str(problem))
            return
        self.app.call_from_thread(self.after, round_id, t("rounds.mails_written", count=len(written)))

    def action_close(self) -> None:
        self.dismiss(None)
