"""The tab bar: one widget that draws every tab's number and name in two lines (names, underline).

Why not Textual's ``TabbedContent``: its tab bar is a widget per tab plus an animated underline,
and building it was a sixth of the first frame (measured: 45 ms of a bare app's 220 ms); and at
80 columns it scrolled the last tabs out of sight (``7 Sc``). This bar is drawn as text: all tabs
always show, in the widest of four layouts that fits (full or short names, two or one space
between them); a click on a name chooses that tab. Keys (1–9) are the app's.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget


@dataclass(frozen=True)
class TabLabel:
    """A tab: its id, its name and a short name for narrow terminals (both from the catalogue)."""

    tab_id: str
    name: str
    short: str


class TabBar(Widget):
    """The names of the tabs, the active one highlighted and underlined."""

    DEFAULT_CSS = """
    TabBar {
        height: 2;
        width: 1fr;
        & > .tab-bar--active { color: $foreground; text-style: bold; }
        & > .tab-bar--inactive { color: $foreground 50%; }
        & > .tab-bar--line { color: $foreground 15%; }
        & > .tab-bar--line-active { color: $block-cursor-background; }
        &:ansi > .tab-bar--inactive { text-style: dim; }
    }
    """
    COMPONENT_CLASSES = {"tab-bar--active", "tab-bar--inactive", "tab-bar--line", "tab-bar--line-active"}
    #: (short names?, spaces between tabs), widest first; the first that fits is drawn.
    LAYOUTS = ((False, 2), (False, 1), (True, 2), (True, 1))

    class Chosen(Message):
        """A tab's name was clicked."""

        def __init__(self, tab_id: str) -> None:
            super().__init__()
            self.tab_id = tab_id

    def __init__(self, tabs: list[TabLabel], *, active: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.tabs = tabs
        self.active = active

    def show_active(self, tab_id: str) -> None:
        if tab_id != self.active:
            self.active = tab_id
            self.refresh()

    def spans(self, width: int) -> list[tuple[str, str, int]]:
        """(tab id, text, first column) of each tab in the widest layout that fits ``width``."""
        for short, gap in self.LAYOUTS:
            texts = [
                f"{number} {tab.short if short else tab.name}" for number, tab in enumerate(self.tabs, 1)
            ]
            if 1 + sum(map(len, texts)) + gap * (len(texts) - 1) <= width:
                break
        spans, column = [], 1
        for tab, text in zip(self.tabs, texts):
            spans.append((tab.tab_id, text, column))
            column += len(text) + gap
        return spans

    def render(self) -> Text:
        width = self.size.width
        names, line = Text(no_wrap=True, overflow="ellipsis"), Text(no_wrap=True)
        active, inactive = (
            self.get_component_rich_style("tab-bar--active"),
            self.get_component_rich_style("tab-bar--inactive"),
        )
        rule, rule_active = (
            self.get_component_rich_style("tab-bar--line"),
            self.get_component_rich_style("tab-bar--line-active"),
        )
        end = 0
        for tab_id, text, column in self.spans(width):
            names.append(" " * (column - end))
            names.append(text, active if tab_id == self.active else inactive)
            line.append("━" * (column - end), rule)
            line.append("━" * len(text), rule_active if tab_id == self.active else rule)
            end = column + len(text)
        line.append("━" * max(width - end, 0), rule)
        names.append("\n")
        names.append_text(line)
        return names

    def on_click(self, event: events.Click) -> None:
        for tab_id, text, column in self.spans(self.size.width):
            if column <= event.x < column + len(text):
                self.post_message(self.Chosen(tab_id))
                return
