"""One line per change of the audit log, for people (command line and the TUI's audit view)."""

from __future__ import annotations

from ..i18n import t
from ..i18n.dates import long_date
from ..schema import KINDS
from ..store import audit


def describe(change: audit.Change) -> str:
    """``Dienstag, 24. November 2026, 09:00 Uhr · britta geändert Stelle #3 „…“: Wochenstunden``.

    The time is spelled out in the catalogue's language (the log stores ISO with seconds).
    """
    kind = KINDS.get(change.kind)
    label = kind.label_one if kind else change.kind
    record = change.after or change.before or {}
    title = kind.title_of(record) if kind else ""
    fields = (
        ", ".join(kind.field_label(name) for name in audit.changed_fields(change))
        if kind and change.action == "update"
        else ""
    )
    line = (
        f"{when(change)} · {change.user} {t(f'team.action.{change.action}')} {label} #{change.id} „{title}“"
    )
    return f"{line}: {fields}" if fields else line


def when(change: audit.Change) -> str:
    """When the change was made, for people; a damaged time stamp is shown as it is."""
    try:
        return long_date(change.at)
    except (ValueError, TypeError):
        return str(change.at)
