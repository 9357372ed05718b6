"""Bringing a database written by an older version up to today's format, on open.

The format version lives in ``_meta`` (``"format"``). Opening an older database with write
access first copies it, byte for byte, to ``db.json.backups/<name>-format-<old>-<stamp>.json``
(never rotated away), then upgrades every record in one locked write with one audit entry per
changed record. A viewer never writes: it reads an older database as it is until someone with
write access opens it.

Format 2 (issue 13): a position's ``school_number`` and ``hours_per_week`` become one allocation;
``fixed_term_until`` becomes the contract's end (``contract_until``); the free-text ``funding``
becomes a funding line from the list. Nothing is lost: a value that does not fit its new place
(a malformed school number, a funding text that is not a line) is kept in the notes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..domain import FUNDING_LINES
from ..i18n import LANGUAGES, t, text_in
from ..schema.fields import MAX_WEEKLY_HOURS
from ..text import fold
from . import audit
from .files import make_private_dir
from .sidefiles import fsync_dir, write_temp
from .storage import FORMAT_VERSION, META_TABLE, backups_dir

#: Funding texts of format 1 (the old suggestions, folded) and the line each belongs to.
_OLD_FUNDING = {
    "landesprogramm schulsozialarbeit nrw": "Landesprogramm 2022",
    "landesstelle (land nrw)": "Landesbedienstete",
    "trager-eigenmittel": "Eigenmittel des Trägers",
}


def funding_line(text: str) -> str | None:
    """The funding line an old free-text funding names, or None when it names none of them."""
    folded = fold(text.strip())
    for line in FUNDING_LINES:
        if fold(line) == folded:
            return line
    return _OLD_FUNDING.get(folded)


def format_of(data: dict[str, Any]) -> int:
    meta = data.get(META_TABLE, {}).get("1", {})
    return meta.get("format", 1) if isinstance(meta, dict) else 1


def upgrade_on_open(repository: Any) -> Path | None:
    """Upgrade the repository's database if it is older than today's format; the backup's path.

    ``repository`` is the :class:`~ssa_tui.store.repository.Repository` being opened (its
    storage, user, clock and role); another process may have upgraded meanwhile: then nothing
    happens.
    """
    storage = repository.storage
    if repository.read_only or storage.format_at_head() == FORMAT_VERSION:
        return None  # a viewer never writes; today's format (a few bytes tell): no parse on open
    data = storage.read()
    if format_of(data) >= FORMAT_VERSION or not _changes_any(data):
        return None  # nothing to lift: the file stays as it is
    log: list[audit.Change] = []
    backup: Path | None = None
    with storage.transaction(before_replace=lambda: audit.append(repository.path, log)) as data:
        old = format_of(data)
        if old >= FORMAT_VERSION:
            return None
        backup = _copy_file(repository.path, old)
        now = repository.clock().isoformat(timespec="seconds")
        for version in range(max(old, 1), FORMAT_VERSION):  # 1 is the first format there was
            STEPS[version](data, log, now, repository.user)
        meta = data.get(META_TABLE, {}).get("1", {})  # a file of plain TinyDB has none
        data[META_TABLE] = {"1": {"next_ids": {}, **meta, "format": FORMAT_VERSION}}
    return backup


def _changes_any(data: dict[str, Any]) -> bool:
    """Whether lifting ``data`` would change a record (else the file is left untouched)."""
    return any(position_to_format_2(p) != p for p in data.get("positions", {}).values())


def _copy_file(path: Path, old: int) -> Path:
    """A byte-for-byte copy of the database as it is (called under the write lock), 0660 in
    the database's group like every side file."""
    folder = make_private_dir(backups_dir(path), path)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"{path.stem}-format-{old}-{stamp}.json"
    os.replace(write_temp(target, path.read_bytes(), path), target)
    fsync_dir(folder)
    return target


