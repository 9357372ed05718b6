"""Property: any contact-form row is either refused with a message per problem or stored so that
export and re-import give it back unchanged — in CSV and in xlsx; no exception escapes."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssa_tui.exchange.importer import import_file
from ssa_tui.services.exchange import export_to_path
from ssa_tui.store import Repository

TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=40,
)
PREFIXED = st.builds(
    lambda head, rest: head + rest, st.sampled_from(["=", "+", "-", "@", "'", "\t", "(leer)", ""]), TEXT
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=PREFIXED,
    role=PREFIXED,
    notes=PREFIXED,
    phone=st.sampled_from(["", "02921303947", "+49 2921 30", "x"]),
)
def test_any_row_is_refused_with_messages_or_round_trips_unchanged(name, role, notes, phone) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder, "db.json")
        repository = Repository(db, user="anna", create=True)
        out = io.StringIO()
        csv.writer(out, delimiter=";").writerows(
            [["Name", "Funktion", "Notizen", "Telefon"], [name, role, notes, phone]]
        )
        form = Path(folder, "form.csv")
        form.write_text(out.getvalue(), encoding="utf-8")
        report = import_file(repository, "contacts", form)
        if report.refused:
            assert report.lines() and all(line.startswith("Zeile 2") for line in report.lines())
            assert repository.count("contacts") == 0
            return
        if report.created == 0:  # a row with nothing in it is no row
            assert not any(cell.strip() for cell in (name, role, notes, phone))
            return
        [stored] = repository.records("contacts")
        before = db.read_bytes()
        for fmt in ("csv", "xlsx"):
            target = Path(folder, f"out.{fmt}")
            export_to_path(repository, "contacts", fmt, target, replace=True)
            again = import_file(repository, "contacts", target)
            assert (again.unchanged, again.refused, again.lines()) == (1, 0, []), fmt
            assert db.read_bytes() == before
        assert repository.get("contacts", stored["id"]) == stored
