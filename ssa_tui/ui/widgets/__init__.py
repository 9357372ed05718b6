"""Widgets of the UI: the record table (Line API) and the generic record list."""

from __future__ import annotations

from typing import TypeVar

from rich.text import Text
from textual.widget import Widget

W = TypeVar("W", bound=Widget)


def steady(widget: W) -> W:
    """Turn off the blinking cursor: over SSH every blink is traffic, and snapshots stay stable."""
    widget.cursor_blink = False
    return widget


def focus_now(widget: Widget) -> None:
    """Focus ``widget`` at once, on its own screen.

    ``Widget.focus`` takes effect only after the messages already queued, so keys that arrived
    in the same burst (``/sek`` in one write, a paste, a slow SSH link) would still go to the
    widget focused before: the ``s`` of ``sek`` would sort the list instead of being typed.
    """
    widget.screen.set_focus(widget)


class TextLine(Widget):
    """One line of plain text (never markup) that repaints without a new layout.

    ``Static.update`` asks for a layout of the whole screen; a count line that changes on every
    keystroke of a filter only needs to repaint itself.
    """

    DEFAULT_CSS = "TextLine { height: 1; width: 1fr; }"

    def __init__(self, text: str = "", *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.text = text

    def show(self, text: str) -> None:
        if text != self.text:
            self.text = text
            self.refresh()

    def render(self) -> Text:
        return Text(self.text, no_wrap=True, overflow="ellipsis")
