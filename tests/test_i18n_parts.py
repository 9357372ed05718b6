"""The catalogue is read from a list of its modules (no search of the package at start): the list
must name every module of ``ssa_tui/i18n`` that holds strings, so that none is left unread."""

from __future__ import annotations

import ast
from pathlib import Path

from ssa_tui import i18n


def defines_texts(path: Path) -> bool:
    """Whether the module assigns ``TEXTS`` at its top level."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        if any(isinstance(target, ast.Name) and target.id == "TEXTS" for target in targets):
            return True
    return False


def test_the_parts_are_exactly_the_modules_with_texts() -> None:
    folder = Path(i18n.__file__).parent
    with_texts = sorted(path.stem for path in folder.glob("*.py") if defines_texts(path))
    assert list(i18n.PARTS) == with_texts
    assert "dates" not in i18n.PARTS  # a helper module without strings


def test_every_key_of_every_part_is_in_the_catalogue() -> None:
    import importlib

    for name in i18n.PARTS:
        texts = importlib.import_module(f"ssa_tui.i18n.{name}").TEXTS
        for key, (german, english) in texts.items():
            assert i18n.text_in("de", key) == german and i18n.text_in("en", key) == english
