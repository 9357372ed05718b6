"""Any JSON in db.json is either refused as damaged, byte for byte untouched, or fully usable.

"Usable" means what every front-end relies on: each kind's records list in id order, a new
record gets a fresh id, and the write reads back (or, when that id would not fit in 64 bits, a
clear refusal with the file untouched). Whatever shape a hand edit or a foreign tool left,
nothing in between (a traceback at some later step) is allowed.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssa_tui.schema import KINDS
from ssa_tui.store import DatabaseCorrupt, Repository, ValidationFailed, WriteFailed

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**64 - 1)
    | st.floats(allow_nan=False)
    | st.text(max_size=5)
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
)
KEYS = st.sampled_from(["1", "2", "10", "0", "01", "²", "x", ""])
RECORD_FIELDS = st.sampled_from(["id", "rev", "generation", "format", "next_ids", "topic", "contacts"])
RECORDS = st.dictionaries(RECORD_FIELDS, VALUES | st.sampled_from([1, 2, 10]), max_size=4) | VALUES
TABLES = st.dictionaries(KEYS, RECORDS, max_size=3) | VALUES
ANYTHING = (
    st.dictionaries(st.sampled_from(["_meta", "suggestions", "contacts", "other"]), TABLES, max_size=3)
    | VALUES
)
# Nearly sound documents: records keyed by their id, a _meta table with odd values here and there.
IDS = st.sampled_from([1, 2, 10, 2**53, 2**64 - 1])
SOUND_RECORDS = st.dictionaries(
    IDS.map(str),
    st.dictionaries(st.sampled_from(["rev", "topic", "notes", "status"]), VALUES, max_size=2),
    max_size=3,
).map(lambda table: {key: {"rev": 1, **record, "id": int(key)} for key, record in table.items()})
META = st.fixed_dictionaries(
    {},
    optional={
        "generation": st.text("0123456789abcdef", max_size=4) | VALUES,
        "format": st.integers(0, 3) | VALUES,
        "next_ids": st.dictionaries(st.sampled_from(["suggestions", "contacts"]), IDS | VALUES, max_size=2),
    },
)
NEARLY_SOUND = st.fixed_dictionaries(
    {},
    optional={"_meta": st.fixed_dictionaries({"1": META}), "suggestions": SOUND_RECORDS, "other": TABLES},
)
DOCUMENTS = st.one_of(NEARLY_SOUND, NEARLY_SOUND, ANYTHING)  # two in three nearly sound


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS)
def test_any_json_is_refused_untouched_or_fully_usable(document) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "db.json"
        raw = orjson.dumps(document)
        db.write_bytes(raw)
        try:
            repository = Repository(db, user="anna")
            raw = db.read_bytes()  # an older format was upgraded on open (a backup kept): from here on
            listed = {kind: repository.records(kind) for kind in KINDS}
        except DatabaseCorrupt:
            assert db.read_bytes() == raw
            with pytest.raises(DatabaseCorrupt):
                Repository(db, user="anna").create("suggestions", {"topic": "neu"})
            assert db.read_bytes() == raw
            return
        for kind, records in listed.items():
            assert [record["id"] for record in records] == sorted(record["id"] for record in records)
            assert all(repository.get(kind, record["id"]) is record for record in records)
        before = {record["id"] for record in listed["suggestions"]}
        try:
            created = repository.create("suggestions", {"topic": "neu"})
        except WriteFailed:  # the next id would not fit in 64 bits: said clearly, nothing written
            assert db.read_bytes() == raw
            assert max(before | {*_next_ids(document)}) >= 2**64 - 1
            return
        assert created["id"] not in before and created["id"] > max(before, default=0)
        assert Repository(db, user="x").get("suggestions", created["id"])["topic"] == "neu"
        for record in listed["suggestions"]:  # stored records take a change, or refuse it clearly
            try:
                changed = repository.update(
                    "suggestions", record["id"], {"topic": "geändert"}, expected_rev=record["rev"]
                )
            except ValidationFailed:
                continue
            except WriteFailed:  # its next revision would not fit in 64 bits
                assert record["rev"] + 1 >= 2**64
                continue
            assert changed["rev"] == record["rev"] + 1 and changed["topic"] == "geändert"


def _next_ids(document: dict) -> list[int]:
    return list(document.get("_meta", {}).get("1", {}).get("next_ids", {}).values())
