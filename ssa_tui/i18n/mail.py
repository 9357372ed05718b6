"""User-facing strings of newsletters and mail: key -> (German, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "mail.template_syntax": (
        "Vorlage {file}, Zeile {line}: {message}",
        "Template {file}, line {line}: {message}",
    ),
    "mail.template_render": (
        "Vorlage {file}, Zeile {line}: {message}",
        "Template {file}, line {line}: {message}",
    ),
    "mail.template_too_big": (
        "Die Vorlage erzeugt zu viel Text (mehr als {limit} Zeichen) – abgebrochen.",
        "The template produces too much text (more than {limit} characters) – stopped.",
    ),
    "mail.template_value_too_big": (
        "Ein Wert würde zu groß (mehr als {limit} Zeichen oder Einträge) – abgebrochen.",
        "A value would grow too big (more than {limit} characters or items) – stopped.",
    ),
    "mail.template_number_too_big": (
        "Eine Zahl ist zu groß für eine Vorlage (höchstens {limit}) – abgebrochen.",
        "A number is too big for a template (at most {limit}) – stopped.",
    ),
    "mail.template_too_slow": (
        "Die Vorlage rechnet länger als {seconds} Sekunden – abgebrochen.",
        "The template runs longer than {seconds} seconds – stopped.",
    ),
    "mail.template_recursion": (
        "Die Vorlage ruft sich ohne Ende selbst auf – abgebrochen.",
        "The template calls itself without end – stopped.",
    ),
    "mail.template_unsafe": (
        "In einer Vorlage nicht erlaubt: {detail}",
        "Not allowed in a template: {detail}",
    ),
    "mail.template_memory": (
        "Die Vorlage braucht zu viel Speicher – abgebrochen.",
        "The template needs too much memory – stopped.",
    ),
    "mail.template_missing": ("Vorlage {file} fehlt ({detail}).", "Template {file} is missing ({detail})."),
    "mail.salutation": ("Guten Tag {name}", "Hello {name}"),
    "mail.salutation_plain": ("Guten Tag", "Hello"),
    "mail.no_from": (
        'Kein Absender: bitte sender = "…" unter [mail] in ssa-tui.toml eintragen '
        "oder SSA_TUI_MAIL_FROM setzen (z. B. schulsozialarbeit@kreis-soest.de).",
        'No sender: please put sender = "…" under [mail] in ssa-tui.toml '
        "or set SSA_TUI_MAIL_FROM (e.g. schulsozialarbeit@kreis-soest.de).",
    ),
    "mail.no_host": (
        'Kein SMTP-Server: bitte host = "…" unter [mail] in ssa-tui.toml eintragen oder SSA_TUI_SMTP_HOST setzen.',
        'No SMTP server: please put host = "…" under [mail] in ssa-tui.toml or set SSA_TUI_SMTP_HOST.',
    ),
    "mail.setting_in_file": ("{key} unter [mail] in {path}", "{key} under [mail] in {path}"),
    "mail.setting_unknown": (
        "Unbekannte Einstellung {key} unter [mail] in {path} – erlaubt: {keys}.",
        "Unknown setting {key} under [mail] in {path} – allowed: {keys}.",
    ),
    "mail.setting_text": (
        "Mail-Einstellung {where}: {value} ist kein einfacher Text.",
        "Mail setting {where}: {value} is not plain text.",
    ),
    "mail.setting_port": (
        "Mail-Einstellung {where}: {value} ist keine Portnummer (1–65535).",
        "Mail setting {where}: {value} is not a port number (1–65535).",
    ),
    "mail.setting_flag": (
        "Mail-Einstellung {where}: {value} – bitte true oder false (ja/nein).",
        "Mail setting {where}: {value} – please true or false (yes/no).",
    ),
    "mail.setting_sender": (
        "Mail-Einstellung {where}: {value} ist keine Absenderadresse (z. B. schulsozialarbeit@kreis-soest.de).",
        "Mail setting {where}: {value} is not a sender address (e.g. schulsozialarbeit@kreis-soest.de).",
    ),
    "mail.setting_url": (
        "Mail-Einstellung {where}: {value} ist keine Abmelde-Adresse "
        "(https://… ohne Leerzeichen, Anführungszeichen oder #).",
        "Mail setting {where}: {value} is not an unsubscribe address "
        "(https://… without spaces, quotes or #).",
    ),
    "mail.password_file_open": (
        "Passwortdatei {path} ist für andere lesbar (Rechte {mode}) – nicht verwendet. "
        "Abhilfe: chmod 600 {path}",
        "Password file {path} is readable by others (mode {mode}) – not used. Fix: chmod 600 {path}",
    ),
    "mail.password_file_unreadable": (
        "Passwortdatei {path} ist nicht lesbar: {detail}",
        "Password file {path} cannot be read: {detail}",
    ),
    "mail.address_invalid": ("keine gültige Adresse: {address}", "not a valid address: {address}"),
    "mail.address_local_not_ascii": (
        "Umlaute vor dem @ kann nicht jeder Mailserver zustellen: {address}",
        "Not every mail server delivers non-ASCII before the @: {address}",
    ),
    "mail.recipient_skipped": (
        "Empfänger übersprungen: {address} ({detail})",
        "Recipient skipped: {address} ({detail})",
    ),
    "mail.audience_problem": (
        "Newsletter #{id}: der Empfängerkreis ist nicht in Ordnung – {problems}",
        "Newsletter #{id}: the audience is not right – {problems}",
    ),
    "audience.town": (
        "Unbekannter Ort „{town}“ im Empfängerkreis – erlaubt: {towns}.",
        "Unknown town “{town}” in the audience – allowed: {towns}.",
    ),
    "audience.unknown": ("{what} #{id} gibt es nicht.", "{what} #{id} does not exist."),
    "mail.send_busy": (
        "Newsletter #{id} wird gerade von {user} versendet (seit {since}). Bitte warten, bis dieser Versand endet.",
        "Newsletter #{id} is being sent by {user} right now (since {since}). Please wait until that send ends.",
    ),
    "mail.sent_before": (
        "Schon versendet: zuerst am {at}, zuletzt an {count} Empfänger.",
        "Sent already: first on {at}, last to {count} recipients.",
    ),
    "mail.sent_round": (
        "Runde {n}: {at}, {count} Empfänger, von {user}",
        "Round {n}: {at}, {count} recipients, by {user}",
    ),
    "mail.resend": ("Erneut senden", "Send again"),
    "mail.confirm_resend": (
        "„{subject}“ noch einmal an {count} Empfänger senden (neue Runde)?",
        "Send “{subject}” again to {count} recipients (a new round)?",
    ),
    "mail.journal_failed": (
        "Versandprotokoll {path} lässt sich nicht öffnen ({detail}) – nichts versendet.",
        "Delivery journal {path} cannot be opened ({detail}) – nothing sent.",
    ),
    "mail.test_subject": ("[Test] {subject}", "[Test] {subject}"),
    "mail.test_sending": ("Testversand an {address} läuft …", "Sending test to {address} …"),
    "mail.skipped_count": (
        "{count} Empfänger übersprungen (Adresse nicht zustellbar).",
        "{count} recipients skipped (address cannot be delivered).",
    ),
    "mail.smtp_failed": ("SMTP-Fehler: {detail}", "SMTP error: {detail}"),
    "mail.recipient_refused": (
        "Empfänger abgelehnt: {address} ({detail})",
        "Recipient refused: {address} ({detail})",
    ),
    "mail.already_sent": (
        "Newsletter #{id} wurde bereits versendet ({at}). Erneut senden: mit --force "
        "oder in der Oberfläche mit „Erneut senden“.",
        "Newsletter #{id} was sent already ({at}). To send again: --force, or “Send again” in the app.",
    ),
    "mail.not_newsletter": ("Newsletter #{id} gibt es nicht.", "Newsletter #{id} does not exist."),
    "mail.summary": (
        "{sent} versendet, {skipped} schon zuvor versendet, {failed} fehlgeschlagen (von {total} Empfängern).",
        "{sent} sent, {skipped} sent before, {failed} failed (of {total} recipients).",
    ),
    "mail.dry_run": (
        "Probelauf: {total} Empfänger, nichts versendet.",
        "Dry run: {total} recipients, nothing sent.",
    ),
    "mail.rendered": ("{count} Nachrichten geschrieben nach {path}.", "{count} messages written to {path}."),
    "mail.test_sent": ("Testversand an {address} verschickt.", "Test message sent to {address}."),
    "mail.invalid_address": (
        "Ungültige Adresse übersprungen: {address}",
        "Invalid address skipped: {address}",
    ),
    "mail.recipients": ("{count} Empfänger (nur mit Einwilligung)", "{count} recipients (with consent only)"),
    "mail.preview_title": ("Vorschau: {subject}", "Preview: {subject}"),
    "mail.preview_text": ("Textfassung", "Text version"),
    "mail.preview_html": ("HTML-Fassung als Text", "HTML version as text"),
    "mail.preview_for": ("für {name} <{email}>", "for {name} <{email}>"),
    "mail.no_recipients": ("Keine Empfänger mit Einwilligung.", "No recipients with consent."),
    "mail.confirm_send": (
        "Newsletter „{subject}“ jetzt an {count} Empfänger senden?",
        "Send newsletter “{subject}” to {count} recipients now?",
    ),
    "mail.test_prompt": ("Testversand an (E-Mail-Adresse):", "Test send to (e-mail address):"),
    "mail.sending": ("Versand läuft …", "Sending …"),
    "cmd.preview": ("Vorschau", "Preview"),
    "cmd.test_send": ("Testversand", "Test send"),
    "cmd.send": ("Senden", "Send"),
    "help.preview": (
        "Newsletter-Vorschau (Text und HTML als Text)",
        "Newsletter preview (text and HTML as text)",
    ),
    "help.test_send": (
        "Newsletter als Test an eine Adresse senden",
        "Send the newsletter as a test to one address",
    ),
    "help.send": (
        "Newsletter an alle Empfänger senden (mit Rückfrage)",
        "Send the newsletter to all recipients (asks first)",
    ),
}
