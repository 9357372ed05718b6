"""The demo database: the office's public facts, so every screen shows something real.

Build it with ``python -m ssa_tui.demo PATH`` (the repository's ``db.json`` is made so).
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from .store import Repository
from .store.repository import OFFICE_TIME

OFFICE_HOURS = {
    "Montag": "08:00–16:00",
    "Dienstag": "07:00–16:00",
    "Mittwoch": "08:00–12:00",
    "Donnerstag": "08:00–18:00",
    "Freitag": "08:00–12:00",
}
OFFICE = {
    "organisation": "Kreis Soest – Koordinierungsstelle Schulsozialarbeit",
    "street": "Hoher Weg 1-3",
    "postal_code": "59494",
    "town": "Soest",
}


def build(path: Path, *, user: str = "demo", now: datetime | None = None) -> Repository:
    """Write the demo records into a new database at ``path``."""
    moment = now or datetime(2026, 11, 24, 9, 0, tzinfo=OFFICE_TIME)
    repository = Repository(path, user=user, create=True, clock=lambda: moment)
    with repository.batch() as batch:
        thulfaut = batch.create(
            "contacts",
            {
                "name": "Britta Thulfaut",
                "role": "Koordinierungsstelle Schulsozialarbeit",
                "email": "britta.thulfaut@kreis-soest.de",
                "phone": "02921 30-3947",
                "office_hours": OFFICE_HOURS,
                "newsletter_consent": True,
                "consent_date": "2024-01-15",
                "consent_source": "dienstlich (Koordinierungsstelle)",
                **OFFICE,
            },
        )
        groene = batch.create(
            "contacts",
            {
                "name": "Verena Gröne",
                "role": "Koordinierungsstelle Schulsozialarbeit",
                "email": "verena.groene@kreis-soest.de",
                "phone": "02921 30-2592",
                "office_hours": OFFICE_HOURS,
                "newsletter_consent": True,
                "consent_date": "2024-01-15",
                "consent_source": "dienstlich (Koordinierungsstelle)",
                **OFFICE,
            },
        )
        peters = batch.create(
            "contacts",
            {
                "name": "Patrick Peters",
                "role": "Schulsozialarbeiter",
                "organisation": "Diakonie Ruhr-Hellweg",
                "notes": "Ansprechperson des AK Schulsozialarbeit Kreis Soest.",
            },
        )
        berger = batch.create(
            "contacts",
            {
                "name": "Sonja Berger",
                "role": "Schulsozialarbeiterin",
                "town": "Lippstadt",
                "notes": "Ansprechperson AK Kollegiale Fallberatung, Raum Lippstadt.",
            },
        )
        toykun = batch.create(
            "contacts",
            {
                "name": "Sibel Toykun",
                "role": "Schulsozialarbeiterin",
                "town": "Soest",
                "notes": "Ansprechperson AK Kollegiale Fallberatung, Raum Soest.",
            },
        )
        batch.create(
            "groups",
            {
                "name": "AK Schulsozialarbeit Kreis Soest",
                "description": "Austausch und Vernetzung der Fachkräfte der Schulsozialarbeit aller Schulformen "
                "und Träger im Kreis Soest.",
                "rhythm": "etwa viermal im Jahr",
                "venue": "Kreishaus Soest oder online",
                "region": "Kreis Soest",
                "contacts": [{"contact": peters["id"], "role": "Ansprechperson"}],
                "members": [thulfaut["id"], groene["id"]],
                "open_for_new": True,
            },
        )
        batch.create(
            "groups",
            {
                "name": "AK Kollegiale Fallberatung",
                "description": "Fallberatung unter Kolleginnen und Kollegen nach einem festen Ablauf.",
                "region": "Raum Lippstadt und Raum Soest",
                "contacts": [
                    {"contact": berger["id"], "role": "Ansprechperson Raum Lippstadt"},
                    {"contact": toykun["id"], "role": "Ansprechperson Raum Soest"},
                ],
                "open_for_new": True,
            },
        )
        batch.create(
            "events",
            {
                "title": "Fachtag „Digitalisierung – (k)ein Thema für die Schulsozialarbeit?“",
                "kind": "Fachtag",
                "format": "Präsenz",
                "venue": "Haus Düsse, Bad Sassendorf-Ostinghausen",
                "speakers": "Prof. Dr. Nicole Ermel",
                "partners": "Medienzentrum Kreis Soest, Schulpsychologische Beratungsstelle",
                "participants": 50,
                "status": "durchgeführt",
                "description": "Fachtag für die Schulsozialarbeit im Kreis Soest mit Vortrag und Workshops.",
            },
        )
        transgender = batch.create(
            "events",
            {
                "title": "Transgender",
                "kind": "Vortrag",
                "start": "2022-06-20",
                "format": "digital",
                "participants": 20,
                "status": "durchgeführt",
                "description": "Digitaler Vortrag für das Netzwerk.",
            },
        )
        batch.create(
            "events",
            {
                "title": "Sexualisierte Gewalt unter Kindern und Jugendlichen",
                "kind": "Digitales Häppchen",
                "start": "2022-05-09",
                "format": "digital",
                "partners": "Kinderschutzbund – Fachberatungsstelle",
                "participants": 19,
                "status": "durchgeführt",
                "description": "Digitales Häppchen, 90 Minuten.",
            },
        )
        batch.create(
            "suggestions",
            {
                "topic": "Transgender in der Schule",
                "suggested_by": "AK Schulsozialarbeit Kreis Soest",
                "received": "2022-02-10",
                "status": "eingeplant",
                "event": transgender["id"],
            },
        )
        batch.create(
            "suggestions",
            {
                "topic": "Schulabsentismus – was hilft?",
                "suggested_by": "AK Kollegiale Fallberatung",
                "received": "2026-10-05",
                "status": "offen",
            },
        )
        positions = [
            (
                "Gesamtschule Lippstadt",
                "Gesamtschule",
                "Lippstadt",
                "59555",
                "Stadt Lippstadt",
                "kommunal",
                39.83,
                "besetzt",
                berger["id"],
                "2026-09-01",
            ),
            (
                "Sekundarschule Soest",
                "Sekundarschule",
                "Soest",
                "59494",
                "Diakonie Ruhr-Hellweg",
                "Landesprogramm Schulsozialarbeit NRW",
                19.5,
                "besetzt",
                toykun["id"],
                "2026-08-15",
            ),
            (
                "Grundschule Werl",
                "Grundschule",
                "Werl",
                "59457",
                "Caritasverband",
                "Landesprogramm Schulsozialarbeit NRW",
                19.5,
                "vakant",
                None,
                "2026-10-01",
            ),
            (
                "Realschule Warstein",
                "Realschule",
                "Warstein",
                "59581",
                "AWO",
                "Mischfinanzierung",
                30,
                "ausgeschrieben",
                None,
                "2026-11-02",
            ),
            (
                "Berufskolleg Geseke",
                "Berufskolleg",
                "Geseke",
                "59590",
                "Land NRW (Landesbedienstete)",
                "Landesstelle (Land NRW)",
                41,
                "besetzt",
                peters["id"],
                "2025-03-10",
            ),
        ]
        for school, school_type, town, code, carrier, funding, hours, status, staff, verified in positions:
            batch.create(
                "positions",
                {
                    "school": school,
                    "school_type": school_type,
                    "town": town,
                    "postal_code": code,
                    "carrier": carrier,
                    "funding": funding,
                    "hours_per_week": hours,
                    "status": status,
                    "staff": staff,
                    "last_verified": verified,
                },
            )
        batch.create(
            "newsletters",
            {
                "subject": "Neues aus dem Netzwerk Schulsozialarbeit – Winter 2026",
                "intro": "Liebe Kolleginnen und Kollegen,\nhier sind die Neuigkeiten aus dem Netzwerk der "
                "Schulsozialarbeit im Kreis Soest.",
                "sections": [
                    {
                        "title": "Themenvorschläge gesucht",
                        "body": "Welche Themen sollen wir 2027 aufgreifen? Schreiben Sie uns.",
                    },
                ],
                "audience": {},
                "template": "newsletter",
                "status": "Entwurf",
            },
        )
    return repository


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "db.json")
    if target.exists():
        sys.exit(f"{target} exists already")
    build(target)
    print(f"demo database written: {target}")
