"""Worker processes for the storage tests: real processes writing one shared db.json.

Usage: python worker.py MODE DB [ARGS]; every acknowledged write is printed (flushed) as a line
*after* the store returned, so the test knows exactly which writes were acknowledged.
"""

from __future__ import annotations

import sys

from ssa_tui.store import Conflict, Repository, SharedTinyDB


def writer(db: str, worker: int, rounds: int) -> None:
    """Insert own contacts and append tokens to one shared record (retrying on conflicts)."""
    repository = Repository(db, user=f"worker{worker}")
    for round_ in range(rounds):
        created = repository.create("contacts", {"name": f"w{worker}-{round_}"})
        print(f"created {created['id']} w{worker}-{round_}", flush=True)
        token = f"t{worker}-{round_}"
        while True:
            shared = repository.get("contacts", 1)
            notes = (shared.get("notes") or "") + token + " "
            try:
                repository.update("contacts", 1, {"notes": notes}, expected_rev=shared["rev"])
            except Conflict:
                continue
            print(f"token {token}", flush=True)
            break


def endless(db: str) -> None:
    """Create records until killed."""
    repository = Repository(db, user="endless")
    counter = 0
    while True:
        counter += 1
        created = repository.create("suggestions", {"topic": f"topic {counter} " + "x" * 150})
        print(f"created {created['id']}", flush=True)


def reader(db: str) -> None:
    """A long-lived reader: answers `get KIND ID FIELD` and `tinydb KIND ID FIELD` lines."""
    repository = Repository(db, user="reader", read_only=True)
    tiny = SharedTinyDB(db)
    from tinydb import where

    for line in sys.stdin:
        command, kind, record_id, field = line.split()
        if command == "get":
            value = repository.get(kind, int(record_id))[field]
        else:
            value = tiny.table(kind).search(where("id") == int(record_id))[0][field]
        print(value, flush=True)


if __name__ == "__main__":
    mode, db_path, *rest = sys.argv[1:]
    if mode == "writer":
        writer(db_path, int(rest[0]), int(rest[1]))
    elif mode == "endless":
        endless(db_path)
    else:
        reader(db_path)
