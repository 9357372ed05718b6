"""Databases as the version before schools and allocations wrote them (format 1), written raw."""

from __future__ import annotations

import random
from pathlib import Path

import orjson

TOWNS = {"Soest": "59494", "Werl": "59457", "Lippstadt": "59555", "Ense": "59469"}
OLD_FUNDING = [
    "Landesprogramm Schulsozialarbeit NRW",
    "Landesstelle (Land NRW)",
    "kommunal",
    "Träger-Eigenmittel",
    "Mischfinanzierung",
    "",
]


def write_format1_db(path: Path, positions: int, seed: int = 13) -> dict:
    """A format-1 database of ``positions`` positions and one contact; returns what was written."""
    rng = random.Random(seed)
    stamp = "2025-01-02T10:00:00+01:00"
    meta = {"id": 0, "rev": 1, "created_at": stamp, "updated_at": stamp, "updated_by": "alt"}
    table = {}
    for n in range(1, positions + 1):
        town = rng.choice(list(TOWNS))
        table[str(n)] = {
            "school": f"Schule {n}",
            "school_number": rng.choice([f"{100000 + n:06d}", f"{100000 + n:06d}", None]),
            "school_type": "Grundschule",
            "town": town,
            "street": None,
            "postal_code": TOWNS[town],
            "carrier": "AWO",
            "funding": rng.choice(OLD_FUNDING) or None,
            "hours_per_week": rng.choice([19.5, 25, 30, 39.83, 41, None]),
            "fixed_term_until": rng.choice(["2027-07-31", None]),
            "status": rng.choice(["besetzt", "vakant"]),
            "staff": None,
            "last_verified": "2026-01-15",
            "notes": rng.choice(["", "Alte Notiz"]) or None,
            **meta,
            "id": n,
        }
    data = {
        "_meta": {
            "1": {"generation": "0", "format": 1, "next_ids": {"positions": positions + 1, "contacts": 2}}
        },
        "positions": table,
        "contacts": {"1": {"name": "Anna Alt", "role": None, "newsletter_consent": False, **meta, "id": 1}},
    }
    path.write_bytes(orjson.dumps(data))
    return data
