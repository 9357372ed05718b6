"""A Jinja environment in which a template can neither change data nor take the machine.

Templates are written by admins, but they render stored fields that come from outside, and a
mistake (or a hostile edit) must not redirect mail, change records or grow one process to many
gigabytes. So:

* ``ImmutableSandboxedEnvironment``: no attribute of ``_`` names, no ``list.append`` /
  ``dict.update`` (the context holds copies anyway, see ``context.py``);
* bounded work: every operator, call and filter is checked *before* it runs for the size it could
  produce (``'x' * 10**10`` is refused, not attempted), and everything produced counts against one
  budget per render; every block a template enters checks the clock, so a loop that runs for
  more than a few seconds stops, and endless recursion stops at Python's limit.

A refusal raises :class:`TooMuchWork`; the renderer turns it into a message naming file and line.
"""

from __future__ import annotations

import functools
import re
import threading
import time
from collections.abc import Callable
from typing import Any

from jinja2.compiler import CodeGenerator
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..i18n import t

#: Largest value (characters or items) one operation may produce.
MAX_VALUE = 1_000_000
#: Everything one render may produce in total (values and output), in characters or items.
MAX_TOTAL = 20_000_000
#: Longest one render may take.
MAX_SECONDS = 3.0


#: A width or precision in a format string (``%999999999d``, ``{:>999999999}``) too big to allow.
_HUGE_FORMAT = re.compile(r"[%:][-+ #0<>=^.,_]*\d{7,}")


class TooMuchWork(Exception):
    """A template went over its budget of size or time (``str()`` is the German reason)."""


def weight(value: Any, *, deep: bool = False) -> int:
    """What a value costs: characters of a string, items of a collection (with ``deep``, plus the
    characters of the strings in it: ``[long_text] * n`` costs n times the text)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, (list, tuple)):
        return len(value) + (sum(len(item) for item in value if isinstance(item, str)) if deep else 0)
    if isinstance(value, dict):
        return len(value)
    return 0


class Budget(threading.local):
    """The budget of the render running in this thread (renders in other threads have their own)."""

    deadline: float = 0.0
    spent: int = 0

    def start(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds
        self.spent = 0

    def stop(self) -> None:
        self.deadline = 0.0

    def spend(self, amount: int) -> None:
        self.spent += amount
        if self.spent > MAX_TOTAL:
            raise TooMuchWork(t("mail.template_too_big", limit=MAX_TOTAL))

    def tick(self) -> None:
        if self.deadline and time.monotonic() > self.deadline:
            raise TooMuchWork(t("mail.template_too_slow", seconds=f"{MAX_SECONDS:g}"))


def _estimate(args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """An upper guess of what a call could produce: its inputs times its largest multiplier.

    ``center(10**9)`` multiplies by an int, ``replace(old, new)`` by the length of ``new``,
    ``indent(width)`` by the lines of its text; the product of the total input and the largest
    number or second text bounds all of them.
    """
    values = [*args, *kwargs.values()]
    total = sum(weight(v, deep=True) for v in values) + 1
    factor = 1
    for value in values[1:]:
        if isinstance(value, bool):
            continue
        if isinstance(value, int):
            factor = max(factor, abs(value))
        elif isinstance(value, str):
            factor = max(factor, len(value))
    return total * factor


def _checked(args: tuple[Any, ...], kwargs: dict[str, Any], *, formats: bool = False) -> None:
    """Refuse a call or operator whose result could be too big, before it runs."""
    if formats and isinstance(args[0], str) and _HUGE_FORMAT.search(args[0]):
        raise TooMuchWork(t("mail.template_number_too_big", limit=MAX_VALUE))
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_VALUE:
            raise TooMuchWork(t("mail.template_number_too_big", limit=MAX_VALUE))
    if _estimate(args, kwargs) > 10 * MAX_VALUE:
        raise TooMuchWork(t("mail.template_value_too_big", limit=MAX_VALUE))


class _TickingGenerator(CodeGenerator):
    """Compiled templates call ``environment.tick()`` on entering every block (loop bodies,
    macros, conditions), so the clock is checked however a template loops."""

    def blockvisit(self, nodes: Any, frame: Any) -> None:
        # Marked with the block's first node, so that a tick that stops the render is reported
        # at that node's template line (unmarked, it took the line of the code before it).
        self.writeline("environment.tick()", nodes[0] if nodes else None)
        super().blockvisit(nodes, frame)


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """The immutable sandbox with a budget of size and time per render."""

    code_generator_class = _TickingGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%", "//"})
    budget = Budget()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters = {name: self._bounded(func) for name, func in self.filters.items()}

    def add_filter(self, name: str, func: Callable[..., Any]) -> None:
        self.filters[name] = self._bounded(func)

    def _bounded(self, func: Callable[..., Any]) -> Callable[..., Any]:
        budget = self.budget

        formats = func.__name__ == "do_format"

        @functools.wraps(func)
        def bounded(*args: Any, **kwargs: Any) -> Any:
            _checked(args, kwargs, formats=formats)
            result = func(*args, **kwargs)
            budget.spend(weight(result))
            return result

        return bounded

    def tick(self) -> None:
        self.budget.tick()

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**":
            if isinstance(right, int) and abs(right) > 64 or isinstance(left, int) and abs(left) > MAX_VALUE:
                raise TooMuchWork(t("mail.template_number_too_big", limit=MAX_VALUE))
        elif operator == "*":
            for value, times in ((left, right), (right, left)):
                if isinstance(times, int) and weight(value, deep=True) * abs(times) > MAX_VALUE:
                    raise TooMuchWork(t("mail.template_value_too_big", limit=MAX_VALUE))
        elif operator == "%" and isinstance(left, str):
            _checked((left, right), {}, formats=True)
        elif weight(left) + weight(right) > MAX_VALUE:
            raise TooMuchWork(t("mail.template_value_too_big", limit=MAX_VALUE))
        result = super().call_binop(context, operator, left, right)
        self.budget.spend(weight(result))
        return result

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        __self.budget.tick()
        method = getattr(__obj, "__wrapped__", __obj)  # str.format comes wrapped by the sandbox
        owner = getattr(method, "__self__", None)
        formats = getattr(method, "__name__", "") in ("format", "format_map")
        _checked(
            (owner if isinstance(owner, (str, list, tuple, dict)) else None, *args), kwargs, formats=formats
        )
        result = super().call(__context, __obj, *args, **kwargs)
        __self.budget.spend(weight(result))
        return result
