"""Completion of the name being typed in a link field (``Sib`` → ``Sibel Toykun (#5)``).

A link field takes names, ``#ids`` or ids; the completion offers the names as the form shows them
(``Name (#id)``, so that two people of the same name stay apart). In a field of several links
(``Mitglieder``) only the part after the last comma is completed; what comes before stays as
typed. Accepted with → or End, as every completion in the app.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.suggester import Suggester


class LinkSuggester(Suggester):
    def __init__(self, candidates: Callable[[], Sequence[str]], *, several: bool) -> None:
        # No cache: the names change when someone saves a contact meanwhile.
        super().__init__(use_cache=False, case_sensitive=True)
        self._candidates = candidates
        self._several = several

    async def get_suggestion(self, value: str) -> str | None:
        head, _comma, typed = value.rpartition(",") if self._several else ("", "", value)
        name = typed.lstrip()
        if not name or name.startswith("#") or name[0].isdigit():
            return None  # an id is typed, not a name
        kept = value[: len(value) - len(name)]
        wanted = name.casefold()
        for candidate in self._candidates():
            if candidate.casefold().startswith(wanted) and len(candidate) > len(name):
                return kept + candidate
        return None
