"""One line per change of the audit log, for people (command line and the TUI's audit view)."""

from __future__ import annotations

from ..i18n import t
from ..schema import KINDS
from ..store import audit


def describe(change: audit.Change) -> str:
    """``2026-11-24T09:00:00+01:00 britta geändert Stelle #3 „…“: Wochenstunden, Status``."""
    kind = KINDS.get(change.kind)
    label = kind.label_one if kind else change.kind
    record = change.after or change.before or {}
    title = kind.title_of(record) if kind else ""
    fields = (
        ", ".join(kind.field_label(name) for name in audit.changed_fields(change))
        if kind and change.action == "update"
        else ""
    )
    line = f"{change.at} {change.user} {t(f'team.action.{change.action}')} {label} #{change.id} „{title}“"
    return f"{line}: {fields}" if fields else line
