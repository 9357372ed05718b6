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
}
