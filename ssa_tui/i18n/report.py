"""Strings of schools, allocations, employers and the committee report: key -> (German, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    # kinds and fields
    "kind.schools": ("Schulen", "Schools"),
    "kind.schools.one": ("Schule", "School"),
    "kind.employers": ("Träger", "Employers"),
    "kind.employers.one": ("Träger", "Employer"),
    "field.schools.school_number": ("Schulnummer", "School number"),
    "field.schools.name": ("Name", "Name"),
    "field.schools.school_type": ("Schulform", "School type"),
    "field.schools.town": ("Ort", "Town"),
    "field.schools.pupils": ("Schülerzahl", "Pupils"),
    "field.schools.pupils_as_of": ("Stichtag", "Pupils as of"),
    "field.employers.name": ("Name", "Name"),
    "field.employers.full_time_hours": ("Vollzeit-Wochenstunden", "Full-time hours"),
    "field.employers.notes": ("Notizen", "Notes"),
    "field.positions.allocations": ("Schulen", "Allocations"),
    "field.positions.funding_until": ("Förderung bis", "Funding until"),
    "field.positions.contract_until": ("Vertrag bis", "Contract until"),
    # validation
    "hint.allocations": (
        "Schulnummer (Wochenstunden), mehrere mit „;“: 166234 (19,5); 166258 (19,5)",
        "School number (hours), several with “;”: 166234 (19,5); 166258 (19,5)",
    ),
    "error.allocations_format": (
        "Schulen bitte als „Schulnummer (Stunden)“ mit „;“ getrennt, z. B. 166234 (19,5); 166258 (19,5).",
        "Schools as “school number (hours)” separated by “;”, e.g. 166234 (19,5); 166258 (19,5).",
    ),
    "error.allocation_school_number": (
        "„{number}“ ist keine Schulnummer (genau 6 Ziffern).",
        "“{number}” is not a school number (exactly 6 digits).",
    ),
    "error.allocation_twice": (
        "Die Schule {number} steht zweimal in der Liste.",
        "School {number} is listed twice.",
    ),
    "error.allocation_hours": (
        "Die Stunden an der Schule {number} müssen größer als 0 sein.",
        "The hours at school {number} must be more than 0.",
    ),
    "error.allocations_total": (
        "Zusammen {total} Stunden – eine Stelle hat höchstens {max} Wochenstunden.",
        "{total} hours in all – a position has at most {max} hours a week.",
    ),
    "error.allocations_over_hours": (
        "Die Stunden an den Schulen ({total}) sind mehr als die Wochenstunden der Stelle.",
        "The hours at the schools ({total}) exceed the position's hours per week.",
    ),
    # migration of older databases
    "migrate.before": (
        "Vor der Umstellung auf Schulen und Förderlinien –",
        "Before the change to schools and funding lines –",
    ),
    # the report
    "report.unknown": ("ohne Angabe", "not given"),
    "report.title": (
        "Schulsozialarbeit im Kreis Soest – Bericht zum {date}",
        "School social work in the Kreis Soest – report as of {date}",
    ),
    "report.snapshot_note": (
        "Schnappschuss, festgehalten am {at} von {user} – unveränderlich.",
        "Snapshot, kept on {at} by {user} – unchangeable.",
    ),
    "report.totals": (
        "Gesamt: {positions} Stellen, {people} Fachkräfte, {fte} VZÄ; {schools} Schulen, davon {covered} mit Schulsozialarbeit.",
        "In all: {positions} positions, {people} people, {fte} FTE; {schools} schools, {covered} of them with school social work.",
    ),
    "report.by_town": ("Nach Ort", "By town"),
    "report.by_school_type": ("Nach Schulform", "By school type"),
    "report.by_carrier": ("Nach Träger", "By employer"),
    "report.by_funding": ("Nach Finanzierung", "By funding line"),
    "report.col.by_town": ("Ort", "Town"),
    "report.col.by_school_type": ("Schulform", "School type"),
    "report.col.by_carrier": ("Träger", "Employer"),
    "report.col.by_funding": ("Finanzierung", "Funding line"),
    "report.col.fte": ("VZÄ", "FTE"),
    "report.col.people": ("Köpfe", "People"),
    "report.col.schools": ("Schulen", "Schools"),
    "report.col.schools_covered": ("davon versorgt", "covered"),
    "report.col.pupils_per_fte": ("Schüler je VZÄ", "Pupils per FTE"),
    "report.col.school_number": ("Schulnummer", "School number"),
    "report.col.name": ("Schule", "School"),
    "report.col.town": ("Ort", "Town"),
    "report.col.position": ("Stelle", "Position"),
    "report.col.finding": ("Hinweis", "Finding"),
    "report.col.date": ("Datum", "Date"),
    "report.col.change_fte": ("VZÄ ±", "FTE ±"),
    "report.col.change_covered": ("versorgte Schulen ±", "covered schools ±"),
    "report.schools_without": ("Schulen ohne Schulsozialarbeit", "Schools without school social work"),
    "report.findings": ("Hinweise zu den Förderregeln", "Findings of the funding rules"),
    "report.ending_soon": (
        "Befristungen, die in den nächsten sechs Monaten enden",
        "Fixed terms ending within six months",
    ),
    "report.unverified": ("Seit über zwölf Monaten nicht geprüft", "Not verified for over twelve months"),
    "report.change": ("Veränderung seit dem Schnappschuss vom {date}", "Change since the snapshot of {date}"),
    "report.none": ("keine", "none"),
    # worksheets of the workbook (at most 31 characters) and the overview's figures
    "report.sheet.overview": ("Überblick", "Overview"),
    "report.sheet.by_town": ("Nach Ort", "By town"),
    "report.sheet.by_school_type": ("Nach Schulform", "By school type"),
    "report.sheet.by_carrier": ("Nach Träger", "By employer"),
    "report.sheet.by_funding": ("Nach Finanzierung", "By funding line"),
    "report.sheet.schools_without": ("Schulen ohne SSA", "Schools not covered"),
    "report.sheet.findings": ("Hinweise Förderregeln", "Funding rule findings"),
    "report.sheet.ending_soon": ("Befristungen", "Fixed terms ending"),
    "report.sheet.unverified": ("Nicht geprüft", "Not verified"),
    "report.sheet.change": ("Veränderung", "Change"),
    "report.col.figure": ("Kennzahl", "Figure"),
    "report.col.value": ("Wert", "Value"),
    "report.figure.as_of": ("Stichtag", "Reference date"),
    "report.figure.positions": ("Stellen", "Positions"),
    "report.figure.people": ("Fachkräfte", "People"),
    "report.figure.schools": ("Schulen", "Schools"),
    "report.figure.covered": ("davon mit Schulsozialarbeit", "of them with school social work"),
    "report.figure.snapshot": ("Schnappschuss", "Snapshot"),
    "report.rule.more_than_two_schools": ("an mehr als zwei Schulen", "at more than two schools"),
    "report.rule.half_time_more_than_one_school": (
        "höchstens halbe Stelle (VZÄ ≤ 0,5) an mehr als einer Schule",
        "half time or less (FTE ≤ 0.5) at more than one school",
    ),
    "report.rule.unknown_school": (
        "Schulnummer nicht in der Liste der Schulen",
        "school number not in the list of schools",
    ),
    "report.funding_until": ("Förderung bis {date}", "funding until {date}"),
    "report.contract_until": ("Vertrag bis {date}", "contract until {date}"),
    "report.never_verified": ("nie geprüft", "never verified"),
    "report.verified": ("zuletzt geprüft {date}", "last verified {date}"),
    "report.snapshot_exists": (
        "Für den {date} gibt es schon einen Schnappschuss – er bleibt unverändert.",
        "There is a snapshot of {date} already – it stays as it is.",
    ),
    # the command line
    "report.cli.help": (
        "Bericht für die Ausschüsse (VZÄ, Versorgung, Förderregeln)",
        "Report for the committees (FTE, coverage, funding rules)",
    ),
    "report.cli.as_of": ("Stichtag (sonst heute)", "reference date (default: today)"),
    "report.cli.format": (
        "Ausgabeformat (Standard: text auf dem Bildschirm; in eine Datei das Format ihrer Endung, "
        "sonst xlsx)",
        "output format (default: text on the screen; for a file the format its ending names, else xlsx)",
    ),
    "report.cli.xlsx_terminal": (
        "Eine Excel-Arbeitsmappe gehört in eine Datei: -o bericht.xlsx angeben.",
        "An Excel workbook belongs in a file: give -o report.xlsx.",
    ),
    "report.cli.output": ("Zieldatei (sonst Standardausgabe)", "target file (default: standard output)"),
    "report.cli.force": ("eine vorhandene Zieldatei ersetzen", "replace an existing target file"),
    "report.cli.snapshot": (
        "den Bericht dieses Stichtags unveränderlich festhalten",
        "keep the report of this reference date unchangeable",
    ),
    "report.cli.bad_date": (
        "Kein gültiger Stichtag: „{text}“ (TT.MM.JJJJ).",
        "Not a valid reference date: “{text}” (DD.MM.YYYY).",
    ),
    "report.cli.snapshot_taken": (
        "Schnappschuss zum {date} festgehalten.",
        "Snapshot of {date} kept.",
    ),
    "report.cli.from_snapshot": (
        "Bericht zum {date} aus dem festgehaltenen Schnappschuss.",
        "Report of {date} from the kept snapshot.",
    ),
    "report.cli.written": ("Bericht geschrieben: {path}", "Report written: {path}"),
    # the TUI tab
    "report.tab": ("Auswertung", "Report"),
    "report.tab.short": ("Ausw.", "Report"),  # the tab bar at 80 columns
}
