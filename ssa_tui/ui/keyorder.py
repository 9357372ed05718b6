"""Keys act in the order they were typed, however fast they come.

Textual routes a key in two ways: the app's own (priority) bindings act at once, every other
key is posted to the focused widget and acts later, when it has bubbled back up to the app.
In a burst — a paste, a slow SSH link bundling keystrokes, a person typing ahead — a later key
could so act before an earlier one (``Esc q`` in a form: ``q`` is refused because the form is
still open, then ``Esc`` closes it), and a key typed while a new screen is being built went to
that screen before it had a focused widget, and was lost (``n X``: the ``X``).

:class:`OrderedKeys` holds every key that comes while an earlier one is still on its way or the
screen is not mounted yet, and lets them through one by one when the way is clear.
"""

from __future__ import annotations

from functools import partial

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.timer import Timer

#: Seconds after which held keys go on even if the way did not report clear (a screen removed
#: while a key was on its way never answers). Only a bound: normally keys go on within a frame.
RELEASE_ANYWAY = 0.5


class OrderedKeys(App):
    """An :class:`App` whose keys act strictly in the order they came."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._held_keys: list[events.Key] = []
        self._key_on_its_way = False
        self._keys_routed = 0  # the number of the key on its way: only its own answer counts
        self._release_timer: Timer | None = None

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)
            return
        if self._key_on_its_way or self._held_keys or not self.keys_ready():
            self._hold(event)
            return
        await self._route(event)

    def keys_ready(self) -> bool:
        """Whether the screen can take keys (an app may wait for more, e.g. its first data:
        it then calls :meth:`release_keys` when ready)."""
        return self.screen.is_mounted

    def release_keys(self) -> None:
        self.call_later(self._release)

    async def _route(self, event: events.Key) -> None:
        target = self.focused or self.screen
        await super().on_event(event)
        if event.is_forwarded:  # not an app binding: it acts once it has bubbled up again
            self._keys_routed += 1
            self._key_on_its_way = True
            self._after_bubbling(target, self._keys_routed)
            self._arm_timer(self._keys_routed)

    def _hold(self, event: events.Key) -> None:
        self._held_keys.append(event)
        if not self._key_on_its_way:  # waiting for a screen to be mounted
            self.screen.call_later(self.call_later, self._release)
            self._arm_timer(None)

    def _arm_timer(self, key_number: int | None) -> None:
        """The bound: the release is posted to the app's queue (a timer runs beside the app's
        loop, and a release from there would let keys go while the app is still busy)."""
        if self._release_timer is not None:
            self._release_timer.stop()
        self._release_timer = self.set_timer(
            RELEASE_ANYWAY, partial(self.call_later, self._release, key_number)
        )

    def _after_bubbling(self, node: DOMNode, key_number: int) -> None:
        """Release the keys once every node from ``node`` up to the app has handled what it had
        queued (a key bubbles by being posted to the parent before the next callback runs)."""

        def step(current: DOMNode) -> None:
            parent = current.parent
            if parent is None or parent is self:
                self.call_later(self._release, key_number)
            else:
                parent.call_later(step, parent)

        node.call_later(step, node)

    async def _release(self, key_number: int | None = None) -> None:
        """Let held keys go. ``key_number``: the routed key whose way is clear (None: the end of a
        wait for a screen or for data). Only the key on its way can clear its own way: releases
        still queued from an earlier wait (one per key held at start-up) would otherwise send the
        next keys after it before it has acted, and a second Enter could reach the filter that the
        first one was leaving, and be lost."""
        if self._key_on_its_way:
            if key_number != self._keys_routed:
                return
            self._key_on_its_way = False
        while self._held_keys and not self._key_on_its_way:
            if not self.keys_ready():
                if not self.screen.is_mounted:
                    self.screen.call_later(self.call_later, self._release)
                return
            await self._route(self._held_keys.pop(0))
