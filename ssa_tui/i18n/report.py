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
}
