"""Messages of the settings file, the store's files and its checks: key -> (German, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    # settings file (ssa_tui/store/config.py)
    "config.missing": (
        "Einstellungsdatei {path} nicht gefunden (angegeben mit --config oder $SSA_TUI_CONFIG).",
        "Settings file {path} not found (given with --config or $SSA_TUI_CONFIG).",
    ),
    "config.syntax": (
        "Einstellungsdatei {path} ist kein gültiges TOML: {detail}",
        "Settings file {path} is not valid TOML: {detail}",
    ),
    "config.encoding": (
        "Einstellungsdatei {path} ist nicht in UTF-8 geschrieben.",
        "Settings file {path} is not written in UTF-8.",
    ),
    "config.unreadable": (
        "Einstellungsdatei {path} ist nicht lesbar: {detail}",
        "Settings file {path} cannot be read: {detail}",
    ),
    "config.invalid": ("Einstellungsdatei {path}: {problem}", "Settings file {path}: {problem}"),
    "config.unknown_table": (
        "unbekannter Abschnitt [{name}] – erlaubt sind {tables}.",
        "unknown section [{name}] – allowed are {tables}.",
    ),
    "config.not_a_table": (
        '„{name}“ muss ein Abschnitt sein ([{name}] mit Zeilen wie name = "…"), kein einzelner Wert.',
        '“{name}” must be a section ([{name}] with lines like name = "…"), not a single value.',
    ),
    "config.bad_role": (
        "[roles] {user} = {role}: diese Rolle gibt es nicht – erlaubt: {roles}.",
        "[roles] {user} = {role}: no such role – allowed: {roles}.",
    ),
    "config.bad_email": (
        "[emails] {user} = {address}: keine gültige E-Mail-Adresse.",
        "[emails] {user} = {address}: not a valid e-mail address.",
    ),
    "config.unprotected": (
        "Einstellungsdatei {path} ist nicht geschützt: {place} ist für das Konto {account} beschreibbar, "
        "so könnte jede Person, die als {account} schreibt, ihre Rolle ändern. Abhilfe: "
        "sudo install -D -o root -g root -m 644 {path} /etc/ssa-tui/ssa-tui.toml und "
        "--config /etc/ssa-tui/ssa-tui.toml angeben (oder $SSA_TUI_CONFIG).",
        "Settings file {path} is not protected: {place} is writable for the account {account}, so "
        "anyone who writes as {account} could change their role. Fix: "
        "sudo install -D -o root -g root -m 644 {path} /etc/ssa-tui/ssa-tui.toml and give "
        "--config /etc/ssa-tui/ssa-tui.toml (or $SSA_TUI_CONFIG).",
    ),
    # roles
    "store.read_only_role": (
        "Nur Lesezugriff für {user} (Rolle: {role}) – Änderungen sind nicht erlaubt.",
        "Read-only access for {user} (role: {role}) – changes are not allowed.",
    ),
    "store.read_only_unlisted": (
        "Nur Lesezugriff für {user} (Rolle: viewer, nicht unter [roles] in {path} eingetragen) – "
        "Änderungen sind nicht erlaubt.",
        "Read-only access for {user} (role: viewer, not listed under [roles] in {path}) – "
        "changes are not allowed.",
    ),
    "store.read_only_option": (
        "Nur Lesezugriff für {user} (Rolle: viewer, --read-only) – Änderungen sind nicht erlaubt.",
        "Read-only access for {user} (role: viewer, --read-only) – changes are not allowed.",
    ),
    # the database file and its side files (ssa_tui/store/storage.py, audit.py)
    "store.bad_lock_timeout": (
        "{name}={value!r} ist keine gültige Wartezeit – bitte Sekunden als Zahl ab 0 angeben (z. B. 10).",
        "{name}={value!r} is not a valid waiting time – give seconds as a number from 0 (e.g. 10).",
    ),
    "store.json_error": (
        "JSON-Fehler: {msg}, Zeile {line}, Spalte {column}",
        "JSON error: {msg}, line {line}, column {column}",
    ),
    "store.shape_not_tables": ("kein Objekt aus Tabellen", "not an object of tables"),
    "store.shape_table": ("Tabelle „{table}“ ist kein Objekt", "table “{table}” is not an object"),
    "store.shape_record": (
        "Tabelle „{table}“ hat einen fehlerhaften Datensatz „{key}“",
        "table “{table}” has a malformed record “{key}”",
    ),
    "store.shape_id": (
        "Tabelle „{table}“, Datensatz „{key}“: id ist {id} statt {key}",
        "table “{table}”, record “{key}”: id is {id} instead of {key}",
    ),
    "store.shape_rev": (
        "Tabelle „{table}“, Datensatz „{key}“: rev ist {rev} statt einer ganzen Zahl ab 1",
        "table “{table}”, record “{key}”: rev is {rev} instead of a whole number from 1",
    ),
    "store.shape_meta": (
        "Tabelle „{table}“ hat nicht die erwartete Form (Datensatz 1 mit generation, format, next_ids)",
        "table “{table}” does not have the expected shape (record 1 with generation, format, next_ids)",
    ),
    "store.stale_write": (
        "Datenbank {path} wurde seit dem Lesen von einem anderen Vorgang geändert; nichts wurde überschrieben.",
        "Database {path} was changed by another process since it was read; nothing was overwritten.",
    ),
    "store.write_refused_shape": (
        "Nicht gespeichert, die Datenbank hätte danach eine fehlerhafte Form: {detail}.",
        "Not saved, the database would have a broken shape afterwards: {detail}.",
    ),
    "store.unencodable": (
        "Nicht gespeichert: ein Wert lässt sich nicht speichern ({detail}); die Datenbank ist unverändert.",
        "Not saved: a value cannot be stored ({detail}); the database is unchanged.",
    ),
    "store.write_failed_file": (
        "Speichern fehlgeschlagen bei {path}: {detail}. Die Datenbank ist unverändert.",
        "Saving failed at {path}: {detail}. The database is unchanged.",
    ),
    "store.lock_failed": (
        "Sperrdatei {path} lässt sich nicht öffnen: {detail}",
        "Lock file {path} cannot be opened: {detail}",
    ),
    "store.audit_failed": (
        "Änderungsprotokoll {path} lässt sich nicht schreiben ({detail}); die Änderung wurde nicht "
        "gespeichert, die Datenbank ist unverändert.",
        "Audit log {path} cannot be written ({detail}); the change was not saved, the database is unchanged.",
    ),
    "store.audit_unreadable": (
        "Änderungsprotokoll {path} ist nicht lesbar: {detail}",
        "Audit log {path} cannot be read: {detail}",
    ),
    # ssa-tui check: the files beside the database
    "store.check_cannot_replace": (
        "Datenbank {path} kann vom Konto {account} nicht ersetzt werden (Ordner {folder} nicht beschreibbar): "
        "Änderungen schlagen fehl. Abhilfe: sudo chown {account} {folder} && sudo chmod 2770 {folder}",
        "Database {path} cannot be replaced by the account {account} (folder {folder} not writable): "
        "changes will fail. Fix: sudo chown {account} {folder} && sudo chmod 2770 {folder}",
    ),
    "store.check_cannot_link": (
        "Datenbank {path} gehört nicht dem Konto {account}: Sicherungen müssen kopiert statt verlinkt "
        "werden. Abhilfe: sudo chown {account} {path} && sudo chmod 660 {path}",
        "Database {path} does not belong to the account {account}: backups must be copied instead of "
        "linked. Fix: sudo chown {account} {path} && sudo chmod 660 {path}",
    ),
    "store.check_side_unwritable": (
        "{path} ist für das Konto {account} nicht beschreibbar: Änderungen schlagen fehl. "
        "Abhilfe: sudo chown -R {account} {path} (Dateien 660, Ordner 2770)",
        "{path} is not writable for the account {account}: changes will fail. "
        "Fix: sudo chown -R {account} {path} (files 660, folders 2770)",
    ),
    "cli.check_mail_hint": (
        "Hinweis zum Newsletter-Versand: {problem}",
        "Note on sending newsletters: {problem}",
    ),
}
