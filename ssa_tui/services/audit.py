"""The audit log for people: which changes there were, what each changed, and bringing a record
back to how it was before a change.

Called by the TUI's audit view and ``ssa-tui audit``. A restore is an ordinary write: a new
revision (or the deleted record again, under its old id), audited, checked like any save — a
link to a record that is gone since is refused with the field named.

Links read by name as the forms write them (``Sonja Berger (#4)``, the schema's link text with
the names of :class:`~ssa_tui.schema.Names`); only the display changes, the log and a restore
keep the ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..i18n import t
from ..schema import KINDS, META_FIELDS, Field, FieldError, Names
from ..schema.fields import Link
from ..store import ReadOnlyError, Repository, StoreError, audit
from ..store.audit import Change

#: The audit log's entry type, for the front-ends (they never import the store).
__all__ = ["Change", "FieldChange", "changes", "field_changes", "restorable", "restore"]


class NotRestorable(StoreError):
    """The change has no earlier state to go back to (a creation, an access, an unknown kind)."""


@dataclass(frozen=True)
class FieldChange:
    """One field of a change, as people read it: label, value before, value after."""

    label: str
    before: str
    after: str


def changes(
    db_path: Path,
    *,
    user: str | None = None,
    since: str | None = None,
    kind: str | None = None,
    record_id: int | None = None,
) -> list[Change]:
    """The changes matching every filter given, oldest first (reading: every role may)."""
    return audit.select(db_path, user=user, since=since, kind=kind, record_id=record_id)


def field_changes(change: Change, names: Names | None) -> list[FieldChange]:
    """Before → after for every field the change touched (a creation: after only; a deletion:
    before only), in the kind's field order, values as the lists show them and links by name
    (``names``: the records as stored now; None: ids, for a database that cannot be read)."""
    spec = KINDS.get(change.kind)
    if spec is None:
        return []
    before, after = change.before or {}, change.after or {}
    touched = set(audit.changed_fields(change))
    return [
        FieldChange(
            spec.field_label(field.name),
            _shown(field, before.get(field.name), names) if change.before is not None else "",
            _shown(field, after.get(field.name), names) if change.after is not None else "",
        )
        for field in spec.fields
        if field.name in touched
    ]


def _shown(field: Field, value: Any, names: Names | None) -> str:
    """``value`` as one line: a link as the form writes it (``Sonja Berger (#4)``, role links
    ``Sonja Berger (#4): Sprecherin`` joined by `` | `` as the lists join them), a record gone
    since as ``#4 (gelöscht)``; anything else, or a damaged link value, as the lists show it."""
    if names is None or not isinstance(field, Link) or field.is_empty(value):
        return field.display(value)
    try:
        field.check_value(value)
    except FieldError:
        return field.display(value)  # an old or hand-edited log: shown as it is

    def ref_text(target_id: int) -> str:
        if names.title_of(field.target, target_id) is None:
            return t("audit.link_gone", id=target_id)
        return field.ref_text(target_id, names.title_of, None)

    return field.text_from_refs(value, ref_text).replace("\n", " | ")


def restorable(change: Change) -> bool:
    """Whether ``change`` has an earlier state of a known kind to go back to."""
    return change.action in ("update", "delete") and bool(change.before) and change.kind in KINDS


def restore(repository: Repository, change: Change) -> dict[str, Any]:
    """Bring the record of ``change`` back to its state before the change; returns it as stored.

    Editors and admins only (checked before anything is read). A changed record gets a new
    revision with the old values (later changes are overwritten: the audit log keeps them); a
    deleted record comes back under its old id. Raises :class:`NotRestorable` when there is
    nothing to go back to, :class:`~ssa_tui.store.ValidationFailed` when the old state no longer
    fits (a linked record deleted since, a name now taken).
    """
    if repository.read_only:
        raise ReadOnlyError(repository.refusal())
    if not restorable(change):
        raise NotRestorable(t("audit.not_restorable"))
    values = {name: value for name, value in change.before.items() if name not in META_FIELDS}
    with repository.batch() as batch:
        current = batch.get(change.kind, change.id)
        if current is None:
            return batch.create(change.kind, values, record_id=change.id)
        restored = batch.update(change.kind, change.id, values, expected_rev=current["rev"])
    if restored is current:
        raise NotRestorable(t("audit.already_so"))
    return restored
