"""The audience: every filter key, the parsing of a saved filter (English and German keys), values
checked when saved, and who is chosen from a real database."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssa_tui.mail.audience import recipients
from ssa_tui.schema import KINDS
from ssa_tui.schema import audience as aud
from ssa_tui.schema.fields import FieldError
from ssa_tui.store import Repository, ValidationFailed

FIELD = KINDS["newsletters"].field("audience")


def person(pid: int, **fields) -> dict:
    return {
        "id": pid,
        "name": f"P{pid}",
        "email": f"p{pid}@example.org",
        "newsletter_consent": True,
        **fields,
    }


PEOPLE = [
    person(1, town="Soest", role="Schulsozialarbeit", organisation="Diakonie Ruhr-Hellweg"),
    person(2, town="Werl", role="Schulleitung", organisation="Kreis Soest"),
    person(3, town="Lippstadt", role="Schulsozialarbeiterin", organisation="AWO Unterbezirk"),
    person(4, town="Soest", role="Jugendamt", organisation="Stadt Soest"),
]
GROUPS = {10: {"id": 10, "members": [1], "contacts": [{"contact": 3, "role": "Sprecherin"}]}}
EVENTS = {20: {"id": 20, "registrations": [2, 4]}}


def chosen(audience: dict) -> list[int]:
    return [c["id"] for c in aud.select(PEOPLE, audience, GROUPS, EVENTS)]


@pytest.mark.parametrize(
    ("audience", "ids"),
    [
        ({}, [1, 2, 3, 4]),
        ({"town": ["Soest"]}, [1, 4]),
        ({"town": ["Soest", "Werl"]}, [1, 2, 4]),
        ({"role": ["schulsozialarb"]}, [1, 3]),  # folded substring
        ({"organisation": ["soest"]}, [2, 4]),
        ({"group": [10]}, [1, 3]),  # members and linked contacts
        ({"event": [20]}, [2, 4]),
        ({"town": ["Soest"], "event": [20]}, [4]),  # every key must match
        ({"group": [10], "role": ["Schulsozialarbeiterin"]}, [3]),
    ],
)
def test_every_filter_key_means_what_it_says(audience: dict, ids: list[int]) -> None:
    assert chosen(audience) == ids


def test_only_consent_exactly_true_counts() -> None:
    people = [person(1), *(person(n, newsletter_consent=v) for n, v in enumerate(("ja", 1, "yes", None), 2))]
    assert [c["id"] for c in aud.select(people, {}, {}, {})] == [1]


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("town=Soest,Werl; group=1", {"town": ["Soest", "Werl"], "group": [1]}),
        ("ort=soest; gruppe=#3; veranstaltung=4", {"town": ["Soest"], "group": [3], "event": [4]}),
        (
            "Rolle=Schulsozialarbeit; organisation=AWO",
            {"role": ["Schulsozialarbeit"], "organisation": ["AWO"]},
        ),
        ("ORT=wickede (ruhr)", {"town": ["Wickede (Ruhr)"]}),
        ("", {}),
    ],
)
def test_a_saved_filter_is_parsed_and_formatted_back(text: str, stored: dict) -> None:
    assert FIELD.parse(text) == stored
    assert FIELD.parse(FIELD.format(stored)) == stored


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("town=Sost", "Unbekannter Ort „Sost“ im Empfängerkreis – erlaubt: Anröchte,"),
        ("stadt=Soest", "Filter als „schlüssel=wert,wert; …“ mit den Schlüsseln role/rolle, town/ort,"),
        ("group=eins", "Filter als „schlüssel=wert,wert; …“"),
        ("town", "Filter als „schlüssel=wert,wert; …“"),
    ],
)
def test_a_wrong_filter_is_refused_in_german(text: str, message: str) -> None:
    with pytest.raises(FieldError) as refused:
        FIELD.parse(text)
    assert str(refused.value).startswith(message)


def test_groups_and_events_are_checked_when_saved(demo: Path) -> None:
    repository = Repository(demo, user="t")
    before = demo.read_bytes()
    with pytest.raises(ValidationFailed) as refused:
        repository.update("newsletters", 1, {"audience": FIELD.parse("group=999; event=998")}, expected_rev=1)
    assert str(refused.value) == (
        "Ungültige Eingaben: Empfängerkreis: Arbeitskreis #999 gibt es nicht.; "
        "Empfängerkreis: Veranstaltung #998 gibt es nicht."
    )
    assert demo.read_bytes() == before
    saved = repository.update(
        "newsletters", 1, {"audience": FIELD.parse("gruppe=1; ort=soest")}, expected_rev=1
    )
    assert saved["audience"] == {"group": [1], "town": ["Soest"]}


def test_recipients_from_the_database_each_address_once(demo: Path, helpers) -> None:
    helpers.store_raw_contact(
        demo, name="Doppelt", email="BRITTA.thulfaut@kreis-soest.de", newsletter_consent=True
    )
    repository = Repository(demo, user="t")
    people, skipped = recipients(repository, repository.get("newsletters", 1))
    assert [p["email"] for p in people] == ["britta.thulfaut@kreis-soest.de", "verena.groene@kreis-soest.de"]
    assert skipped == []
