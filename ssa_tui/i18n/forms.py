"""Strings of the record form, its dialogs, the records services and the command line's options."""

TEXTS: dict[str, tuple[str, str]] = {
    # services.records
    "forms.merge_conflict": (
        "{kind} #{id} wurde inzwischen von {user} geändert – auch in Feldern, die Sie geändert haben: "
        "{fields}. Nichts wurde gespeichert.",
        "{kind} #{id} was changed meanwhile by {user} – also in fields you changed: {fields}. "
        "Nothing was saved.",
    ),
    "forms.gone": (
        "{kind} #{id} wurde am {at} von {user} gelöscht, während Sie ihn bearbeitet haben.",
        "{kind} #{id} was deleted on {at} by {user} while you were editing it.",
    ),
    "forms.already_planned": (
        "„{title}“ ist schon als Veranstaltung eingeplant.",
        "“{title}” is planned as an event already.",
    ),
    "forms.over_capacity": (
        "Achtung: {count} bei {capacity} Plätzen (Speichern ist trotzdem möglich).",
        "Note: {count} for {capacity} places (saving is still possible).",
    ),
    # the form
    "forms.nothing_to_save": (
        "Nichts geändert – nichts gespeichert: {title}",
        "Nothing changed – nothing saved: {title}",
    ),
    "forms.link_hint": (
        "Name oder #Nummer eintippen, F2: aus Liste auswählen",
        "Type a name or #number, F2: pick from a list",
    ),
    "forms.link_unknown": ("Kein(e) {kind} „{name}“ gefunden.", "No {kind} “{name}” found."),
    "forms.link_ambiguous": (
        "„{name}“ passt auf mehrere ({kind}) – bitte mit F2 auswählen.",
        "“{name}” fits several ({kind}) – please pick with F2.",
    ),
    # merge dialog
    "forms.merge_before": ("Vorher gespeichert", "Stored before"),
    "forms.merge_theirs": ("Jetzt gespeichert (von {user})", "Stored now (by {user})"),
    "forms.merge_mine": ("Ihre Eingabe", "Your input"),
    "forms.merge_empty": ("(leer)", "(empty)"),
    "forms.merge_apply": ("Auswahl speichern", "Save the choice"),
    # record deleted meanwhile
    "forms.gone_title": ("Datensatz inzwischen gelöscht", "Record deleted meanwhile"),
    "forms.gone_save_new": ("Als neu speichern", "Save as new"),
    "forms.gone_discard": ("Verwerfen", "Discard"),
    # what escaped an action
    "forms.unexpected": (
        "Unerwarteter Fehler ({error}). Die Daten sind unversehrt; Einzelheiten stehen in {log}.",
        "Unexpected error ({error}). The data is intact; details are in {log}.",
    ),
    "forms.unexpected_unlogged": (
        "Unerwarteter Fehler ({error}). Die Daten sind unversehrt.",
        "Unexpected error ({error}). The data is intact.",
    ),
    # keys
    "forms.key_ctrl": ("Strg+", "Ctrl+"),
}
