"""The demo database: the office's public facts, so every screen shows something real.

The records live in ``demo_data.json`` beside this module (data, not code); this loader writes
them in one batch and turns references (``"@name"`` → the id of the record with ``"ref": "name"``)
into ids. Build it with ``python -m ssa_tui.demo PATH`` (the repository's ``db.json`` is made so).
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from .schema import KINDS
from .store import Repository
from .store.repository import OFFICE_TIME

DATA_FILE = Path(__file__).with_name("demo_data.json")


def build(path: Path, *, user: str = "demo", now: datetime | None = None) -> Repository:
    """Write the demo records into a new database at ``path``."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    moment = now or datetime.fromisoformat(data["now"]).replace(tzinfo=OFFICE_TIME)
    repository = Repository(path, user=user, create=True, clock=lambda: moment)
    ids: dict[str, int] = {}
    with repository.batch() as batch:
        for kind, records in data["records"].items():
            for values in records:
                ref = values.pop("ref", None)
                record = batch.create(kind, _resolve(kind, values, ids))
                if ref:
                    ids[ref] = record["id"]
    return repository


def _resolve(kind: str, values: dict[str, Any], ids: dict[str, int]) -> dict[str, Any]:
    """``values`` with every ``"@name"`` in a link field replaced by that record's id."""

    def ref(item: Any) -> Any:
        if isinstance(item, str) and item.startswith("@"):
            return ids[item[1:]]
        if isinstance(item, dict):  # a link with a role
            return {key: ref(value) for key, value in item.items()}
        if isinstance(item, list):
            return [ref(value) for value in item]
        return item

    links = {link.name for link in KINDS[kind].links()}
    return {name: ref(value) if name in links else value for name, value in values.items()}


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "db.json")
    if target.exists():
        sys.exit(f"{target} exists already")
    build(target)
    print(f"demo database written: {target}")
