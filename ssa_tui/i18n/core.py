"""Messages of validation, storage and the command line: key -> (German, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    # validation
    "error.required": ("Pflichtfeld – bitte ausfüllen.", "Required – please fill in."),
    "error.too_long": ("Zu lang: höchstens {max} Zeichen.", "Too long: at most {max} characters."),
    "error.control_chars": (
        "Enthält Steuerzeichen, die nicht erlaubt sind.",
        "Contains control characters that are not allowed.",
    ),
    "error.invisible": (
        "Enthält unsichtbare Zeichen (Null-Breite, Zeilentrenner oder Schreibrichtungs-Steuerung) "
        "– bitte entfernen.",
        "Contains invisible characters (zero-width, line separators or direction controls) – please remove them.",
    ),
    "error.not_text": ("Ungültiger Wert: hier gehört Text hin.", "Invalid value: text expected here."),
    "error.choice": ("Ungültiger Wert – erlaubt: {choices}.", "Invalid value – allowed: {choices}."),
    "error.date": ("Kein gültiges Datum (TT.MM.JJJJ).", "Not a valid date (DD.MM.YYYY)."),
    "error.datetime": (
        "Kein gültiger Zeitpunkt (TT.MM.JJJJ HH:MM).",
        "Not a valid date and time (DD.MM.YYYY HH:MM).",
    ),
    "error.year": (
        "Das Jahr muss zwischen {low} und {high} liegen.",
        "The year must be between {low} and {high}.",
    ),
    "error.number": ("Keine gültige Zahl.", "Not a valid number."),
    "error.integer": ("Keine ganze Zahl.", "Not a whole number."),
    "error.range": ("Muss zwischen {low} und {high} liegen.", "Must be between {low} and {high}."),
    "error.hours": (
        "Wochenstunden müssen größer als 0 und höchstens 41 sein.",
        "Hours per week must be more than 0 and at most 41.",
    ),
    "error.places": ("Höchstens {places} Nachkommastellen.", "At most {places} decimal places."),
    "error.bool": ("Bitte ja oder nein angeben.", "Please answer yes or no."),
    "error.email": ("Keine gültige E-Mail-Adresse.", "Not a valid e-mail address."),
    "error.email_local_ascii": (
        "Vor dem @ sind Umlaute und Akzente nicht möglich – solche Adressen lassen sich nicht "
        "zuverlässig zustellen.",
        "No umlauts or accents before the @ – such addresses cannot be delivered reliably.",
    ),
    "error.phone": (
        "Keine gültige deutsche Telefonnummer (z. B. 02921 30-3947).",
        "Not a valid German phone number (e.g. 02921 30-3947).",
    ),
    "error.school_number": (
        "Die Schulnummer in NRW hat genau 6 Ziffern.",
        "An NRW school number has exactly 6 digits.",
    ),
    "error.postal_code": ("Postleitzahl hat 5 Ziffern.", "A postal code has 5 digits."),
    "error.postal_code_town": (
        "Die Postleitzahl {code} gehört nicht zu {town} (erlaubt: {codes}).",
        "Postal code {code} does not belong to {town} (allowed: {codes}).",
    ),
    "error.town": (
        "Kein Ort im Kreis Soest – erlaubt: {choices}.",
        "Not a town of the Kreis Soest – allowed: {choices}.",
    ),
    "error.link": (
        "Verweist auf einen Datensatz, den es nicht gibt ({ref}).",
        "Links to a record that does not exist ({ref}).",
    ),
    "error.link_format": ("Ungültiger Verweis.", "Invalid link."),
    "error.link_unknown": ("{kind} „{ref}“ nicht gefunden.", "{kind} “{ref}” not found."),
    "error.link_ambiguous": (
        "„{ref}“ passt auf mehrere: {candidates} – bitte mit „(#ID)“ angeben.",
        "“{ref}” fits several: {candidates} – please add “(#ID)”.",
    ),
    "error.too_many": ("Zu viele Einträge: höchstens {max}.", "Too many entries: at most {max}."),
    "error.role": (
        "Eine Rolle steht in einer Zeile, ohne „|“.",
        "A role is one line, without “|”.",
    ),
    "error.sections": (
        "Abschnitte als „## Titel“ mit dem Text darunter.",
        "Sections as “## Title” with their text below.",
    ),
    "error.system_data": ("Ungültige Systemdaten.", "Invalid system data."),
    "error.vacant_with_staff": (
        "Eine vakante Stelle hat keine Fachkraft – Feld leeren oder Status ändern.",
        "A vacant position has no staff – clear the field or change the status.",
    ),
    "error.end_before_start": ("Das Ende liegt vor dem Beginn.", "The end is before the start."),
    "error.unique": ("„{value}“ gibt es schon.", "“{value}” exists already."),
    "error.office_hours": (
        "Sprechzeiten je Wochentag, z. B. „Montag: 08:00–16:00“.",
        "Office hours per weekday, e.g. “Montag: 08:00–16:00”.",
    ),
    "error.consent_date": (
        "Mit Einwilligung bitte auch das Datum der Einwilligung angeben.",
        "With consent, please give the date of consent too.",
    ),
    "error.audience": (
        "Filter als „schlüssel=wert,wert; …“ mit den Schlüsseln {keys}.",
        "Filter as “key=value,value; …” with the keys {keys}.",
    ),
    "error.unknown_field": ("Unbekanntes Feld.", "Unknown field."),
    "error.planned_needs_event": (
        "„eingeplant“ braucht eine verknüpfte Veranstaltung.",
        "“eingeplant” needs a linked event.",
    ),
    # storage
    "store.missing": (
        "Datenbank {path} nicht gefunden. Mit --db einen Pfad angeben oder `ssa-tui init` ausführen.",
        "Database {path} not found. Give a path with --db or run `ssa-tui init`.",
    ),
    "store.corrupt": (
        "Datenbank {path} ist beschädigt ({detail}). Sie wurde nicht verändert; "
        "Sicherungen liegen in {backups}.",
        "Database {path} is corrupt ({detail}). It was left unchanged; backups are in {backups}.",
    ),
    "store.unreadable": (
        "Datenbank {path} ist nicht lesbar: {detail}",
        "Database {path} cannot be read: {detail}",
    ),
    "store.locked": (
        "Datenbank {path} ist seit {seconds} s von einem anderen Vorgang gesperrt – bitte später erneut versuchen.",
        "Database {path} has been locked by another process for {seconds} s – please try again later.",
    ),
    "store.read_only": (
        "Nur Lesezugriff – Änderungen sind nicht erlaubt.",
        "Read-only access – changes are not allowed.",
    ),
    "store.conflict": (
        "{kind} #{id} wurde inzwischen von {user} geändert (Version {theirs}, Ihre Vorlage: {yours}). "
        "Nichts wurde überschrieben.",
        "{kind} #{id} was changed meanwhile by {user} (revision {theirs}, yours: {yours}). "
        "Nothing was overwritten.",
    ),
    "store.gone": (
        "{kind} #{id} wurde inzwischen gelöscht.",
        "{kind} #{id} has been deleted meanwhile.",
    ),
    "store.not_found": ("{kind} #{id} gibt es nicht.", "{kind} #{id} does not exist."),
    "store.linked": (
        "{kind} #{id} wird noch verwendet von: {where}.",
        "{kind} #{id} is still linked from: {where}.",
    ),
    "store.invalid": ("Ungültige Eingaben: {problems}", "Invalid input: {problems}"),
    # command line
    "cli.check_ok": ("Datenbank in Ordnung: {counts}.", "Database is fine: {counts}."),
    "cli.check_problem": ("{kind} #{id}, Feld {field}: {message}", "{kind} #{id}, field {field}: {message}"),
    "cli.check_failed": ("{count} Problem(e) gefunden.", "{count} problem(s) found."),
    "cli.backup_done": ("Sicherung geschrieben: {path}", "Backup written: {path}"),
    "cli.unknown_kind": (
        "Unbekannte Art: {kind} (erlaubt: {choices}).",
        "Unknown kind: {kind} (allowed: {choices}).",
    ),
    "cli.format_not_for_kind": (
        "Format {format} gibt es nur für {kinds}.",
        "Format {format} is only available for {kinds}.",
    ),
    "cli.init_done": ("Neue leere Datenbank angelegt: {path}", "Created a new empty database: {path}"),
    "cli.init_exists": (
        "{path} gibt es schon – nichts verändert.",
        "{path} exists already – nothing changed.",
    ),
    "cli.no_terminal": (
        "ssa-tui braucht ein Terminal (bei SSH: ssh -t). Für Skripte: ssa-tui --help.",
        "ssa-tui needs a terminal (over SSH: ssh -t). For scripts: ssa-tui --help.",
    ),
    # how to type structured values (shown under the field)
    "hint.rolelinks": (
        "Je Zeile: Name oder ID: Rolle, z. B. „Hans Müller: Ansprechperson Raum Lippstadt“",
        "One per line: name or ID: role, e.g. “Hans Müller: contact person”",
    ),
    "hint.office_hours": (
        "Je Zeile: Wochentag: Zeiten, z. B. „Montag: 08:00–16:00“",
        "One per line: weekday: times, e.g. “Montag: 08:00–16:00”",
    ),
    "hint.sections": (
        "„## Titel“ beginnt einen Abschnitt, darunter der Text",
        "“## Title” starts a section, its text below",
    ),
    "hint.audience": (
        "Leer: alle mit Einwilligung. Sonst z. B. „town=Soest,Werl; group=1; role=Schulsozialarbeit“",
        "Empty: everyone with consent. Else e.g. “town=Soest,Werl; group=1; role=school social work”",
    ),
    # yes / no
    "bool.yes": ("ja", "yes"),
    "bool.no": ("nein", "no"),
}
