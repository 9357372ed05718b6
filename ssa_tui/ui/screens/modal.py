"""The base of every dialog: a modal screen with a footer of its own.

A modal screen lies over the one below, footer included; that footer keeps showing the keys of
the screen below (``Esc Filter leeren`` under an export dialog, ``Strg+S Speichern`` under the
question whether to discard a form), keys that do something else here. So every dialog shows its
own footer over it.
"""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen
from textual.widgets import Footer

ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    def on_mount(self) -> None:  # Textual runs this besides a subclass's own on_mount
        self.mount(Footer())
