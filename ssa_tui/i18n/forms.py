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
    # merge dialog
    "forms.merge_before": ("Vorher gespeichert", "Stored before"),
    "forms.merge_theirs": ("Jetzt gespeichert (von {user})", "Stored now (by {user})"),
    "forms.merge_mine": ("Ihre Eingabe", "Your input"),
    "forms.merge_empty": ("(leer)", "(empty)"),
    "forms.merge_apply": ("Auswahl speichern", "Save the choice"),
    "forms.merge_keys": (
        "Je Feld: Pfeiltasten und Enter wählen, Tab zum nächsten Feld. Strg+S speichert die Auswahl, "
        "Esc: weiter bearbeiten (Ihre Eingaben bleiben, die anderen Änderungen werden übernommen).",
        "Per field: arrows and Enter choose, Tab goes to the next field. Ctrl+S saves the choice, "
        "Esc: keep editing (your input stays, the other changes are taken over).",
    ),
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

# The command line's own options and words (cli/main.py); the sub-commands keep theirs.
TEXTS.update(
    {
        "cli.main.description": (
            "Netzwerk der Schulsozialarbeit im Kreis Soest – Terminal-Anwendung und Werkzeuge. "
            "Ohne COMMAND startet die Terminal-Anwendung.",
            "School social work network of the Kreis Soest – terminal application and tools. "
            "Without COMMAND the terminal application starts.",
        ),
        "cli.main.db": (
            "Datenbank (sonst $SSA_TUI_DB, sonst ./db.json)",
            "database (else $SSA_TUI_DB, else ./db.json)",
        ),
        "cli.main.user": (
            "Benutzername (sonst $SSA_TUI_USER, sonst Login)",
            "user name (else $SSA_TUI_USER, else the login)",
        ),
        "cli.main.config": (
            "Einstellungsdatei (sonst $SSA_TUI_CONFIG, sonst ssa-tui.toml neben der Datenbank)",
            "settings file (else $SSA_TUI_CONFIG, else ssa-tui.toml beside the database)",
        ),
        "cli.main.read_only": ("nur lesen", "read only"),
        "cli.main.lang": ("Sprache (de, en)", "language (de, en)"),
        "cli.main.help": ("diese Hilfe zeigen und beenden", "show this help and exit"),
        "cli.main.usage": ("Aufruf: ", "usage: "),
        "cli.main.options": ("Optionen", "options"),
        "cli.main.positionals": ("Argumente", "arguments"),
        "cli.main.commands": ("Befehle", "commands"),
    }
)
