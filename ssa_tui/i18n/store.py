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
}
