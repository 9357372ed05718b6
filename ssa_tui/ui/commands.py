"""Every command of the UI, declared once.

A :class:`Command` drives its key binding, its footer entry, its line in the help screen (``?``)
and its entry in the command palette. Screens take their bindings from here with
:func:`bindings`; the help screen and the palette read :data:`COMMANDS`. Commands that write are
hidden and refused for viewers (see ``SsaApp.check_action``).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

from ..i18n import t


@dataclass(frozen=True)
class Command:
    action: str
    key: str
    label: str  # i18n key of the short label (footer, palette)
    help: str  # i18n key of the help line
    scope: str  # "everywhere", "app", "list" (the list with the focus), "form", or a screen's own
    writes: bool = False
    show: bool = True  # in the footer
    key_display: str | None = None
    priority: bool = False
    kinds: tuple[str, ...] | None = None  # list commands that only apply to these kinds


COMMANDS: tuple[Command, ...] = (
    # ? and q first: the footer is cut from the right, and they must stay at 80 columns.
    # "everywhere": bound on the app, offered on every screen but the help itself.
    Command("help", "question_mark", "cmd.help", "help.help", "everywhere", key_display="?"),
    Command("quit", "q", "cmd.quit", "help.quit", "app"),
    *(Command(f"tab({n})", str(n), "cmd.tab", "help.tab", "app", show=False) for n in range(1, 10)),
    Command("filter", "slash", "cmd.filter", "help.filter", "app", key_display="/"),
    Command(
        "clear_filter",
        "escape",
        "cmd.clear_filter",
        "help.clear_filter",
        "list",
        key_display="Esc",
    ),
    Command(
        "only_stale",
        "exclamation_mark",
        "cmd.only_stale",
        "help.only_stale",
        "app",
        show=False,
        key_display="!",
        kinds=("positions",),
    ),
    Command("new_record", "n", "cmd.new", "help.new", "app", writes=True),
    Command("open_record", "enter", "cmd.open", "help.open", "app", key_display="Enter"),
    Command("delete_record", "d", "cmd.delete", "help.delete", "app", writes=True),
    Command("sort", "o", "cmd.sort", "help.sort", "app", show=False),
    Command("sort_reverse", "O", "cmd.sort_reverse", "help.sort_reverse", "app", show=False),
    Command("plan_event", "p", "cmd.plan", "help.plan", "app", writes=True, kinds=("suggestions",)),
    Command("preview", "v", "cmd.preview", "help.preview", "app", kinds=("newsletters",)),
    Command("test_send", "t", "cmd.test_send", "help.test_send", "app", writes=True, kinds=("newsletters",)),
    Command("send", "s", "cmd.send", "help.send", "app", writes=True, kinds=("newsletters",)),
    Command(
        "import_csv",
        "i",
        "cmd.import",
        "help.import",
        "app",
        writes=True,
        kinds=("positions", "contacts", "groups", "events", "suggestions", "schools", "employers"),
    ),
    Command("export", "x", "cmd.export", "help.export", "app"),
    Command("audit", "a", "cmd.audit", "help.audit", "app"),
    Command("rounds", "r", "rounds.cmd.open", "rounds.help.open", "app", kinds=("positions",)),
    Command("command_palette", "ctrl+p", "cmd.palette", "help.palette", "everywhere", show=False),
    Command("save", "ctrl+s", "cmd.save", "help.save", "form", writes=True, priority=True),
    Command("close", "escape", "cmd.close", "help.close", "form", key_display="Esc"),
    Command("pick", "f2", "cmd.pick", "help.pick", "form", show=False, key_display="F2"),
    # The audit view (``audit/screen.py``).
    Command("close", "escape", "cmd.close", "help.audit_close", "audit", key_display="Esc"),
    Command("filter", "slash", "cmd.filter", "help.audit_filter", "audit", key_display="/"),
    Command("restore", "r", "cmd.restore", "help.restore", "audit", writes=True),
    # Dialogs: a yes/no question, a conflict, the link picker, the help itself.
    Command("answer(True)", "j,y", "dialog.yes", "help.answer_yes", "confirm", key_display="j"),
    Command("answer(False)", "n", "dialog.no", "help.answer_no", "confirm", show=False),
    Command("answer(False)", "escape", "dialog.no", "help.answer_no", "confirm", key_display="Esc"),
    Command(
        "choose('keep')",
        "escape",
        "dialog.conflict_keep",
        "help.conflict_keep",
        "conflict",
        key_display="Esc",
    ),
    Command("cancel", "escape", "cmd.close", "help.dialog_close", "picker", key_display="Esc"),
    Command("close", "escape,question_mark,q", "cmd.close", "help.help_close", "help", key_display="Esc"),
    # Import, export, newsletter preview, test send and send: Esc closes (the screens' own
    # fields and buttons do the rest).
    Command("close", "escape", "cmd.close", "help.dialog_close", "dialog", key_display="Esc"),
    Command("cancel", "escape", "cmd.close", "help.dialog_close", "address", key_display="Esc"),
)

#: Actions that change data: refused and hidden for viewers.
WRITING_ACTIONS = frozenset(command.action for command in COMMANDS if command.writes)


#: Scopes whose commands also work on a screen of another scope (the lists live on the app's screen).
ALSO_OFFERED = {"app": ("list",)}
#: Commands bound on the app that work on every screen except these.
EVERYWHERE_BUT = frozenset({"help"})
EVERYWHERE_ACTIONS = frozenset(c.action for c in COMMANDS if c.scope == "everywhere")


def commands(scope: str) -> list[Command]:
    return [command for command in COMMANDS if command.scope == scope]


def offered(scope: str) -> list[Command]:
    """Every command that works on a screen of ``scope``: footer, help and palette list these."""
    scopes = (scope, *ALSO_OFFERED.get(scope, ()))
    if scope not in EVERYWHERE_BUT:
        scopes = ("everywhere", *scopes)
    return [command for command in COMMANDS if command.scope in scopes]


def bindings(scope: str) -> list[Binding]:
    """Textual bindings for the commands of ``scope`` (labels in the current language)."""
    result = []
    for command in commands(scope):
        label = t(command.label, n=command.key)
        result.append(
            Binding(
                command.key,
                command.action,
                label,
                show=command.show,
                key_display=command.key_display or ctrl_label(command.key),
                # App commands are checked before the focused widget gets the key, in the order
                # the keys came: in a burst (`1/sek`) each key acts before the next is routed.
                # ``SsaApp.check_action`` lets them through to a focused text field instead.
                priority=command.priority or command.scope in ("app", "everywhere"),
            )
        )
    return result


def key_label(command: Command) -> str:
    if command.action.startswith("tab("):
        return "1–9"
    return command.key_display or ctrl_label(command.key) or command.key.split(",")[0]


def ctrl_label(key: str) -> str | None:
    """``ctrl+s`` as ``Strg+S`` (German) or ``Ctrl+S``; None for keys without Ctrl."""
    if not key.startswith("ctrl+"):
        return None
    return t("key.ctrl", key=key.removeprefix("ctrl+").upper())