def position_to_format_2(record: dict[str, Any]) -> dict[str, Any]:
    """A position of format 1 in format 2 (see the module doc); other fields unchanged."""
    record = dict(record)
    notes: list[str] = []
    number = record.pop("school_number", None)
    hours = record.get("hours_per_week")
    record.setdefault("allocations", [])
    if number:
        fits = isinstance(number, str) and re.fullmatch(r"[0-9]{6}", number)
        numeric = isinstance(hours, (int, float)) and not isinstance(hours, bool)
        if fits and numeric and 0 < hours <= MAX_WEEKLY_HOURS and not record["allocations"]:
            record["allocations"] = [{"school_number": number, "hours": hours}]
        else:
            notes.append(f"{_label('school_number')}: {number}")
    if "fixed_term_until" in record:
        ending = record.pop("fixed_term_until")
        if ending and not record.get("contract_until"):
            record["contract_until"] = ending
        elif ending:
            notes.append(f"{_label('fixed_term_until')}: {ending}")
    funding = record.get("funding")
    if isinstance(funding, str) and funding and funding not in FUNDING_LINES:
        line = funding_line(funding)
        record["funding"] = line or "sonstige"
        notes.append(f"{_label('funding')}: {funding}")
    if notes:
        kept = "\n".join(f"{t('migrate.before')} {note}" for note in notes)
        record["notes"] = f"{record['notes']}\n{kept}" if record.get("notes") else kept
    return record


def _label(name: str) -> str:
    return t(f"field.positions.{name}")


def _to_format_2(data: dict[str, Any], log: list[audit.Change], now: str, user: str) -> None:
    table = data.get("positions", {})
    for key, before in list(table.items()):
        after = position_to_format_2(before)
        if after != before:
            after.update(rev=before.get("rev", 0) + 1, updated_at=now, updated_by=user)
            table[key] = after
            log.append(
                audit.Change(now, user, "positions", before.get("id", int(key)), "update", before, after)
            )


#: One step per old format: the function that lifts a database from that version by one.
STEPS: dict[int, Callable[[dict[str, Any], list[audit.Change], str, str], None]] = {1: _to_format_2}


# -- CSV files in the old format -----------------------------------------------------------


def legacy_column(kind: str, header: str) -> str | None:
    """The format-1 field an old CSV header names (positions: ``school_number`` / Schulnummer,
    ``fixed_term_until`` / Befristet bis), else None. The importer asks this for headers that
    name no field of today."""
    if kind != "positions":
        return None

    def key(text: str) -> str:
        return re.sub(r"[\s_-]", "", fold(text))

    for name in ("school_number", "fixed_term_until"):
        names = [name] + [text_in(language, f"field.positions.{name}") for language in LANGUAGES]
        if key(header) in {key(candidate) for candidate in names}:
            return name
    return None


def legacy_row(kind: str, texts: dict[str, str | None]) -> dict[str, str | None]:
    """A row (cells by field name; None: the clear marker) with format-1 cells turned into
    today's fields.

    Positions: ``school_number`` with ``hours_per_week`` becomes ``allocations``
    (``166234 (19,5)``), ``fixed_term_until`` becomes ``contract_until``, an old funding text
    its funding line. Other kinds and rows of today's format come back unchanged.
    """
    if kind != "positions" or not {"school_number", "fixed_term_until", "funding"} & texts.keys():
        return texts
    texts = dict(texts)
    number = (texts.pop("school_number", "") or "").strip()
    if number and not (texts.get("allocations") or "").strip():
        texts["allocations"] = f"{number} ({(texts.get('hours_per_week') or '').strip()})"
    if "fixed_term_until" in texts:
        ending = texts.pop("fixed_term_until")
        if not (texts.get("contract_until") or "").strip():
            texts["contract_until"] = ending
    line = funding_line(texts.get("funding") or "")
    if (texts.get("funding") or "").strip() and line:
        texts["funding"] = line
    return texts
