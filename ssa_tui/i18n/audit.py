"""User-facing strings of the audit view and restoring from it: key -> (German, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "audit.not_restorable": (
        "Diese Änderung hat keinen früheren Stand zum Wiederherstellen (nur Änderungen und Löschungen).",
        "This change has no earlier state to restore (only changes and deletions).",
    ),
    "audit.already_so": (
        "Nichts wiederhergestellt: der Datensatz ist schon so wie vor dieser Änderung.",
        "Nothing restored: the record is already as it was before this change.",
    ),
    "audit.restore_ask": (
        "{kind} #{id} „{title}“ auf den Stand vor dieser Änderung zurücksetzen?\n"
        "Das wird eine neue Version; spätere Änderungen bleiben im Protokoll.",
        "Set {kind} #{id} “{title}” back to how it was before this change?\n"
        "This makes a new version; later changes stay in the log.",
    ),
    "audit.restore_deleted_ask": (
        "{kind} #{id} „{title}“ wiederherstellen (unter der alten Nummer)?",
        "Restore {kind} #{id} “{title}” (under its old number)?",
    ),
    "audit.restored": (
        "{kind} #{id} „{title}“ wiederhergestellt (Version {rev}).",
        "{kind} #{id} “{title}” restored (version {rev}).",
    ),
    "audit.detail_empty": ("Keine Feldänderungen.", "No field changes."),
    "audit.detail_field": ("Feld", "Field"),
    "audit.detail_before": ("vorher", "before"),
    "audit.detail_after": ("nachher", "after"),
    "audit.link_gone": ("#{id} (gelöscht)", "#{id} (deleted)"),
    "cli.help.audit_details": (
        "unter jeder Änderung die Felder: vorher → nachher (Verweise mit Namen)",
        "below each change its fields: before → after (links by name)",
    ),
    "cmd.restore": ("Wiederherstellen", "Restore"),
    "help.restore": (
        "Den Datensatz auf den Stand vor der gewählten Änderung zurücksetzen (auch gelöschte)",
        "Set the record back to how it was before the chosen change (deleted ones too)",
    ),
    "help.audit_filter": (
        "Änderungen eingrenzen: Person, Art, Titel (Esc leert den Filter)",
        "Narrow the changes: person, kind, title (Esc clears the filter)",
    ),
    "help.audit_close": ("Protokoll schließen", "Close the log"),
}
