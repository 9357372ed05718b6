"""Make a large database for the benchmarks: 10,000 positions, 20,000 contacts, 6,000 schools.

.venv/bin/python bench/make_big_db.py /tmp/big.json
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from ssa_tui.domain import CARRIER_EXAMPLES, FUNDING_LINES, SCHOOL_TYPES, TOWNS
from ssa_tui.store import Repository

FIRST = [
    "Anna",
    "Bernd",
    "Claudia",
    "Deniz",
    "Elif",
    "Frank",
    "Gül",
    "Hanna",
    "Jörg",
    "Katrin",
    "Lukas",
    "Märta",
]
LAST = ["Müller", "Schmidt", "Yılmaz", "Becker", "Hoffmann", "Schäfer", "Koch", "Richter", "Klein", "Wolf"]


def build_big(
    path: Path, positions: int = 10_000, contacts: int = 20_000, schools: int = 6_000, seed: int = 7
) -> Repository:
    rng = random.Random(seed)
    repository = Repository(path, user="bench", create=True)
    towns = list(TOWNS)
    with repository.batch() as batch:
        for n in range(contacts):
            town = rng.choice(towns)
            batch.create(
                "contacts",
                {
                    "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}",
                    "role": "Schulsozialarbeit",
                    "organisation": rng.choice(CARRIER_EXAMPLES),
                    "email": f"person{n}@example.org",
                    "phone": f"02921 {rng.randint(10, 99)}-{rng.randint(1000, 9999)}",
                    "town": town,
                    "postal_code": TOWNS[town][0],
                },
            )
        for n in range(schools):
            batch.create(
                "schools",
                {
                    "school_number": f"{100000 + n:06d}",
                    "name": f"Schule {n}",
                    "school_type": rng.choice(SCHOOL_TYPES),
                    "town": rng.choice(towns),
                    "pupils": rng.randint(80, 1500),
                    "pupils_as_of": "2025-10-15",
                },
            )
        batch.create("employers", {"name": "Land NRW (Landesbedienstete)", "full_time_hours": 39.83})
        for n in range(positions):
            town = rng.choice(towns)
            hours = rng.choice([19.5, 25, 30, 39.83, 41])
            # one school, or two or three (some not in the list: the report's findings)
            numbers = rng.sample(range(100000, 100000 + schools + 200), rng.choice([1, 1, 1, 2, 3]))
            share = int(hours * 100 / len(numbers)) / 100  # rounded down: never above the hours
            batch.create(
                "positions",
                {
                    "school": f"{rng.choice(SCHOOL_TYPES)} {town} {n}",
                    "school_type": rng.choice(SCHOOL_TYPES),
                    "town": town,
                    "postal_code": TOWNS[town][0],
                    "carrier": rng.choice(CARRIER_EXAMPLES),
                    "funding": rng.choice(FUNDING_LINES),
                    "hours_per_week": hours,
                    "allocations": [{"school_number": f"{number:06d}", "hours": share} for number in numbers],
                    "contract_until": rng.choice([None, f"20{rng.randint(26, 29)}-07-31"]),
                    "status": rng.choice(["besetzt", "vakant", "ausgeschrieben"]),
                    "last_verified": f"20{rng.randint(23, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                },
            )
    return repository


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/ssa-big.json")
    if target.exists():
        sys.exit(f"{target} exists already")
    start = time.perf_counter()
    build_big(target)
    print(
        f"{target}: 10,000 positions, 20,000 contacts, 6,000 schools in {time.perf_counter() - start:.1f} s"
    )
