"""``ssa-tui audit`` never hands a terminal escape from the log to the terminal.

Guards: the ``printable()`` around each line in ``cli/team.py`` ``run_audit``. The schema refuses
control characters, so the hostile title comes in as an old or hand-edited audit log would.
"""

from __future__ import annotations

import json
from pathlib import Path

from ssa_tui.store.audit import audit_path

from .conftest import ssa

OSC_TITLE = "\x1b]0;gekapert\x07Gruppe\x1b[2J Nord"


def test_audit_shows_a_hostile_title_without_its_escapes(demo: Path) -> None:
    change = {
        "at": "2026-11-25T09:00:00+01:00",
        "user": "eve\x1b[31m",
        "kind": "groups",
        "id": 77,
        "action": "create",
        "before": None,
        "after": {"id": 77, "rev": 1, "name": OSC_TITLE},
    }
    with audit_path(demo).open("a", encoding="utf-8") as log:
        log.write(json.dumps(change, ensure_ascii=False) + "\n")

    result = ssa("audit", "--kind", "groups", db=demo)

    assert result.returncode == 0, result.stderr
    assert b"\x1b" not in result.stdout and b"\x07" not in result.stdout
    line = [row for row in result.stdout.decode().splitlines() if "#77" in row]
    assert len(line) == 1 and "Gruppe" in line[0] and "Nord" in line[0] and "eve" in line[0]
