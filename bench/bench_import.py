"""Importing 20,000 contacts from CSV into an empty database, then the same file again (all
matched, unchanged), then with one changed field per row: total time, peak memory (tracemalloc,
Python objects) and the time the write lock is held — as ratios.

Goals (issue 10): lock held ≤ 10 % of the import; peak memory ≤ 4× the CSV's size.

    .venv/bin/python bench/bench_import.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from ssa_tui.exchange.exporter import export_csv
from ssa_tui.exchange.importer import import_file
from ssa_tui.store import Repository

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_big_db import build_big  # noqa: E402

CONTACTS = 20_000


def fresh(folder: Path, start_from: Path | None, name: str) -> Repository:
    """A database to import into: empty, or a copy of ``start_from``."""
    path = folder / f"{name}.json"
    if start_from is None:
        return Repository(path, user="bench", create=True)
    shutil.copyfile(start_from, path)
    return Repository(path, user="bench")


def measure(label: str, folder: Path, start_from: Path | None, csv_file: Path) -> None:
    """Time and lock time of one run without tracing; peak memory of a second, traced run."""
    repository = fresh(folder, start_from, f"{label}-timed")
    start = time.perf_counter()
    report = import_file(repository, "contacts", csv_file)
    total = time.perf_counter() - start
    assert not report.refused, report.lines()[:5]
    repository = fresh(folder, start_from, f"{label}-traced")
    tracemalloc.start()
    import_file(repository, "contacts", csv_file)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    size = csv_file.stat().st_size
    print(
        f"{label:<32} {total:6.2f} s  lock {report.lock_seconds:5.2f} s = {report.lock_seconds / total:5.1%}"
        f"  peak {peak / 2**20:6.1f} MiB = {peak / size:4.1f}x CSV ({size / 2**20:.1f} MiB)  {report.summary()}"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = build_big(folder / "source.json", positions=0, contacts=CONTACTS)
        records = source.records("contacts")
        csv_file = folder / "contacts.csv"
        title = source.title
        csv_file.write_text(export_csv("contacts", [{**r, "id": ""} for r in records], title), "utf-8")
        changed = folder / "changed.csv"
        changed.write_text(
            export_csv("contacts", [{**r, "id": "", "role": "Beratung"} for r in records], title), "utf-8"
        )
        imported = fresh(folder, None, "imported")
        import_file(imported, "contacts", csv_file)
        print(f"import of {CONTACTS:,} contacts (CSV, one atomic write):")
        measure("new (empty database)", folder, None, csv_file)
        measure("again (all matched, unchanged)", folder, imported.path, csv_file)
        measure("one field changed in every row", folder, imported.path, changed)


if __name__ == "__main__":
    main()
