"""User-facing strings of access, erasure, consent and retention: key -> (German, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "privacy.erased_before": (
        "Diese Adresse gehörte einer Person, die am {date} gelöscht wurde – nur mit Bestätigung "
        "wieder aufnehmen.",
        "This address belonged to a person erased on {date} – take it up again only when confirmed.",
    ),
    "privacy.none": (
        "Zu „{ref}“ sind keine Daten gespeichert.",
        "No data is stored about “{ref}”.",
    ),
    "privacy.ambiguous": (
        "„{ref}“ passt zu mehreren Kontakten ({ids}) – bitte die Nummer angeben.",
        "“{ref}” fits several contacts ({ids}) – please give the number.",
    ),
    "privacy.heading": ("Auskunft nach Art. 15 DSGVO über {name}", "Access under Art. 15 GDPR about {name}"),
    "privacy.as_of": ("Stand: {date}", "As of: {date}"),
    "privacy.section.record": ("Gespeicherte Angaben", "Stored data"),
    "privacy.section.links": ("Verknüpft mit", "Linked from"),
    "privacy.section.consent": ("Einwilligungen", "Consents"),
    "privacy.section.deliveries": ("Zugestellte Newsletter", "Newsletters delivered"),
    "privacy.section.audit": ("Änderungsprotokoll", "Change log"),
    "privacy.nothing": ("(keine)", "(none)"),
    "privacy.consent_given": ("erteilt", "given"),
    "privacy.consent_withdrawn": ("widerrufen", "withdrawn"),
    "privacy.consent_line": (
        "{date}: {action} über {source} (Text {version}, erfasst von {by})",
        "{date}: {action} via {source} (text {version}, recorded by {by})",
    ),
    "privacy.erase_plan": (
        "Zu löschen: {contacts} Kontakt(e), {links} Verknüpfung(en), {texts} Textstelle(n) in anderen "
        "Datensätzen, {journal} Zustellvermerk(e), {audit} Protokolleinträge, {backups} Sicherung(en).",
        "To erase: {contacts} contact(s), {links} link(s), {texts} mention(s) in other records, "
        "{journal} delivery mark(s), {audit} log entries, {backups} backup(s).",
    ),
    "privacy.erased": ("{name} wurde gelöscht.", "{name} was erased."),
    "privacy.dry_run": ("(Probelauf – nichts gelöscht)", "(dry run – nothing erased)"),
    "privacy.manual_backups": (
        "Hinweis: {count} manuelle Sicherung(en) enthalten die Person noch: {names}",
        "Note: {count} manual backup(s) still hold the person: {names}",
    ),
    "privacy.unsubscribed": (
        "Einwilligung widerrufen für {count} Kontakt(e) mit {address}.",
        "Consent withdrawn for {count} contact(s) with {address}.",
    ),
    "privacy.unknown_address": ("Keine Kontakte mit {address}.", "No contacts with {address}."),
    "privacy.mbox_unreadable": (
        "Postfach nicht lesbar: {path} ({detail})",
        "Cannot read mailbox: {path} ({detail})",
    ),
    "privacy.retention_line": (
        "#{id} {name}: keine Einwilligung, nicht verknüpft, zuletzt geändert {date} – zur Löschung "
        "vorgeschlagen",
        "#{id} {name}: no consent, not linked, last changed {date} – proposed for erasure",
    ),
    "privacy.retention_none": (
        "Keine Kontakte zur Löschung vorgeschlagen.",
        "No contacts proposed for erasure.",
    ),
    "privacy.source.unsubscribe": ("Abmeldung", "unsubscribe"),
    "privacy.source.mbox": ("Abmelde-Antwort", "unsubscribe reply"),
    "privacy.consent_legacy": (
        "{date}: erteilt über {source} (erfasst vor dem Einwilligungsprotokoll)",
        "{date}: given via {source} (recorded before the consent log)",
    ),
    "privacy.marker": ("[gelöscht]", "[erased]"),
    "team.action.access": ("Auskunft über", "access to"),
    "team.action.erase": ("gelöscht (DSGVO)", "erased (GDPR)"),
    "cli.help.person": ("Auskunft und Löschung (DSGVO)", "Access and erasure (GDPR)"),
    "cli.help.person_export": (
        "alles über eine Person ausgeben (E-Mail oder Nummer)",
        "everything stored about a person (e-mail or number)",
    ),
    "cli.help.person_erase": (
        "eine Person überall löschen (E-Mail oder Nummer)",
        "erase a person everywhere (e-mail or number)",
    ),
    "cli.help.person_retention": (
        "Kontakte ohne Einwilligung, Verknüpfung und Änderung seit 24 Monaten",
        "contacts without consent, link or change for 24 months",
    ),
    "cli.help.unsubscribe": (
        "Einwilligung einer Adresse widerrufen (oder aus einer mbox mit Abmeldungen)",
        "withdraw the consent of an address (or from an mbox of unsubscribe replies)",
    ),
    "cli.help.dry_run": ("nur anzeigen, nichts ändern", "show only, change nothing"),
    "cli.help.format": ("Ausgabeformat", "output format"),
    "cli.help.output": ("Datei im Austauschordner", "file in the exchange folder"),
}
