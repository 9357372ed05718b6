"""Several real processes on one db.json: nothing acknowledged is ever lost."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import time
from pathlib import Path

from ssa_tui.services.maintenance import check_database
from ssa_tui.store import Repository


def test_eight_writers_at_once_lose_nothing(db: Path, start_worker) -> None:
    workers = [start_worker("writer", str(db), str(n), "15") for n in range(8)]
    outputs = [worker.communicate(timeout=120)[0] for worker in workers]
    assert all(worker.returncode == 0 for worker in workers)

    acknowledged = [line.split() for out in outputs for line in out.splitlines()]
    created = {int(parts[1]): parts[2] for parts in acknowledged if parts[0] == "created"}
    tokens = [parts[1] for parts in acknowledged if parts[0] == "token"]
    assert len(created) == 8 * 15 and len(tokens) == 8 * 15

    repository = Repository(db, user="check")
    for record_id, name in created.items():
        assert repository.get("contacts", record_id)["name"] == name
    shared = repository.get("contacts", 1)
    assert sorted(shared["notes"].split()) == sorted(tokens)
    assert shared["rev"] == 1 + len(tokens)
    assert check_database(repository) == []


def test_writer_killed_at_random_moments_leaves_every_acknowledged_write(db: Path, start_worker) -> None:
    rng = random.Random(20261124)
    acknowledged: set[int] = set()
    for _ in range(24):
        worker = start_worker("endless", str(db))
        first = worker.stdout.readline()  # the writer is running and has written once
        assert first.startswith("created")
        time.sleep(rng.uniform(0.0, 0.15))
        worker.send_signal(signal.SIGKILL)
        rest, _ = worker.communicate()
        acknowledged |= {int(line.split()[1]) for line in (first + rest).splitlines()}

        json.loads(db.read_bytes())  # complete, valid JSON after every kill
        repository = Repository(db, user="check")
        stored = {record["id"] for record in repository.records("suggestions")}
        assert acknowledged <= stored
        assert check_database(repository) == []
    assert len(acknowledged) > 24
    leftovers = [p for p in db.parent.iterdir() if p.name.endswith(".tmp")]
    Repository(db, user="sweeper").create("suggestions", {"topic": "after the kills"})
    assert not [p for p in db.parent.iterdir() if p.name.endswith(".tmp")], leftovers


def test_a_reader_sees_another_process_change_at_once(db: Path, start_worker) -> None:
    reader = start_worker("reader", str(db), stdin=subprocess.PIPE)

    def ask(line: str) -> str:
        reader.stdin.write(line + "\n")
        reader.stdin.flush()
        return reader.stdout.readline().strip()

    assert ask("get contacts 1 name") == "Geteilt"
    assert ask("tinydb contacts 1 name") == "Geteilt"
    Repository(db, user="other").update("contacts", 1, {"name": "Geändert"}, expected_rev=1)
    assert ask("get contacts 1 name") == "Geändert"
    assert ask("tinydb contacts 1 name") == "Geändert"  # TinyDB's query cache is off
