"""xlsx against CSV for 10,000 positions: export (write the file) and import (into an empty
database): time and peak memory (tracemalloc, Python objects), xlsx as a ratio of CSV.

    .venv/bin/python bench/bench_xlsx.py
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from ssa_tui.exchange.importer import import_file
from ssa_tui.services.exchange import export_to_path
from ssa_tui.store import Repository

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_big_db import build_big  # noqa: E402

POSITIONS = 10_000


def measure(make_work: Callable[[str], Callable[[], object]]) -> tuple[float, int]:
    """Seconds of one run without tracing, peak bytes of a second, traced run (tracing slows)."""
    work = make_work("timed")
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    work = make_work("traced")
    tracemalloc.start()
    work()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = build_big(Path(folder, "source.json"), positions=POSITIONS, contacts=0)
        figures = {}
        for fmt in ("csv", "xlsx"):
            target = Path(folder, f"positions.{fmt}")

            def export(run: str, fmt: str = fmt, target: Path = target) -> Callable[[], object]:
                return lambda: export_to_path(source, "positions", fmt, target, replace=True)

            def load(run: str, fmt: str = fmt, target: Path = target) -> Callable[[], object]:
                empty = Repository(Path(folder, f"{fmt}-{run}.json"), user="bench", create=True)

                def work() -> None:
                    report = import_file(empty, "positions", target)
                    assert report.created == POSITIONS, report.lines()[:3]

                return work

            figures[fmt] = (measure(export), measure(load), target.stat().st_size)
    print(f"{POSITIONS:,} positions          time        peak memory    file")
    for fmt, (export, imported, size) in figures.items():
        print(
            f"{fmt:<5} export  {export[0]:7.2f} s  {export[1] / 2**20:8.1f} MiB  {size / 2**20:6.2f} MiB\n"
            f"{fmt:<5} import  {imported[0]:7.2f} s  {imported[1] / 2**20:8.1f} MiB"
        )
    (csv_export, csv_import, csv_size), (xlsx_export, xlsx_import, xlsx_size) = (
        figures["csv"],
        figures["xlsx"],
    )
    print(
        f"xlsx / csv: export time {xlsx_export[0] / csv_export[0]:.2f}x, memory {xlsx_export[1] / csv_export[1]:.2f}x;"
        f" import time {xlsx_import[0] / csv_import[0]:.2f}x, memory {xlsx_import[1] / csv_import[1]:.2f}x;"
        f" file size {xlsx_size / csv_size:.2f}x"
    )


if __name__ == "__main__":
    main()
