"""Unique fields compared case-folded within one transaction too, at a cost linear in the table."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssa_tui.store import Repository
from ssa_tui.store.errors import ValidationFailed


@pytest.fixture
def repository(tmp_path: Path) -> Repository:
    return Repository(tmp_path / "db.json", user="anna", create=True)


def test_a_second_address_differing_in_case_is_refused_in_the_same_batch(repository) -> None:
    with pytest.raises(ValidationFailed) as caught:
        with repository.batch() as batch:
            batch.create("contacts", {"name": "Anna", "email": "anna@example.org"})
            batch.create("contacts", {"name": "Anna B", "email": "ANNA@example.ORG"})
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("email", "„ANNA@example.ORG“ gibt es schon.")
    ]
    assert repository.records("contacts") == []  # the transaction wrote nothing


def test_an_address_given_up_or_deleted_in_the_batch_is_free_again(repository) -> None:
    first = repository.create("contacts", {"name": "Anna", "email": "anna@example.org"})
    gone = repository.create("contacts", {"name": "Bernd", "email": "bernd@example.org"})
    with repository.batch() as batch:
        batch.update("contacts", first["id"], {"email": "anna.schmidt@example.org"}, expected_rev=1)
        batch.delete("contacts", gone["id"])
        batch.create("contacts", {"name": "Anna 2", "email": "Anna@Example.org"})
        batch.create("contacts", {"name": "Bernd 2", "email": "Bernd@Example.org"})
    assert sorted(c["email"] for c in repository.records("contacts")) == [
        "Anna@Example.org",
        "Bernd@Example.org",
        "anna.schmidt@example.org",
    ]
    with pytest.raises(ValidationFailed, match="gibt es schon"):
        repository.update("contacts", first["id"], {"email": "bernd@EXAMPLE.org"}, expected_rev=2)
