"""The committee report over 10,000 positions and 6,000 schools, against the time to load those
records from the database file (a fresh repository: read and parse). Goal: ≤ 0.5 s and ≤ 3×.

    .venv/bin/python bench/bench_report.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from ssa_tui.services.report import Report, compute_report
from ssa_tui.services.report_formats import render
from ssa_tui.store import Repository

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_big_db import build_big  # noqa: E402

RUNS = 5


def timed(work):
    """(result, wall seconds, CPU seconds of this process): CPU time stays fair on a busy machine."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def _verdict(seconds: float, load: float) -> str:
    return "met" if seconds <= 0.5 and seconds <= 3 * load else "NOT met"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "db.json")
        build_big(path, positions=10_000, contacts=0, schools=6_000)
        times: dict[str, list[tuple[float, float]]] = {"load": [], "report": [], "html": []}
        for _ in range(RUNS):

            def load():
                repository = Repository(path, user="bench", read_only=True)
                return [repository.records(kind) for kind in ("positions", "schools", "employers")]

            records, *load_times = timed(load)
            data, *report_times = timed(lambda: compute_report(*records, date(2026, 11, 24)))
            positions = {p["id"]: p for p in records[0]}
            _, *html_times = timed(lambda: render(Report(data, positions), "html"))
            for name, pair in (("load", load_times), ("report", report_times), ("html", html_times)):
                times[name].append(tuple(pair))
    median = {
        name: [statistics.median(pair[i] for pair in runs) for i in (0, 1)] for name, runs in times.items()
    }
    totals = data["totals"]
    print(f"{totals['positions']} positions, {totals['schools']} schools, {len(data['findings'])} findings")
    print("                                       wall ms   ×load    CPU ms   ×load")
    for name, label in (
        ("load", "load the records (fresh repository)"),
        ("report", "compute the report"),
        ("html", "render it as HTML"),
    ):
        (wall, cpu), (load_wall, load_cpu) = median[name], median["load"]
        print(
            f"{label:38s} {wall * 1000:7.0f}  {wall / load_wall:5.2f}x  {cpu * 1000:7.0f}  {cpu / load_cpu:5.2f}x"
        )
    wall, cpu = median["report"]
    print(
        f"goal (report ≤ 500 ms and ≤ 3× the load): wall {_verdict(wall, median['load'][0])}, CPU {_verdict(cpu, median['load'][1])}"
    )


if __name__ == "__main__":
    main()
