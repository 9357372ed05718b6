"""The audit log read, filtered, compared and rewritten: exact entries, exact counts, exact texts.

Real log files in ``tmp_path``; damaged lines written as bytes, unreadable logs made of a folder
or of a file that cannot be read (``/proc/self/mem`` read at offset 0 fails with EIO).
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from ssa_tui.store import DatabaseUnusable
from ssa_tui.store import audit
from ssa_tui.store.audit import Change, audit_path, changed_fields, read, rewrite, select


def entry(at: str, user: str, kind: str, record_id: int, action: str = "update") -> Change:
    return Change(at, user, kind, record_id, action, {"id": record_id}, {"id": record_id, "x": at})


def test_the_audit_log_lies_beside_the_database() -> None:
    assert audit_path(Path("/srv/ssa/db.json")) == Path("/srv/ssa/db.json.audit.jsonl")


def test_read_skips_damaged_lines_and_keeps_reading(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    first, second = (
        entry("2026-01-01T10:00:00", "anna", "contacts", 1),
        entry("2026-01-02", "bernd", "events", 2),
    )
    audit_path(db).write_bytes(
        first.to_json().encode()
        + b"\n\xff\xfe not utf-8\n"
        + b'{"at": "x"}\n'  # JSON, but not a change
        + b"[1, 2]\n"
        + b"{torn\n"
        + second.to_json().encode()  # no line end: the last line still counts
    )
    assert list(read(db)) == [first, second]


def test_read_of_a_missing_log_is_empty(tmp_path: Path) -> None:
    assert list(read(tmp_path / "db.json")) == []


def test_a_folder_in_place_of_the_log_is_reported_by_name(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    audit_path(db).mkdir()
    with pytest.raises(DatabaseUnusable) as refused:
        list(read(db))
    assert str(refused.value) == f"Änderungsprotokoll {audit_path(db)} ist nicht lesbar: ist ein Ordner"


def test_a_log_that_fails_while_read_is_reported_by_name(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    audit_path(db).symlink_to("/proc/self/mem")
    with pytest.raises(DatabaseUnusable) as refused:
        list(read(db))
    assert str(refused.value) == f"Änderungsprotokoll {audit_path(db)} ist nicht lesbar: Ein-/Ausgabefehler"


@pytest.mark.parametrize(
    ("before", "after", "fields"),
    [
        (
            {
                "id": 1,
                "rev": 1,
                "updated_at": "a",
                "updated_by": "x",
                "created_at": "c",
                "zeta": 1,
                "name": "A",
            },
            {
                "id": 1,
                "rev": 2,
                "updated_at": "b",
                "updated_by": "y",
                "created_at": "d",
                "zeta": 2,
                "name": "A",
            },
            ["zeta"],
        ),
        (
            {"id": 1, "zeta": 1, "gone": "x", "same": [1], "none": None},
            {"id": 1, "zeta": 2, "new": "y", "same": [1], "alpha": 0},
            ["alpha", "gone", "new", "zeta"],
        ),
        (None, {"id": 3, "rev": 1, "name": "N", "role": None, "created_at": "c"}, ["id", "name"]),
        ({"id": 3, "rev": 4, "name": "N", "updated_by": "u"}, None, ["id", "name"]),
        (None, None, []),
        ({"rev": 1}, {"rev": 2}, []),
    ],
)
def test_changed_fields_names_what_differs_sorted_without_stamps(
    before: dict | None, after: dict | None, fields: list[str]
) -> None:
    assert changed_fields(Change("t", "u", "contacts", 1, "update", before, after)) == fields


def test_select_applies_every_filter_given(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    log = [
        entry("2026-01-01T09:00:00", "anna", "contacts", 1),
        entry("2026-01-02T09:00:00", "bernd", "contacts", 2),
        entry("2026-01-02T10:00:00", "anna", "events", 1),
        entry("2026-01-03T08:00:00", "anna", "contacts", 2),
    ]
    audit.append(db, log)
    assert select(db) == log
    assert select(db, user="anna") == [log[0], log[2], log[3]]
    assert select(db, user="nobody") == []
    assert select(db, since="2026-01-02T10:00:00") == [log[2], log[3]]  # the moment itself counts
    assert select(db, since="2026-01-02") == log[1:]  # a date: that whole day on
    assert select(db, kind="contacts") == [log[0], log[1], log[3]]
    assert select(db, record_id=2) == [log[1], log[3]]
    assert select(db, record_id=1, kind="contacts") == [log[0]]
    assert select(db, user="anna", since="2026-01-02", kind="contacts", record_id=2) == [log[3]]
    assert select(db, user="anna", since="2026-01-04") == []


def blank_name(change: Change) -> Change:
    """A transform that changes only entries about contact 1."""
    if change.kind != "contacts" or change.id != 1:
        return change
    return Change(change.at, change.user, change.kind, change.id, change.action, None, {"name": "■"})


def test_rewrite_counts_the_changed_entries_and_keeps_what_does_not_parse(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    path = audit_path(db)
    a = entry("2026-01-01", "anna", "contacts", 1)
    b = entry("2026-01-02", "anna", "events", 1)
    c = entry("2026-01-03", "bernd", "contacts", 1, "delete")
    path.write_text(
        a.to_json() + "\n{torn\n" + b.to_json() + "\n" + '{"at": 1}\n' + c.to_json() + "\n" + "[kaputt",
        encoding="utf-8",
    )
    os.chmod(path, 0o644)
    assert rewrite(db, blank_name) == 2
    assert path.read_text(encoding="utf-8") == (
        blank_name(a).to_json()
        + "\n{torn\n"
        + b.to_json()
        + "\n"
        + '{"at": 1}\n'
        + blank_name(c).to_json()
        + "\n[kaputt\n"
    )
    assert stat.S_IMODE(path.stat().st_mode) == 0o660  # a new file, made as every side file
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temp file left
    assert list(read(db)) == [blank_name(a), b, blank_name(c)]


def test_rewrite_that_changes_nothing_leaves_the_file_alone(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    path = audit_path(db)
    raw = entry("2026-01-01", "anna", "events", 1).to_json() + "\n[kaputt"
    path.write_text(raw, encoding="utf-8")
    inode = path.stat().st_ino
    assert rewrite(db, blank_name) == 0
    assert path.read_text(encoding="utf-8") == raw and path.stat().st_ino == inode


def test_rewrite_of_one_entry_counts_one(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    audit.append(db, [entry("2026-01-01", "anna", "contacts", 1)])
    assert rewrite(db, blank_name) == 1
    assert rewrite(db, blank_name) == 0  # already blank: nothing more to change


def test_rewrite_of_a_missing_log_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    assert rewrite(db, blank_name) == 0
    assert not audit_path(db).exists()


def test_a_change_is_one_compact_json_line_in_utf8() -> None:
    change = Change("2026-01-01T10:00:00+01:00", "jürgen", "contacts", 7, "create", None, {"name": "Düsse"})
    assert change.to_json() == (
        '{"at":"2026-01-01T10:00:00+01:00","user":"jürgen","kind":"contacts","id":7,'
        '"action":"create","before":null,"after":{"name":"Düsse"}}'
    )
    assert json.loads(change.to_json()) == change.__dict__
