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
    "mail.template_unsafe": ("In einer Vorlage nicht erlaubt: {detail}", "Not allowed in a template: {detail}"),
    "mail.template_memory": (
        "Die Vorlage braucht zu viel Speicher – abgebrochen.",
        "The template needs too much memory – stopped.",
    ),
    "mail.template_missing": ("Vorlage {file} fehlt ({detail}).", "Template {file} is missing ({detail})."),
    "mail.salutation": ("Guten Tag {name}", "Hello {name}"),
    "mail.salutation_plain": ("Guten Tag", "Hello"),
    "mail.no_from": (
        "Kein Absender: bitte SSA_TUI_MAIL_FROM setzen (z. B. schulsozialarbeit@kreis-soest.de).",
        "No sender: please set SSA_TUI_MAIL_FROM (e.g. schulsozialarbeit@kreis-soest.de).",
    ),
    "mail.no_host": (
        "Kein SMTP-Server: bitte SSA_TUI_SMTP_HOST setzen.",
        "No SMTP server: please set SSA_TUI_SMTP_HOST.",
    ),
    "mail.smtp_failed": ("SMTP-Fehler: {detail}", "SMTP error: {detail}"),
    "mail.recipient_refused": (
        "Empfänger abgelehnt: {address} ({detail})",
        "Recipient refused: {address} ({detail})",
    ),
    "mail.already_sent": (
        "Newsletter #{id} wurde bereits versendet ({at}). Erneut senden nur mit --force.",
        "Newsletter #{id} was sent already ({at}). Send again only with --force.",
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
