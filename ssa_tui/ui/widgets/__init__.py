"""Widgets of the UI: the record table (Line API) and the generic record list."""

from __future__ import annotations

from typing import TypeVar

from textual.widget import Widget

W = TypeVar("W", bound=Widget)


def steady(widget: W) -> W:
    """Turn off the blinking cursor: over SSH every blink is traffic, and snapshots stay stable."""
    widget.cursor_blink = False
    return widget
