"""The application: tabs of record lists, wired to the forms and dialogs.

Only wiring lives here; lists and forms are generic (``widgets/record_list.py``,
``screens/record_form.py``) and every key is declared once in ``commands.py``.

Start-up draws the frame first (header, tab bar, „lädt …“, footer) and only then reads the
database and builds the list shown; a tab's list (and the report) is built when the tab is first
shown. Keys typed meanwhile wait for the list (:class:`OrderedKeys`), none is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.screen import Screen
from textual.css.query import NoMatches
from textual.widget import MountError
from textual.containers import Vertical
from textual.widgets import Footer, Header
from textual.worker import WorkerFailed

from ..i18n import t
from ..schema import KINDS, Kind
from ..services import Repository, StillLinked, StoreError, office_now
from ..services.error_log import log_error
from ..text import printable
from .commands import (
    COMMANDS,
    Command,
    EVERYWHERE_ACTIONS,
    EVERYWHERE_BUT,
    WRITING_ACTIONS,
    bindings,
    offered,
)
from .keyorder import OrderedKeys
from .widgets import TextLine, focus_now
from .widgets.tab_bar import TabBar, TabLabel

if TYPE_CHECKING:
    from .report.view import ReportView
    from .widgets.record_list import RecordList

# Lists, the report, forms and dialogs are imported when first shown or opened: the first frame
# needs none of them.

#: The tabs in the order of their keys (suggestions, schools and employers after the five main
#: ones); the committee report ("Auswertung") is the last tab.
TAB_KINDS = (
    "positions",
    "groups",
    "events",
    "contacts",
    "newsletters",
    "suggestions",
    "schools",
    "employers",
)
REPORT_TAB = "tab-report"
#: Every tab's id (its pane's too), in the order of the keys 1–9.
TAB_IDS = (*(f"tab-{kind}" for kind in TAB_KINDS), REPORT_TAB)
#: App commands that act on the lists: off while a form or dialog is open.
#: The list's commands by action name, as ``check_action`` gets them: ``tab`` for ``tab(3)``.
LIST_ACTIONS = frozenset(c.action.partition("(")[0] for c in COMMANDS if c.scope == "app")
#: Commands that only apply to some kinds (e.g. send on the Newsletter tab).
KIND_RESTRICTED = {c.action: c.kinds for c in COMMANDS if c.kinds}


class ListsScreen(Screen):
    """The screen of the tabs. The list, not its filter, has the focus from the first frame:
    a `3` typed while the first list loads switches tabs instead of landing in the filter."""

    AUTO_FOCUS = "RecordTable"


class SsaApp(OrderedKeys, App[int]):
    """ssa-tui's terminal UI over one :class:`Repository`."""

    CSS_PATH = ["app.tcss", "widgets/record_list.tcss", "screens/dialogs.tcss", "report/report.tcss"]
    BINDINGS = bindings("everywhere") + bindings("app")
    ENABLE_COMMAND_PALETTE = True

    def __init__(self, repository: Repository, *, clock: Callable[[], datetime] = office_now) -> None:
        super().__init__()
        self.repository = repository
        self.clock = clock
        self.title = t("ui.title")
        self.sub_title = t("ui.who", user=printable(repository.user), role=t(f"ui.role.{repository.role}"))
        self._generation = None
        self._unexpected: BaseException | None = None  # what ended the app, for _fatal_error
        self.started = False  # the first list is filled (keys typed before wait for it)
        self._active_tab = TAB_IDS[0]  # the id of the tab shown (and of its pane)
        self._today = clock().date()
        self._lists: dict[str, RecordList] = {}  # by kind, built when their tab is first shown
        self._report_view: ReportView | None = None
        #: Why the database could not be used at start (the app then ends; run_app raises it).
        self.start_failure: StoreError | None = None

    def get_default_screen(self) -> Screen:
        return ListsScreen(id="_default")

    def compose(self) -> ComposeResult:
        yield Header(icon="§")
        names = [*(f"tab.{kind}" for kind in TAB_KINDS), "report.tab"]  # catalogue keys, as TAB_IDS
        labels = [TabLabel(tab_id, t(name), t(f"{name}.short")) for tab_id, name in zip(TAB_IDS, names)]
        yield TabBar(labels, active=self._active_tab)
        with Vertical(id="tabs"):  # a pane per tab, mounted when the tab is first shown
            with Vertical(id=self._active_tab, classes="tab-pane"):
                yield TextLine(t("list.loading"), classes="list-loading")
        yield Footer()

    def on_mount(self) -> None:
        self.call_after_refresh(self._first_load)  # draw the frame first, then read and fill
        self.set_interval(2.0, self.refresh_if_changed)

    async def _first_load(self) -> None:
        """Read the database, then build and fill the list shown at start (clicks on tabs wait
        for this, keys are held until it is done).

        A database that cannot be used ends the app before any key acts: :func:`run_app`
        raises the failure, and the command line reports it as every command does (exit 2).
        """
        from .widgets import framework_texts

        framework_texts.localise()  # before any key acts (menus and the palette open on keys)
        try:
            self._generation = self.repository.generation()  # the first read of the database
        except StoreError as failure:
            self.start_failure = failure
            self.exit(return_code=2)
            return
        try:
            record_list = await self._list(self.active_kind)
        except MountError:
            if not self._ending():
                raise
        if self._ending():
            return  # a stop signal came while the list was built (this runs beside the app's loop)
        self._fill(record_list)
        if record_list.screen.focused is not record_list.filter_input:  # a click in the filter
            focus_now(record_list.table)
        self.started = True
        self.release_keys()

    def _ending(self) -> bool:
        """Whether the app has been told to exit or is shutting down (its widgets may be going
        away while a timer or a worker's result still comes in)."""
        return self.return_code is not None or not self.is_running

    def keys_ready(self) -> bool:
        """Keys typed before the first list is filled wait for it (a `d` then has a row)."""
        return self.started and super().keys_ready()

    # -- lists -------------------------------------------------------------------------------
    def _is_marked(self, kind: Kind, record: dict[str, Any]) -> bool:
        return kind.marked(record, self._today)

    async def _list(self, kind_name: str) -> RecordList:
        """``kind_name``'s list; built in its tab (in place of „lädt …“) when first needed."""
        record_list = self._lists.get(kind_name)
        if record_list is None:
            from .widgets.record_list import RecordList

            kind = KINDS[kind_name]
            if kind.marker is not None:
                record_list = RecordList(
                    kind,
                    marker=partial(self._is_marked, kind),
                    marker_legend=t(kind.marker.legend),
                    link_name=self.repository.title,
                )
            else:
                record_list = RecordList(kind, link_name=self.repository.title)
            self._lists[kind_name] = record_list
            pane = await self._pane(f"tab-{kind_name}")
            await pane.remove_children()
            await pane.mount(record_list)
        return record_list

    async def _report(self) -> ReportView:
        """The report tab's view, mounted when the tab is first shown."""
        if self._report_view is None:
            from .report.view import ReportView

            self._report_view = ReportView(self.repository, clock=self.clock)
            await (await self._pane(REPORT_TAB)).mount(self._report_view)
        return self._report_view

    async def _pane(self, tab_id: str) -> Vertical:
        """The pane of ``tab_id``; mounted, hidden, when first needed."""
        try:
            return self.query_one(f"#{tab_id}", Vertical)
        except NoMatches:
            pane = Vertical(id=tab_id, classes="tab-pane")
            pane.display = False
            await self.query_one("#tabs").mount(pane)
            return pane

    def _switch_to(self, tab_id: str) -> None:
        """Show the (mounted) pane of ``tab_id``, hide the others, mark it in the tab bar."""
        self._active_tab = tab_id
        for pane in self.query_one("#tabs").children:
            pane.display = pane.id == tab_id
        self.query_one(TabBar).show_active(tab_id)

    def _fill(self, record_list: RecordList) -> None:
        """Load ``record_list`` as stored; a damaged or vanished db gives a message, the app stays."""
        self._today = self.clock().date()  # the markers' day: read once a load, not once a row
        try:
            record_list.load(self.repository.records(record_list.kind.name))
        except StoreError as failure:
            self.notify(printable(str(failure)), severity="error", markup=False)

    def list_of(self, kind: str) -> RecordList:
        """``kind``'s list (its tab has been shown)."""
        return self._lists[kind]

    @property
    def active_kind(self) -> str:
        """The kind of the tab shown (``report`` on the report tab); known before its list is built."""
        return self._active_tab.removeprefix("tab-")

    @property
    def active_list(self) -> RecordList:
        return self.list_of(self.active_kind)

    async def _show(self, kind: str) -> None:
        """Make ``kind``'s tab active, its list loaded and focused, cursor on the first row.

        The list is built first: from showing the tab to focusing its list nothing may wait, or
        keys of the same burst would still go to the list shown before."""
        record_list = await self._list(kind)
        if self._generation is None:
            self._generation = self.repository.generation()
        self._switch_to(f"tab-{kind}")
        if not record_list.loaded:
            self._fill(record_list)
        record_list.table.action_jump(0)
        focus_now(record_list.table)

    async def _show_report(self) -> None:
        """The report tab, computed anew; the focus leaves the hidden list (its keys are off)."""
        report = await self._report()
        self._switch_to(REPORT_TAB)
        report.show_report()
        focus_now(report)

    @on(TabBar.Chosen)
    async def tab_chosen(self, event: TabBar.Chosen) -> None:
        """A click on a tab's name: as its number key (ignored before the first list is shown)."""
        if self.started:
            await self._show_tab(event.tab_id)

    async def _show_tab(self, tab_id: str) -> None:
        if tab_id == REPORT_TAB:
            await self._show_report()
        else:
            await self._show(tab_id.removeprefix("tab-"))

    def reload_lists(self, *, select: tuple[str, int] | None = None) -> None:
        if self._ending():
            return  # the lists' widgets may already be removed
        for record_list in self._lists.values():
            if record_list.loaded:
                self._fill(record_list)
        if select is not None:
            self.list_of(select[0]).apply_filter(keep_id=select[1])

    def refresh_if_changed(self) -> None:
        """Another session or a cron import wrote: show the new data (cheap when nothing changed)."""
        if self._ending():
            return  # the 2-second timer can tick once more while the app shuts down
        try:
            generation = self.repository.generation()
        except StoreError as failure:
            self.notify(printable(str(failure)), severity="error", markup=False)
            return
        if generation != self._generation:
            self._generation = generation
            self.reload_lists()

    # -- actions -----------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in WRITING_ACTIONS and self.repository.read_only:
            return False
        if len(self.screen_stack) > 1 and action in LIST_ACTIONS:
            return False  # a form or dialog is open: its keys only (typing "n" must not open a form)
        if action in LIST_ACTIONS - {"audit", "quit", "tab"} and self._active_tab == REPORT_TAB:
            return False  # the report tab has no list
        if self.focused is not None and (action in LIST_ACTIONS or action == "help"):
            from textual.widgets import Input, TextArea  # not needed for the first frame (no focus)

            if action in LIST_ACTIONS and isinstance(self.focused, Input):
                return False  # typing in the filter: the key is text (Esc and Enter leave the filter)
            if action == "help" and isinstance(self.focused, (Input, TextArea)):
                return False  # a typed `?` is text
        if action in EVERYWHERE_ACTIONS and self.command_scope(self.screen) in EVERYWHERE_BUT:
            return False  # on the help itself, `?` closes it
        kinds = KIND_RESTRICTED.get(action)
        if kinds is not None:
            return self.active_kind in kinds
        return True

    async def action_tab(self, number: int) -> None:
        await self._show_tab(TAB_IDS[number - 1])

    def action_only_stale(self) -> None:
        self.active_list.toggle_only_marked()

    def action_command_palette(self) -> None:
        """Textual's palette with a German placeholder (its entries: ``get_system_commands``)."""
        from textual.command import CommandPalette

        if not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=t("palette.placeholder"), id="--command-palette"))

    def action_filter(self) -> None:
        focus_now(self.active_list.filter_input)

    def action_new_record(self) -> None:
        self._edit(self.active_list.kind.name, None)

    def action_open_record(self) -> None:
        record_list = self.active_list
        if record_list.selected is not None:
            self._edit(record_list.kind.name, record_list.selected)

    def _edit(self, kind: str, record: dict[str, Any] | None, *, focus: str | None = None) -> None:
        """Open the form for ``record`` (None: a new one), the cursor in ``focus`` (else the first
        field); when it closes, show the lists as stored.

        Pushed at once, not from a worker: keys that arrive in the same burst reach the form.
        """
        from .screens.record_form import RecordForm

        form = RecordForm(self.repository, KINDS[kind], record, focus=focus)
        self.push_screen(form, partial(self._form_closed, kind))

    def _form_closed(self, kind: str, saved: dict[str, Any] | None) -> None:
        self.data_changed(select=(kind, saved["id"]) if saved else None)

    def data_changed(self, *, select: tuple[str, int] | None = None) -> None:
        """Something was written (here or by a dialog): reload the lists, keep the focus on the list."""
        if select is not None and not (select[0] in self._lists and self._lists[select[0]].loaded):
            select = None
        self._generation = self.repository.generation()
        self.reload_lists(select=select)
        self.active_list.table.focus()

    def action_delete_record(self) -> None:
        """Ask (the question is up before the next key arrives), then delete in :meth:`_delete`."""
        from .screens.dialogs import ConfirmScreen

        record_list = self.active_list
        record, kind = record_list.selected, record_list.kind
        if record is None:
            return
        question = t("dialog.delete", kind=kind.label_one, title=printable(kind.title_of(record)))
        self.push_screen(ConfirmScreen(question), partial(self._delete, kind.name, record))

    @work(exclusive=True, group="dialog")
    async def _delete(self, kind_name: str, record: dict[str, Any], confirmed: bool) -> None:
        """Delete; when others link to the record, name them and ask again before unlinking."""
        from ..services.records import delete_record
        from .screens.dialogs import ConfirmScreen

        if not confirmed:
            return
        kind = KINDS[kind_name]
        title = printable(kind.title_of(record))
        try:
            delete_record(self.repository, kind.name, record["id"], expected_rev=record["rev"])
        except StillLinked as linked:
            where = ", ".join(f"{KINDS[k].label_one} „{printable(name)}“" for k, _i, _f, name in linked.refs)
            again = t("dialog.delete_linked", kind=kind.label_one, title=title, where=where)
            if not await self.push_screen_wait(ConfirmScreen(again)):
                return
            try:
                delete_record(
                    self.repository, kind.name, record["id"], expected_rev=record["rev"], clear_links=True
                )
            except StoreError as failure:
                self.notify(printable(str(failure)), severity="error", markup=False)
                return
        except StoreError as failure:
            self.notify(printable(str(failure)), severity="error", markup=False)
            return
        self.notify(t("dialog.deleted", title=title), markup=False)
        self.data_changed()

    def action_sort(self) -> None:
        self.active_list.sort_by_next()

    def action_sort_reverse(self) -> None:
        self.active_list.sort_by_next(reverse=True)

    def action_plan_event(self) -> None:
        """Turn the selected suggestion into a planned event (one write) and open the event's form."""
        from ..services.records import plan_event

        suggestion = self.list_of("suggestions").selected
        if suggestion is None or suggestion.get("event"):
            return
        try:
            event = plan_event(self.repository, suggestion["id"], expected_rev=suggestion["rev"])
        except StoreError as failure:
            self.notify(printable(str(failure)), severity="error", markup=False)
            return
        self.notify(t("dialog.planned", title=printable(event["title"])), markup=False)
        self.data_changed(select=("suggestions", suggestion["id"]))
        self._edit("events", event, focus="start")  # what a planned event needs next: its date

    def action_preview(self) -> None:
        from .newsletter.screens import open_preview

        if self.active_list.selected is not None:
            open_preview(self, self.repository, self.active_list.selected)

    def action_test_send(self) -> None:
        from .newsletter.screens import ask_test_send

        if self.active_list.selected is not None:
            ask_test_send(self, self.repository, self.active_list.selected)

    def action_send(self) -> None:
        from .newsletter.screens import open_send

        if self.active_list.selected is not None:
            open_send(self, self.repository, self.active_list.selected, lambda _sent: self.data_changed())

    def action_import_csv(self) -> None:
        from .exchange.screens import ImportScreen

        self.push_screen(
            ImportScreen(self.repository, self.active_list.kind), lambda _done: self.data_changed()
        )

    def action_export(self) -> None:
        from .exchange.screens import ExportScreen

        shown = [row.record_id for row in self.active_list.table.rows]  # what the filter shows
        self.push_screen(ExportScreen(self.repository, self.active_list.kind, shown))

    def action_rounds(self) -> None:
        from .rounds.screen import RoundsScreen

        self.push_screen(RoundsScreen(self.repository), lambda _none: self.data_changed())

    def action_audit(self) -> None:
        from .audit.screen import AuditScreen

        self.push_screen(AuditScreen(self.repository))

    def action_help(self) -> None:
        from .screens.dialogs import HelpScreen

        self.push_screen(HelpScreen(self.offered_on(self.screen)))

    @staticmethod
    def command_scope(screen: Screen) -> str:
        """Which commands of the registry a screen offers (forms declare ``COMMAND_SCOPE``)."""
        return getattr(screen, "COMMAND_SCOPE", "app")

    def offered_on(self, screen: Screen) -> list[Command]:
        """The registry's commands that work on ``screen`` for this person on this tab (help,
        palette): no writing for viewers, kind-bound commands only on their tab."""
        kind = self.active_kind
        return [
            command
            for command in offered(self.command_scope(screen))
            if not (command.writes and self.repository.read_only)
            and not (command.kinds and kind not in command.kinds)
        ]

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette lists what works on ``screen``, from the registry, and nothing else.

        Textual's own entries (Theme, Screenshot, Keys, Maximize) are left out: staff need none
        of them, and Quit is the registry's „Beenden“.
        """
        scope = self.command_scope(screen)
        for command in self.offered_on(screen):
            if command.action.startswith("tab(") or command.action == "command_palette":
                continue
            yield SystemCommand(
                t(command.label), t(command.help), partial(self._run_command, command, screen)
            )
        if scope == "app":
            for number, name in enumerate(TAB_KINDS, 1):
                yield SystemCommand(
                    f"{number} {KINDS[name].label}",
                    t("help.tab"),
                    partial(self.call_later, self.action_tab, number),
                )
            report_tab = len(TAB_KINDS) + 1
            yield SystemCommand(
                f"{report_tab} {t('report.tab')}",
                t("help.tab"),
                partial(self.call_later, self.action_tab, report_tab),
            )

    def _run_command(self, command: Command, screen: Screen) -> Any:
        """A palette entry: the action on what the command's scope names when it runs (the list
        shown then, for list commands)."""
        if command.scope in ("everywhere", "app"):
            return self.run_action(command.action)
        return (self.active_list if command.scope == "list" else screen).run_action(command.action)

    # -- what escapes an action ---------------------------------------------------------------
    async def _dispatch_action(self, namespace: Any, action_name: str, params: Any) -> bool:
        """Every key's action: an unexpected error is reported, and the app keeps running."""
        try:
            return await super()._dispatch_action(namespace, action_name, params)
        except Exception as error:
            self.report_unexpected(error)
            return True

    def _handle_exception(self, error: Exception) -> None:
        """Errors that escaped a handler, timer or worker once the app runs: report, keep running.

        Before the first screen is up (or while closing) Textual's handling stays: the app ends,
        but with the short message of :meth:`_fatal_error`, never a traceback with locals.
        """
        if isinstance(error, WorkerFailed) and isinstance(error.error, Exception):
            error = error.error
        if self._running and self._is_mounted and not self._exit:
            self.report_unexpected(error)
            return
        self._unexpected = error
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """Textual prints a traceback with every local (record contents); print one line instead."""
        error = self._unexpected or self._exception
        logged = log_error(self.repository.path, self.repository.user, error) if error else None
        self.bell()
        self._exit_renderables.append(Text(self._unexpected_text(error, logged)))
        self._close_messages_no_wait()

    def report_unexpected(self, error: BaseException) -> None:
        """Log ``error`` beside the database and tell the person in German; the data is untouched."""
        logged = log_error(self.repository.path, self.repository.user, error)
        self.bell()
        self.notify(self._unexpected_text(error, logged), severity="error", timeout=15, markup=False)

    @staticmethod
    def _unexpected_text(error: BaseException | None, logged: Path | None) -> str:
        kind = type(error).__name__ if error else "?"
        if logged is None:
            return t("forms.unexpected_unlogged", error=kind)
        return t("forms.unexpected", error=kind, log=printable(str(logged)))


def build_app(repository: Repository, *, clock: Callable[[], datetime] = office_now) -> SsaApp:
    """The app for ``repository`` (tests pass a fixed clock)."""
    return SsaApp(repository, clock=clock)


def run_app(repository: Repository) -> int:
    from . import lifeline

    app = build_app(repository)
    lifeline.install(lambda code: app.exit(return_code=code))
    app.run()
    if app.start_failure is not None:
        raise app.start_failure  # told and mapped to its exit code like any command's (cli/main.py)
    return app.return_code or 0
