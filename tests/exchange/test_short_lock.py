"""A TUI-like save from another process during a 20,000-row import goes through: the import holds
the write lock only to re-check and write, never while it reads and checks the file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ssa_tui.store import Repository


@pytest.mark.slow
def test_a_save_during_a_20000_row_import_succeeds_within_the_lock_timeout(
    demo: Path, tmp_path: Path
) -> None:
    rows = "".join(f"Person {n};person{n}@example.org;Soest;59494\n" for n in range(20_000))
    csv_file = tmp_path / "kontakte.csv"
    csv_file.write_text("Name;E-Mail;Ort;PLZ\n" + rows, encoding="utf-8")
    importer = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ssa_tui",
            "--db",
            str(demo),
            "--user",
            "cron",
            "import",
            "contacts",
            str(csv_file),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    saves_while_importing = 0
    editor = Repository(demo, user="anna", lock_timeout=10)  # the default timeout of the TUI
    while importer.poll() is None:
        record = editor.get("positions", 3)
        editor.update(
            "positions", 3, {"hours_per_week": 20 + saves_while_importing % 2}, expected_rev=record["rev"]
        )
        saves_while_importing += importer.poll() is None
    stdout, stderr = importer.communicate(timeout=60)
    assert importer.returncode == 0, stderr
    assert stdout.strip() == "20000 neu, 0 geändert, 0 unverändert, 0 abgelehnt."
    assert saves_while_importing > 0
    final = Repository(demo, user="x")
    assert final.count("contacts") == 5 + 20_000
    assert final.get("positions", 3)["rev"] >= 1 + saves_while_importing
