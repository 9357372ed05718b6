"""Marks of erased people: a salted hash of each erased address, never the address itself.

GDPR Art. 17: after ``ssa-tui person erase`` nothing may identify the person, yet a later import
or form entry of the same address must be noticed ("am … gelöscht"), or the nightly import would
quietly bring the person back. The hash is an HMAC with a secret kept beside the database
(``db.json.secret``, never in db.json or its backups), so the marks cannot be reversed by trying
addresses against a copy of db.json alone. The same secret signs verification-round tokens.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import unicodedata
from pathlib import Path
from typing import Any

#: Table of erasure marks in db.json: {"1": {"id": 1, "hash": "…", "at": "2026-11-27"}}.
ERASED_TABLE = "_erased"


def secret_path(db_path: Path) -> Path:
    return Path(db_path).with_name(Path(db_path).name + ".secret")


#: Secrets read so far, by file identity: an import checks every row's address, and one stat is
#: cheaper than one read; a secret replaced by the admin has a new identity and is read again.
_known: dict[tuple[int, int, int], bytes] = {}


def _read_secret(path: Path) -> bytes:
    info = os.stat(path)
    identity = (info.st_dev, info.st_ino, info.st_mtime_ns)
    if identity not in _known:
        _known[identity] = bytes.fromhex(path.read_text(encoding="ascii").strip())
    return _known[identity]


def secret_key(db_path: Path) -> bytes:
    """The database's secret (created on first use, 0660, exclusively: two processes agree)."""
    path = secret_path(db_path)
    try:
        return _read_secret(path)
    except FileNotFoundError:
        pass
    key = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        return _read_secret(path)
    try:
        with contextlib.suppress(OSError):
            os.fchown(fd, -1, os.stat(db_path).st_gid)
        os.fchmod(fd, 0o660)
        os.write(fd, key.encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return bytes.fromhex(key)


def normalise_address(address: str) -> str:
    return unicodedata.normalize("NFC", address.strip()).casefold()


def address_hash(db_path: Path, address: str) -> str:
    return hmac.new(
        secret_key(db_path), normalise_address(address).encode("utf-8"), hashlib.sha256
    ).hexdigest()


def erased_on(data: dict[str, Any], db_path: Path, address: str | None) -> str | None:
    """The date the owner of ``address`` was erased (ISO), or None."""
    marks = data.get(ERASED_TABLE) or {}
    if not address or not marks:
        return None
    wanted = address_hash(db_path, address)
    for mark in marks.values():
        if isinstance(mark, dict) and hmac.compare_digest(str(mark.get("hash", "")), wanted):
            return str(mark.get("at") or "?")
    return None
