"""Names for link text: who ``Hans Müller`` is, and what record 5 is called.

Forms, imports and exports build one :class:`Names` over the records they see and hand its
``resolve`` and ``title_of`` to :meth:`Link.parse_text` / :meth:`Link.format_text`, so a name
means the same record everywhere. Names are compared as :func:`match_key` does (case-folded,
NFC, never accent-stripped); a contact is also found by its e-mail address.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .fields import Ambiguous, match_key
from .kinds import KINDS


class Names:
    """Look-ups over ``records_of(kind)``; each kind's index is built on first use."""

    def __init__(self, records_of: Callable[[str], Iterable[dict[str, Any]]]) -> None:
        self.records_of = records_of
        self._titles: dict[str, dict[int, str]] = {}
        self._by_key: dict[str, dict[str, list[int]]] = {}

    def _load(self, kind: str) -> None:
        if kind in self._titles:
            return
        spec = KINDS[kind]
        titles: dict[int, str] = {}
        by_key: dict[str, list[int]] = {}
        for record in self.records_of(kind):
            record_id = record.get("id")
            if not isinstance(record_id, int):
                continue
            titles[record_id] = spec.title_of(record)
            for name in (spec.title_field, "email"):
                value = record.get(name)
                if isinstance(value, str) and value.strip() and spec.has_field(name):
                    by_key.setdefault(match_key(value), []).append(record_id)
        self._titles[kind], self._by_key[kind] = titles, by_key

    def resolve(self, kind: str, text: str) -> int | Ambiguous | None:
        """The id of the one ``kind`` record named ``text`` (title, or e-mail of a contact)."""
        self._load(kind)
        ids = list(dict.fromkeys(self._by_key[kind].get(match_key(text), [])))
        if len(ids) > 1:
            return Ambiguous(tuple((record_id, self._titles[kind][record_id]) for record_id in ids))
        return ids[0] if ids else None

    def ids(self, kind: str) -> list[int]:
        """The ids of every ``kind`` record."""
        self._load(kind)
        return list(self._titles[kind])

    def title_of(self, kind: str, record_id: int) -> str | None:
        """The title of record ``record_id`` of ``kind``, None when there is none."""
        self._load(kind)
        return self._titles[kind].get(record_id)
