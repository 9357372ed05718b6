"""Make a large database for the benchmarks: 10,000 positions and 20,000 contacts.

.venv/bin/python bench/make_big_db.py /tmp/big.json
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from ssa_tui.domain import CARRIER_EXAMPLES, FUNDING_EXAMPLES, SCHOOL_TYPES, TOWNS
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


def build_big(path: Path, positions: int = 10_000, contacts: int = 20_000, seed: int = 7) -> Repository:
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
        for n in range(positions):
            town = rng.choice(towns)
            batch.create(
                "positions",
                {
                    "school": f"{rng.choice(SCHOOL_TYPES)} {town} {n}",
                    "school_type": rng.choice(SCHOOL_TYPES),
                    "town": town,
                    "postal_code": TOWNS[town][0],
                    "carrier": rng.choice(CARRIER_EXAMPLES),
                    "funding": rng.choice(FUNDING_EXAMPLES),
                    "hours_per_week": rng.choice([19.5, 25, 30, 39.83, 41]),
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
    print(f"{target}: 10,000 positions, 20,000 contacts in {time.perf_counter() - start:.1f} s")
