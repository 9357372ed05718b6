"""User-facing strings of the team set-up and the audit log: key -> (German, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "team.key_unreadable": (
        "Schlüsseldatei {path} nicht lesbar ({detail}).",
        "Cannot read key file {path} ({detail}).",
    ),
    "team.key_invalid": (
        "Kein gültiger Name oder öffentlicher SSH-Schlüssel: {detail}",
        "Not a valid name or public SSH key: {detail}",
    ),
    "team.action.create": ("angelegt", "created"),
    "team.action.update": ("geändert", "changed"),
    "team.action.delete": ("gelöscht", "deleted"),
    "team.audit_title": ("Änderungsprotokoll – neueste zuerst", "Audit log – newest first"),
    "team.audit_filter": ("Filter: Person, Art, Titel …", "Filter: person, kind, title …"),
    "team.audit_count": ("{shown} von {total} Änderungen", "{shown} of {total} changes"),
    "cmd.audit": ("Protokoll", "Audit"),
    "help.audit": ("Änderungsprotokoll: wer hat wann was geändert", "Audit log: who changed what when"),
}
