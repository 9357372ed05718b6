"""Importing 10,000 positions from CSV (parse, validate, match, one atomic write) against one raw
TinyDB ``insert_multiple`` of the same records into a plain TinyDB file, in the same run.

    .venv/bin/python bench/bench_import.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from tinydb import TinyDB

from ssa_tui.exchange.exporter import export_csv
from ssa_tui.exchange.importer import import_csv
from ssa_tui.store import Repository

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_big_db import build_big  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = build_big(Path(folder, "source.json"), positions=10_000, contacts=0)
        records = source.records("positions")
        csv_file = Path(folder, "positions.csv")
        csv_file.write_text(export_csv("positions", [{**r, "id": None} for r in records]), encoding="utf-8")

        raw = TinyDB(Path(folder, "raw.json"))
        start = time.perf_counter()
        raw.table("positions").insert_multiple(records)
        raw_s = time.perf_counter() - start

        target = Repository(Path(folder, "db.json"), user="bench", create=True)
        start = time.perf_counter()
        report = import_csv(target, "positions", csv_file)
        import_s = time.perf_counter() - start
        assert report.created == len(records) and not report.refused, report.summary()

        start = time.perf_counter()
        again = import_csv(target, "positions", csv_file)
        again_s = time.perf_counter() - start
    print(f"raw TinyDB insert_multiple of {len(records)} positions: {raw_s * 1000:7.0f} ms  1.00x")
    print(
        f"ssa-tui import of the same rows from CSV:        {import_s * 1000:7.0f} ms  {import_s / raw_s:.2f}x  ({report.summary()})"
    )
    print(
        f"the same file again (all matched, unchanged):    {again_s * 1000:7.0f} ms  {again_s / raw_s:.2f}x  ({again.summary()})"
    )


if __name__ == "__main__":
    main()
