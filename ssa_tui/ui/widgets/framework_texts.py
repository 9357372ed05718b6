"""Textual's own English words on screen, in the catalogue's language.

Textual has no translation hook: the Select menu's footer entry (``esc Dismiss menu``) and the
command palette's keys are class bindings, the palette's placeholder a constructor argument and
its entries come from ``App.get_system_commands`` (``SsaApp`` builds those itself). The
bindings are relabelled here once per process; the placeholder is passed where the palette opens.
"""

from __future__ import annotations

from dataclasses import replace

from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.widgets._select import SelectOverlay

from ...i18n import t


def _relabel(node_class: type[DOMNode], descriptions: dict[str, str]) -> None:
    """Give the class's bindings for ``action`` the description ``descriptions[action]``, and
    the Escape key its name as every footer of the app writes it (``Esc``, not ``esc``)."""
    merged = node_class._merged_bindings
    if merged is None:
        return
    for key, key_bindings in merged.key_to_bindings.items():
        merged.key_to_bindings[key] = [
            replace(
                binding,
                description=descriptions.get(binding.action, binding.description),
                key_display="Esc" if key == "escape" else binding.key_display,
            )
            for binding in key_bindings
        ]


def localise() -> None:
    """Relabel Textual's bindings that people see (call after the language is chosen)."""
    _relabel(SelectOverlay, {"dismiss": t("cmd.close_menu")})
    _relabel(CommandPalette, {"escape": t("cmd.close"), "cursor_down": t("cmd.next")})
