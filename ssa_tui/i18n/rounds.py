"""User-facing strings of verification rounds: key -> (German, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "rounds.default_name": ("Prüfrunde {date} – {carrier}", "Verification round {date} – {carrier}"),
    "rounds.all_carriers": ("alle Träger", "all employers"),
    "rounds.no_positions": (
        "Keine Stellen für Träger „{carrier}“.",
        "No positions for employer “{carrier}”.",
    ),
    "rounds.unknown": ("Prüfrunde #{id} gibt es nicht.", "Verification round #{id} does not exist."),
    "rounds.row": ("Zeile {row}", "Row {row}"),
    "rounds.no_id": (
        "Ohne Nummer oder Revision – nicht zuzuordnen.",
        "No number or revision – cannot be matched.",
    ),
    "rounds.position_gone": ("Stelle #{id} gibt es nicht mehr.", "Position #{id} no longer exists."),
    "rounds.reply_from": ("Antwort von {sender}", "Reply from {sender}"),
    "rounds.bad_token": (
        "Ohne gültige Referenz (Token fehlt oder ist gefälscht) – nichts übernommen.",
        "No valid reference (token missing or forged) – nothing taken over.",
    ),
    "rounds.not_holder": (
        "Absender {sender} ist nicht die Fachkraft der Stelle – nichts übernommen.",
        "Sender {sender} is not the position's holder – nothing taken over.",
    ),
    "rounds.mail_subject": (
        "Bitte prüfen: Ihre Stelle an der {school}",
        "Please check: your position at {school}",
    ),
    "rounds.mail_subject_reminder": (
        "Erinnerung – bitte prüfen: Ihre Stelle an der {school}",
        "Reminder – please check: your position at {school}",
    ),
    "rounds.mail_greeting": ("Guten Tag {name},", "Dear {name},"),
    "rounds.mail_intro": (
        "die Koordinierungsstelle prüft ihr Verzeichnis der Stellen. Bitte antworten Sie auf diese "
        "Mail: ändern Sie, was nicht mehr stimmt, nur zwischen den Markierungen, und lassen Sie die "
        "Referenz stehen.",
        "the coordination office is checking its register of positions. Please reply to this mail: "
        "change what is no longer right, only between the markers, and keep the reference.",
    ),
    "rounds.mail_reminder": (
        "wir haben Ihnen vor einiger Zeit Ihre Angaben zur Prüfung geschickt und noch keine Antwort "
        "erhalten. Bitte antworten Sie auf diese Mail und lassen Sie die Referenz stehen.",
        "we sent you your data to check a while ago and have not had an answer yet. Please reply to "
        "this mail and keep the reference.",
    ),
    "rounds.mail_reference": ("Referenz: {token}", "Reference: {token}"),
    "rounds.change": (
        "{source}, Stelle #{id}, {field}: {stored} → {answered}",
        "{source}, position #{id}, {field}: {stored} → {answered}",
    ),
    "rounds.conflict": (
        "{source}, Stelle #{id}, {field}: Konflikt – gespeichert „{stored}“ (inzwischen geändert), Antwort „{answered}“",
        "{source}, position #{id}, {field}: conflict – stored “{stored}” (changed meanwhile), answer “{answered}”",
    ),
    "rounds.confirmed": (
        "{source}, Stelle #{id}: bestätigt, unverändert.",
        "{source}, position #{id}: confirmed, unchanged.",
    ),
    "rounds.applied": ("{source}, Stelle #{id}: übernommen.", "{source}, position #{id}: taken over."),
    "rounds.flag": ("{source}: {flag}", "{source}: {flag}"),
    "rounds.started": (
        "Prüfrunde #{id} begonnen: {count} Stellen, Tabellen im Austauschordner: {files}",
        "Verification round #{id} started: {count} positions, sheets in the exchange folder: {files}",
    ),
    "rounds.progress": (
        "Prüfrunde #{id}: {offen} offen, {beantwortet} beantwortet, {übernommen} übernommen, {erinnert} erinnert",
        "Verification round #{id}: {offen} open, {beantwortet} answered, {übernommen} taken over, {erinnert} reminded",
    ),
    "rounds.mails_written": (
        "{count} Mails im Austauschordner geschrieben.",
        "{count} mails written to the exchange folder.",
    ),
    "rounds.no_sender": (
        "Absender fehlt: --from ADRESSE oder SSA_TUI_MAIL_FROM angeben.",
        "Sender missing: give --from ADDRESS or SSA_TUI_MAIL_FROM.",
    ),
    "rounds.email_label": ("E-Mail der Fachkraft", "Holder's e-mail"),
    "rounds.email_pending": (
        "Neue E-Mail-Adresse {address}: wird erst nach Bestätigung von dort übernommen (Bestätigungsmail "
        "im Austauschordner).",
        "New e-mail address {address}: taken only once confirmed from there (confirmation mail in the "
        "exchange folder).",
    ),
    "rounds.confirm_subject": ("Bitte bestätigen: neue E-Mail-Adresse", "Please confirm: new e-mail address"),
    "rounds.confirm_body": (
        "Guten Tag {name},\n\nals neue Adresse für {old} wurde uns {new} genannt. Bitte antworten Sie "
        "von dieser Adresse auf diese Mail und lassen Sie die Referenz stehen.",
        "Dear {name},\n\nwe were told {new} as the new address for {old}. Please reply to this mail "
        "from that address and keep the reference.",
    ),
    "cli.help.round": ("Prüfrunden: Stellen bei Trägern und Fachkräften abfragen", "Verification rounds"),
    "cli.help.round_start": (
        "Prüfrunde beginnen (alle oder ein Träger)",
        "start a round (all or one employer)",
    ),
    "cli.help.round_format": (
        "Format der Tabellen: xlsx (Standard, für Excel und Calc) oder csv (für Skripte)",
        "format of the sheets: xlsx (default, for Excel and Calc) or csv (for scripts)",
    ),
    "rounds.sheet_name": ("Prüfrunde", "Verification round"),
    "cli.help.round_import": ("ausgefüllte Tabelle zurücklesen", "read back a filled-in sheet"),
    "cli.help.round_mail": ("Mails an die Fachkräfte schreiben (.eml)", "write mails to the holders (.eml)"),
    "cli.help.round_replies": ("Antworten (.eml oder mbox) lesen", "read replies (.eml or mbox)"),
    "cli.help.round_status": ("Stand der Prüfrunde", "progress of the round"),
    "cli.help.accept": (
        "Felder übernehmen (Feldnamen, mit Komma; * für alle)",
        "fields to take over (field names, comma-separated; * for all)",
    ),
    "rounds.cmd.start": ("Neue Runde", "New round"),
    "rounds.cmd.sheet": ("Tabelle lesen", "Read sheet"),
    "rounds.cmd.replies": ("Antworten lesen", "Read replies"),
    "rounds.cmd.mails": ("Mails schreiben", "Write mails"),
    "rounds.cmd.remind": ("Erinnern", "Remind"),
    "rounds.cmd.accept": ("Übernehmen", "Take over"),
    "rounds.cmd.open": ("Prüfrunden", "Rounds"),
    "rounds.help.open": (
        "Prüfrunden: Stellen bei Trägern und Fachkräften abfragen",
        "Verification rounds: ask employers and holders again",
    ),
    "rounds.ask_carrier": (
        "Prüfrunde für welchen Träger? (leer: alle Träger)",
        "Round for which employer? (empty: all employers)",
    ),
    "rounds.none": ("Noch keine Prüfrunde – „n“ beginnt eine.", "No round yet – “n” starts one."),
    "rounds.tick_hint": (
        "Leertaste wählt ein Feld, Strg+S übernimmt die gewählten.",
        "Space ticks a field, Ctrl+S takes over the ticked ones.",
    ),
}
