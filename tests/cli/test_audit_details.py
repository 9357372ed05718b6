"""``ssa-tui audit --details``: below each change its fields, before → after, links by name as
the forms write them (``Sonja Berger (#4)``), a record deleted since as ``#4 (gelöscht)``."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from ssa_tui.demo import build
from ssa_tui.store import Repository
from ssa_tui.store.repository import OFFICE_TIME

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=OFFICE_TIME)


def audit(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SSA_TUI_")}
    return subprocess.run(
        [sys.executable, "-m", "ssa_tui", "--db", str(db), "audit", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


def test_details_show_links_by_name_and_deleted_ones_by_id(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    build(db)
    sabine = Repository(db, user="sabine", clock=lambda: NOW)
    sabine.update("positions", 2, {"staff": 4}, expected_rev=1)
    group = sabine.get("groups", 1)
    contacts = [*group["contacts"], {"contact": 4, "role": "Sprecherin"}]
    sabine.update("groups", 1, {"contacts": contacts}, expected_rev=1)
    Repository(db, user="verena", clock=lambda: NOW).delete("contacts", 3, clear_links=True)

    result = audit(db, "--user", "sabine", "--details")

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Dienstag, 24. November 2026, 10:00 Uhr · sabine geändert Stelle #2 „Sekundarschule Soest“: Fachkraft",
        "  Fachkraft: Sibel Toykun (#5) → Sonja Berger (#4)",
        "Dienstag, 24. November 2026, 10:00 Uhr · sabine geändert Arbeitskreis #1 "
        "„AK Schulsozialarbeit Kreis Soest“: Ansprechpersonen",
        "  Ansprechpersonen: #3 (gelöscht): Ansprechperson → "
        "#3 (gelöscht): Ansprechperson | Sonja Berger (#4): Sprecherin",
    ]


def test_without_details_one_line_a_change(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    build(db)
    Repository(db, user="sabine", clock=lambda: NOW).update("positions", 2, {"staff": 4}, expected_rev=1)

    result = audit(db, "--user", "sabine")

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Dienstag, 24. November 2026, 10:00 Uhr · sabine geändert Stelle #2 „Sekundarschule Soest“: Fachkraft"
    ]
