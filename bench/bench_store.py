"""One save (lock + re-read check + validate + atomic write + fsync + backup link + audit) against
a raw TinyDB update of the same record in a file of the same size. Ratios, same run.

    .venv/bin/python bench/bench_store.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from tinydb import TinyDB

from ssa_tui.store import Repository


def contact(n: int) -> dict:
    return {
        "name": f"Kontakt {n}",
        "role": "Schulsozialarbeit",
        "organisation": "Diakonie Ruhr-Hellweg",
        "email": f"kontakt{n}@example.org",
        "phone": "02921 30-3947",
        "street": "Hoher Weg 1-3",
        "postal_code": "59494",
        "town": "Soest",
        "office_hours": {"Montag": "08:00–16:00", "Dienstag": "07:00–16:00"},
        "newsletter_consent": True,
        "consent_date": "2024-01-15",
        "notes": "Notiz " * 10,
    }


def timed(action, rounds: int) -> float:
    """Median seconds of ``action(i)`` over ``rounds`` calls."""
    samples = []
    for i in range(rounds):
        start = time.perf_counter()
        action(i)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def measure(size: int, rounds: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        raw_path, our_path = Path(folder, "raw.json"), Path(folder, "ours.json")
        repository = Repository(our_path, user="bench", create=True)
        with repository.batch() as batch:
            for n in range(size):
                batch.create("contacts", contact(n))
        raw = TinyDB(raw_path)
        raw.table("contacts").insert_multiple(repository.records("contacts"))
        table = raw.table("contacts")

        def raw_update(i: int) -> None:
            table.update({"notes": f"raw {i}"}, doc_ids=[1 + i % size])

        def our_save(i: int) -> None:
            record = repository.get("contacts", 1 + i % size)
            repository.update("contacts", record["id"], {"notes": f"ours {i}"}, expected_rev=record["rev"])

        return timed(raw_update, rounds), timed(our_save, rounds)


def main() -> None:
    print("records  raw TinyDB update  ssa-tui save  ratio (goal <= 2.0)")
    for size, rounds in ((500, 200), (5000, 60)):
        raw, ours = measure(size, rounds)
        print(f"{size:7d}  {raw * 1000:14.2f} ms  {ours * 1000:9.2f} ms  {ours / raw:5.2f}x")


if __name__ == "__main__":
    main()
