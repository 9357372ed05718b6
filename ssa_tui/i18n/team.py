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
    # team doctor: "<problem>. Abhilfe: <fix>", one line per finding.
    "team.doctor.line": ("{problem}. Abhilfe: {fix}", "{problem}. Fix: {fix}"),
    "team.doctor.clean": (
        "Keine Befunde: die Team-Einrichtung von {db} ist in Ordnung.",
        "No findings: the team set-up of {db} is sound.",
    ),
    "team.doctor.count": ("{count} Befund(e).", "{count} finding(s)."),
    "team.doctor.no_account": (
        "Dienstkonto {account} gibt es nicht (--account NAME).",
        "There is no service account {account} (--account NAME).",
    ),
    "team.doctor.unreadable": ("{path} nicht lesbar ({detail})", "Cannot read {path} ({detail})"),
    "team.doctor.db_missing": ("Datenbank {path} fehlt ({detail})", "Database {path} is missing ({detail})"),
    "team.doctor.db_missing_fix": (
        "als Dienstkonto anlegen: runuser -u KONTO -- ssa-tui --db PFAD init",
        "create it as the service account: runuser -u ACCOUNT -- ssa-tui --db PATH init",
    ),
    "team.doctor.db_group": (
        "{path} gehört der Gruppe {group}, in der {account} nicht ist",
        "{path} belongs to group {group}, which {account} is not in",
    ),
    "team.doctor.db_not_replaceable": (
        "{account} kann {path} nicht ersetzen und nicht hart verlinken: Speichern und Sicherungen "
        "schlagen fehl",
        "{account} cannot replace or hard-link {path}: saving and backups fail",
    ),
    "team.doctor.chown_fix": ("chown -R {account}:{group} {path}", "chown -R {account}:{group} {path}"),
    "team.doctor.owners": (
        "{count} Einträge neben der Datenbank gehören nicht {account}:{group}, z. B. {example}",
        "{count} entries beside the database are not owned by {account}:{group}, e.g. {example}",
    ),
    "team.doctor.file_modes": (
        "{count} Dateien neben der Datenbank haben nicht Modus 0660, z. B. {example}",
        "{count} files beside the database do not have mode 0660, e.g. {example}",
    ),
    "team.doctor.file_modes_fix": (
        "find {path} -type f -exec chmod 0660 {{}} +",
        "find {path} -type f -exec chmod 0660 {{}} +",
    ),
    "team.doctor.folder_modes": (
        "{count} Ordner haben nicht Modus 2770, z. B. {example}",
        "{count} folders do not have mode 2770, e.g. {example}",
    ),
    "team.doctor.folder_modes_fix": (
        "find {path} -type d -exec chmod 2770 {{}} +",
        "find {path} -type d -exec chmod 2770 {{}} +",
    ),
    "team.doctor.config_broken": (
        "Rollen-/Einstellungsdatei unbrauchbar: {detail}",
        "Roles/settings file unusable: {detail}",
    ),
    "team.doctor.config_broken_fix": (
        'die Datei korrigieren (TOML: [roles] name = "editor" oder "viewer")',
        'correct the file (TOML: [roles] name = "editor" or "viewer")',
    ),
    "team.doctor.config_missing": (
        "Keine Rollendatei ({path}): alle dürfen ändern",
        "No roles file ({path}): everybody may edit",
    ),
    "team.doctor.config_missing_fix": (
        "/etc/ssa-tui/ssa-tui.toml anlegen (root, 0640) und SSA_TUI_CONFIG in Schlüsseln und Cron setzen",
        "create /etc/ssa-tui/ssa-tui.toml (root, 0640) and set SSA_TUI_CONFIG in keys and cron",
    ),
    "team.doctor.config_writable": (
        "{account} kann die Rollendatei {path} ändern oder ersetzen",
        "{account} can change or replace the roles file {path}",
    ),
    "team.doctor.config_writable_fix": (
        "nach /etc/ssa-tui/ssa-tui.toml verschieben: chown root:{account}, chmod 0640, Ordner root 0750",
        "move it to /etc/ssa-tui/ssa-tui.toml: chown root:{account}, chmod 0640, folder root 0750",
    ),
    "team.doctor.config_unreadable": (
        "{account} kann die Rollendatei {path} nicht lesen",
        "{account} cannot read the roles file {path}",
    ),
    "team.doctor.config_unreadable_fix": (
        "chgrp {group} {path} && chmod 0640 {path} (und den Ordner für die Gruppe öffnen: 0750)",
        "chgrp {group} {path} && chmod 0640 {path} (and the folder for the group: 0750)",
    ),
    "team.doctor.password_file": (
        "{account} kann die Passwortdatei {path} nicht lesen (Modus {mode}, Besitzer {owner})",
        "{account} cannot read the password file {path} (mode {mode}, owner {owner})",
    ),
    "team.doctor.password_fix": (
        "chown {account}:{group} {path} && chmod 0600 {path}",
        "chown {account}:{group} {path} && chmod 0600 {path}",
    ),
    "team.doctor.sshd_unreadable": (
        "sshd -T -f {config} lief nicht: Einstellungen von sshd nicht geprüft",
        "sshd -T -f {config} did not run: sshd's settings not checked",
    ),
    "team.doctor.sshd_unreadable_fix": (
        "als root ausführen (sshd -T liest die Host-Schlüssel); sshd -t zeigt Fehler der Konfiguration",
        "run as root (sshd -T reads the host keys); sshd -t shows errors in the configuration",
    ),
    "team.doctor.client_alive": (
        "sshd: ClientAliveInterval {interval}, ClientAliveCountMax {count}: ein eingefrorener Client "
        "behält seine Sitzung",
        "sshd: ClientAliveInterval {interval}, ClientAliveCountMax {count}: a frozen client keeps its session",
    ),
    "team.doctor.client_alive_fix": (
        "in {config} (oder sshd_config.d/) ClientAliveInterval 60 und ClientAliveCountMax 3, dann sshd neu laden",
        "set ClientAliveInterval 60 and ClientAliveCountMax 3 in {config} (or sshd_config.d/), reload sshd",
    ),
    "team.doctor.keys_missing": (
        "Keine authorized_keys-Datei für {account} gefunden",
        "No authorized_keys file found for {account}",
    ),
    "team.doctor.keys_missing_fix": (
        "Schlüssel mit ssa-tui team add-key nach /etc/ssh/authorized_keys/KONTO schreiben",
        "write keys with ssa-tui team add-key to /etc/ssh/authorized_keys/ACCOUNT",
    ),
    "team.doctor.keys_unreadable_fix": ("chmod 0644 {path}", "chmod 0644 {path}"),
    "team.doctor.keys_writable": (
        "{account} kann seine Schlüsseldatei {path} ändern: wer als {account} schreibt, bekommt eine Shell",
        "{account} can change its key file {path}: whoever writes as {account} gets a shell",
    ),
    "team.doctor.keys_writable_fix": (
        "AuthorizedKeysFile /etc/ssh/authorized_keys/%u in einem Match-Block für {account}, Datei root 0644",
        "AuthorizedKeysFile /etc/ssh/authorized_keys/%u in a Match block for {account}, file root 0644",
    ),
    "team.doctor.key_line": ("{path}, Zeile {line}: {problem}", "{path}, line {line}: {problem}"),
    "team.doctor.key_line_fix": (
        "Zeile {line} von {path} durch die Ausgabe von ssa-tui team add-key ersetzen",
        "replace line {line} of {path} with the output of ssa-tui team add-key",
    ),
    "team.doctor.key_no_command": (
        "Schlüssel ohne command=: er öffnet eine Shell",
        "key without command=: it opens a shell",
    ),
    "team.doctor.key_no_restrict": (
        "Schlüssel ohne restrict: Weiterleitungen sind offen",
        "key without restrict: forwarding is open",
    ),
    "team.doctor.key_bad_command": (
        "command= startet nicht ssa-tui mit --db und --user",
        "command= does not start ssa-tui with --db and --user",
    ),
    "team.doctor.key_other_db": (
        "command= nennt eine andere Datenbank ({db})",
        "command= names another database ({db})",
    ),
    "team.doctor.key_program_writable": (
        "{account} kann das Programm {program} ändern",
        "{account} can change the program {program}",
    ),
    "team.doctor.key_no_config": (
        "command= setzt {setting} nicht: die Rollen gälten nicht",
        "command= does not set {setting}: the roles would not apply",
    ),
    "team.doctor.smtp_unreachable": (
        "SMTP-Server {host}:{port} antwortet nicht mit 220 ({detail})",
        "SMTP server {host}:{port} does not answer 220 ({detail})",
    ),
    "team.doctor.smtp_unreachable_fix": (
        "host/port in [mail] prüfen; Firewall zum Mailserver öffnen",
        "check host/port in [mail]; open the firewall to the mail server",
    ),
    "team.doctor.cron_missing": (
        "Cron-Datei {path} fehlt ({detail})",
        "Cron file {path} is missing ({detail})",
    ),
    "team.doctor.cron_fix": (
        "{path} wie im README (Team-Einrichtung, Cron) anlegen",
        "create {path} as in the README (team set-up, cron)",
    ),
    "team.doctor.cron_ignored": (
        "cron übergeht {path}: die Datei gehört nicht root oder andere dürfen schreiben",
        "cron ignores {path}: it is not owned by root or others may write it",
    ),
    "team.doctor.cron_owner_fix": (
        "chown root:root {path} && chmod 0644 {path}",
        "chown root:root {path} && chmod 0644 {path}",
    ),
    "team.doctor.cron_newline": (
        "Die letzte Zeile von {path} endet nicht mit einem Zeilenumbruch: cron übergeht sie",
        "The last line of {path} has no line break: cron ignores it",
    ),
    "team.doctor.cron_newline_fix": ("echo >> {path}", "echo >> {path}"),
    "team.doctor.cron_no_job": (
        "{path} hat keine {job}-Zeile für {account}",
        "{path} has no {job} line for {account}",
    ),
    "team.doctor.cron_no_config": (
        "{path} setzt {setting} nicht: der Import liefe ohne die Rollen",
        "{path} does not set {setting}: the import would run without the roles",
    ),
    "team.doctor.cron_role": (
        "Der Cron-Import läuft als {user}, Rolle {role}: er würde abgelehnt",
        "The cron import runs as {user}, role {role}: it would be refused",
    ),
    "team.doctor.cron_role_fix": (
        '{user} = "editor" unter [roles] eintragen',
        'add {user} = "editor" under [roles]',
    ),
    "team.doctor.backup_folder": (
        "Sicherungsordner {path} nicht lesbar ({detail})",
        "Backup folder {path} unreadable ({detail})",
    ),
    "team.doctor.backup_old": (
        "In {path} ist keine Sicherung jünger als 36 Stunden",
        "No backup in {path} is younger than 36 hours",
    ),
    "team.doctor.backup_fix": (
        "Ordner anlegen (install -d -o KONTO -g KONTO -m 2770) und die Backup-Zeile des Cron einmal ausführen",
        "create the folder (install -d -o ACCOUNT -g ACCOUNT -m 2770) and run the cron backup line once",
    ),
}
