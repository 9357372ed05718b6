"""Help texts of the command line (argparse): key -> (German, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "cli.help.force_replace": ("eine vorhandene Zieldatei ersetzen", "replace an existing target file"),
    "cli.help.check": ("Datenbank prüfen (Exit 1 bei Problemen)", "check the database (exit 1 on problems)"),
    "cli.help.backup": ("Sicherung der Datenbank schreiben", "write a backup of the database"),
    "cli.help.backup_output": (
        "Zieldatei (sonst im Ordner der Sicherungen)",
        "target file (else in the backups folder)",
    ),
    "cli.help.init": ("neue, leere Datenbank anlegen", "create a new, empty database"),
    "cli.help.newsletter": ("Newsletter rendern oder senden", "render or send a newsletter"),
    "cli.help.templates": ("verfügbare Vorlagen auflisten", "list the templates available"),
    "cli.help.render": (
        "eine .eml je Empfänger oder eine mbox schreiben",
        "write one .eml per recipient, or an mbox",
    ),
    "cli.help.render_force": ("vorhandene Dateien ersetzen", "replace existing files"),
    "cli.help.send": (
        "per SMTP senden (Einstellungen: [mail] in ssa-tui.toml, Umgebung)",
        "send by SMTP (settings: [mail] in ssa-tui.toml, environment)",
    ),
    "cli.help.send_dry_run": (
        "nur Empfänger zählen, nichts senden",
        "count the recipients only, send nothing",
    ),
    "cli.help.send_force": (
        "einen schon versendeten Newsletter erneut senden",
        "send a newsletter that was sent before again",
    ),
    "cli.help.send_to": (
        "Testversand an genau diese Adresse (nichts wird markiert)",
        "test send to exactly this address (nothing is marked)",
    ),
    "cli.help.team": ("Team-Einrichtung über SSH", "team set-up over SSH"),
    "cli.help.add_key": (
        "authorized_keys-Zeile für einen Schlüssel ausgeben",
        "print the authorized_keys line for a key",
    ),
    "cli.help.keyfile": ("öffentlicher Schlüssel (.pub)", "public key (.pub)"),
    "cli.help.doctor": (
        "Team-Einrichtung prüfen (als root): ein Befund pro Zeile mit Abhilfe",
        "check the team set-up (as root): one finding per line with its fix",
    ),
    "cli.help.doctor_account": (
        "Dienstkonto (sonst: Besitzer des Datenordners)",
        "service account (else: owner of the data folder)",
    ),
    "cli.help.audit": ("Änderungsprotokoll anzeigen", "show the audit log"),
    "cli.help.audit_user": ("nur Änderungen dieser Person", "only changes by this person"),
    "cli.help.audit_since": (
        "ab Datum (TT.MM.JJJJ oder JJJJ-MM-TT)",
        "from this date (DD.MM.YYYY or YYYY-MM-DD)",
    ),
    "cli.help.import": (
        "CSV oder xlsx importieren (gute Zeilen werden übernommen, fehlerhafte gemeldet; Exit 1 bei abgelehnten Zeilen)",
        "import CSV or xlsx (good rows are kept, bad ones reported; exit 1 when rows were refused)",
    ),
    "cli.help.import_dry_run": (
        "nur prüfen und jede Änderung auflisten, nichts speichern",
        "check only and list every change, save nothing",
    ),
    "cli.help.export": ("Tabelle exportieren", "export a table"),
    "cli.help.export_output": ("Zieldatei (sonst Standardausgabe)", "target file (else standard output)"),
    # argparse's own messages: the English text is argparse's template itself (``%(name)s`` kept).
    "cli.argparse.error": ("%(prog)s: Fehler: %(message)s\n", "%(prog)s: error: %(message)s\n"),
    "cli.argparse.argument": (
        "Argument %(argument_name)s: %(message)s",
        "argument %(argument_name)s: %(message)s",
    ),
    "cli.argparse.invalid_choice": (
        "ungültige Wahl: %(value)r (möglich: %(choices)s)",
        "invalid choice: %(value)r (choose from %(choices)s)",
    ),
    "cli.argparse.required": (
        "diese Argumente fehlen: %s",
        "the following arguments are required: %s",
    ),
    "cli.argparse.unrecognized": ("unbekannte Argumente: %s", "unrecognized arguments: %s"),
    "cli.argparse.one": ("erwartet genau einen Wert", "expected one argument"),
    "cli.argparse.at_most_one": ("erwartet höchstens einen Wert", "expected at most one argument"),
    "cli.argparse.at_least_one": ("erwartet mindestens einen Wert", "expected at least one argument"),
    "cli.argparse.n_one": ("erwartet %s Wert", "expected %s argument"),
    "cli.argparse.n_many": ("erwartet %s Werte", "expected %s arguments"),
    "cli.argparse.not_allowed": ("nicht zusammen mit Argument %s erlaubt", "not allowed with argument %s"),
    "cli.argparse.ignored": ("überzähliger Wert %r", "ignored explicit argument %r"),
    "cli.argparse.invalid_type": (
        "ungültiger Wert (%(type)s): %(value)r",
        "invalid %(type)s value: %(value)r",
    ),
    "cli.argparse.ambiguous": (
        "mehrdeutige Option: %(option)s passt zu %(matches)s",
        "ambiguous option: %(option)s could match %(matches)s",
    ),
    "cli.argparse.one_of": ("eines der Argumente %s ist nötig", "one of the arguments %s is required"),
}
