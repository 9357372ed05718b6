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
    scope: str  # "app" (tabs and lists) or "form"
    writes: bool = False
    show: bool = True  # in the footer
    key_display: str | None = None
    priority: bool = False
    kinds: tuple[str, ...] | None = None  # list commands that only apply to these kinds


COMMANDS: tuple[Command, ...] = (
    *(Command(f"tab({n})", str(n), "cmd.tab", "help.tab", "app", show=False) for n in range(1, 10)),
    Command("filter", "slash", "cmd.filter", "help.filter", "app", key_display="/"),
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
    Command("help", "question_mark", "cmd.help", "help.help", "app", key_display="?"),
    Command("command_palette", "ctrl+p", "cmd.palette", "help.palette", "app", show=False),
    Command("quit", "q", "cmd.quit", "help.quit", "app"),
    Command("save", "ctrl+s", "cmd.save", "help.save", "form", writes=True, priority=True),
    Command("close", "escape", "cmd.close", "help.close", "form", key_display="Esc"),
    Command("pick", "f2", "cmd.pick", "help.pick", "form", show=False),
)

#: Actions that change data: refused and hidden for viewers.
WRITING_ACTIONS = frozenset(command.action for command in COMMANDS if command.writes)


def commands(scope: str) -> list[Command]:
    return [command for command in COMMANDS if command.scope == scope]


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
                key_display=command.key_display,
                priority=command.priority,
            )
        )
    return result


def key_label(command: Command) -> str:
    if command.action.startswith("tab("):
        return "1–9"
    return command.key_display or command.key.replace("ctrl+", t("forms.key_ctrl"))
