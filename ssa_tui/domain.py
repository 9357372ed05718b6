"""Reference facts of the district of Soest (NRW), carried into the package.

Source: the office's reference data (towns with postal codes, NRW school types, typical
employers and funding lines). The product reads these constants, never an outside file.
"""

from __future__ import annotations

#: The 14 towns of the Kreis Soest with the postal codes that belong to each.
TOWNS: dict[str, tuple[str, ...]] = {
    "Anröchte": ("59609",),
    "Bad Sassendorf": ("59505",),
    "Ense": ("59469",),
    "Erwitte": ("59597",),
    "Geseke": ("59590",),
    "Lippetal": ("59510",),
    "Lippstadt": ("59555", "59556", "59557", "59558"),
    "Möhnesee": ("59519",),
    "Rüthen": ("59602",),
    "Soest": ("59494",),
    "Warstein": ("59581",),
    "Welver": ("59514",),
    "Werl": ("59457",),
    "Wickede (Ruhr)": ("58739",),
}

SCHOOL_TYPES: tuple[str, ...] = (
    "Grundschule",
    "Hauptschule",
    "Realschule",
    "Sekundarschule",
    "Gesamtschule",
    "Gymnasium",
    "Förderschule",
    "Berufskolleg",
    "Weiterbildungskolleg",
)

CARRIER_EXAMPLES: tuple[str, ...] = (
    "Kreis Soest",
    "Stadt Lippstadt",
    "Stadt Soest",
    "Stadt Werl",
    "Diakonie Ruhr-Hellweg",
    "Caritasverband",
    "AWO",
    "DRK",
    "Land NRW (Landesbedienstete)",
)

EVENT_KINDS: tuple[str, ...] = (
    "Fachtag",
    "Fortbildung",
    "Digitales Häppchen",
    "Vortrag",
    "Arbeitskreistreffen",
)

WEEKDAYS: tuple[str, ...] = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")


def town_for_postal_code(code: str) -> str | None:
    """The town a postal code belongs to, or None outside the district."""
    for town, codes in TOWNS.items():
        if code in codes:
            return town
    return None


#: The coordination office as it signs its mail.
OFFICE = {
    "name": "Koordinierungsstelle Schulsozialarbeit – Kreis Soest",
    "street": "Hoher Weg 1-3",
    "postal_code": "59494",
    "town": "Soest",
}


#: Funding lines of a position, as the committees' tables group them (issue 13).
FUNDING_LINES: tuple[str, ...] = (
    "Landesprogramm 2022",
    "frühere BuT-Mittel",
    "kommunal",
    "Eigenmittel des Trägers",
    "Landesbedienstete",
    "Startchancen",
    "sonstige",
)

#: Weekly hours of a full-time post when the employer is not listed with its own (TVöD: 39).
DEFAULT_FULL_TIME_HOURS = 39
