"""Per-recipient delivery marks, written as each mail goes out.

``db.json.sends/newsletter-<id>.jsonl``: one line per accepted mail, appended and fsynced
before the next mail is sent, so an interrupted send resumes without mailing anyone twice.
(Rewriting the whole db.json after every mail would cost a full write per recipient.)
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path


def journal_path(db_path: Path, newsletter_id: int) -> Path:
    return (
        Path(db_path).absolute().with_name(Path(db_path).name + ".sends")
        / f"newsletter-{newsletter_id}.jsonl"
    )


def delivered(path: Path) -> dict[str, str]:
    """Address (case-folded) → when it was accepted; a torn last line is ignored."""
    marks: dict[str, str] = {}
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                try:
                    entry = json.loads(line)
                    marks[entry["to"].casefold()] = entry["at"]
                except (ValueError, KeyError, TypeError):
                    continue
    except FileNotFoundError:
        pass
    return marks


class Journal:
    """Appends delivery marks to one newsletter's journal."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o660)

    def mark(self, address: str) -> str:
        at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        os.write(self.fd, (json.dumps({"to": address, "at": at}) + "\n").encode())
        os.fsync(self.fd)
        return at

    def close(self) -> None:
        os.close(self.fd)

    def archive(self) -> None:
        """Start a new round (``--force``): keep the old marks under a dated name."""
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        os.replace(self.path, self.path.with_name(f"{self.path.stem}.{stamp}.jsonl"))
        os.close(self.fd)
        self.fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o660)
