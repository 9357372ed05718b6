"""The send journal and send lock as files: a torn line, a full disk, a lock file with junk.

The disk-full case runs in a child process with a file-size limit (the limit is lifted at exit
so that coverage's own data file can still be written).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ssa_tui.mail.journal import Journal, SendLock, delivered
from ssa_tui.store import Repository


def test_a_torn_last_line_is_ended_before_the_next_mark(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    Repository(db, user="t", create=True)
    path = tmp_path / "newsletter-x.jsonl"
    path.write_text('{"to": "a@example.org", "at": "1"}\n{"to": "b@exa', encoding="utf-8")
    journal = Journal(path, db)
    journal.mark("c@example.org")
    journal.close()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[1] == '{"to": "b@exa' and lines[2].startswith('{"to": "c@example.org", "at": "')
    assert sorted(delivered(path)) == ["a@example.org", "c@example.org"]


def test_a_mark_that_does_not_fit_stops_with_the_journal_s_name(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    Repository(db, user="t", create=True)
    path = tmp_path / "newsletter-y.jsonl"
    path.write_text("x" * 990 + "\n")
    code = (
        "import atexit, resource, signal, sys\n"
        "from pathlib import Path\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1000, resource.RLIM_INFINITY))\n"
        "atexit.register(resource.setrlimit, resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY,) * 2)\n"
        "from ssa_tui.mail.journal import Journal, JournalFailed\n"
        f"journal = Journal(Path({str(path)!r}), Path({str(db)!r}))\n"
        "try:\n"
        "    journal.mark('somebody@example.org')\n"
        "except JournalFailed as error:\n"
        "    print(error); sys.exit(3)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 3, result.stderr
    assert result.stdout.startswith(
        f"Versandprotokoll {path} lässt sich nicht schreiben (kein Speicherplatz mehr frei) – Versand angehalten"
    )
    assert delivered(path) == {}  # the part that fitted is a torn line, not a mark


def test_a_lock_held_by_another_with_junk_in_its_file_names_nobody(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    Repository(db, user="t", create=True)
    first = SendLock(db, "abc")
    assert first.acquire("britta", "2026-11-27T10:00") is None
    assert SendLock(db, "abc").acquire("anna", "x") == {"user": "britta", "since": "2026-11-27T10:00"}
    first.path.write_bytes(b"\xff kein json")
    assert SendLock(db, "abc").acquire("anna", "x") == {"user": "?", "since": "?"}
    first.release()
    second = SendLock(db, "abc")
    assert second.acquire("anna", "x") is None
    second.release()
