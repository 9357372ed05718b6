"""Tests written against mutation survivors of the mail package that the first analysis left
"not analysed" (bench/mutation-survivors.md): each pins what the surviving mutant changed."""

from __future__ import annotations

import smtplib
from datetime import date
from pathlib import Path

import pytest

from ssa_tui.i18n import t
from ssa_tui.mail.context import shared_context
from ssa_tui.mail.html_text import html_to_text
from ssa_tui.mail.sending import Connection, MailError, _smtp_error
from ssa_tui.mail.settings import MailSettings, problems, settings_for
from ssa_tui.mail.templates import Renderer, TemplateProblem
from ssa_tui.store import Repository


def render(tmp_path: Path, text: str, **context) -> str:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "probe.txt.j2").write_text(text, encoding="utf-8")
    (folder / "probe.html.j2").write_text("{{ 1 }}", encoding="utf-8")
    return Renderer(tmp_path / "db.json", "probe").render(context)[0]


def test_character_references_become_their_characters() -> None:  # _TextMaker(convert_charrefs)
    assert html_to_text("<p>A &amp; B &lt;3&gt; &uuml;ber &#8211; &#x263A;</p>") == "A & B <3> über – ☺\n"


def test_header_cells_are_kept_apart_like_data_cells() -> None:  # ("th", "td")
    assert html_to_text(
        "<table><tr><th>Ort</th><th>Zeit</th></tr><tr><td>Soest</td><td>10</td></tr></table>"
    ) == ("Ort Zeit\nSoest 10\n")


def test_kurzdatum_of_a_timed_start_is_its_day(tmp_path: Path) -> None:  # value[8:10]
    assert render(tmp_path, "{{ s|kurzdatum }}", s="2027-05-03T14:00") == "03.05.2027"


def test_text_built_by_operators_counts_against_the_budget(tmp_path: Path) -> None:  # spend(weight(result))
    text = "{% for i in range(30000) %}{% set s = ('x' * 999) ~ 'y' %}{% set t = s + 'z' %}{% endfor %}ok"
    with pytest.raises(TemplateProblem) as too_much:
        render(tmp_path, text)
    assert "zu viel Text" in str(too_much.value)


def test_output_that_grows_too_big_names_the_line_it_was_written_on(tmp_path: Path) -> None:  # gi_yieldfrom
    # no operator: only the output grows; the lines after the loop are code too (not the answer)
    text = "a\nb\n{% for i in range(100000) %}{{ big }}{% endfor %}\n" + "{{ big }}\n" * 10
    with pytest.raises(TemplateProblem) as too_big:
        render(tmp_path, text, big="x" * 999)
    assert str(too_big.value).startswith("Vorlage probe.txt.j2, Zeile 3: Die Vorlage erzeugt zu viel Text")


def test_an_smtp_error_without_text_is_named_by_its_kind() -> None:  # type(error).__name__
    assert str(_smtp_error(smtplib.SMTPServerDisconnected())) == "SMTP-Fehler: SMTPServerDisconnected"
    assert str(_smtp_error(OSError("Verbindung weg"))) == "SMTP-Fehler: Verbindung weg"


def test_a_dropped_connection_names_what_the_client_saw(smtp_server) -> None:  # _smtp_error(error)
    controller, recorder = smtp_server
    recorder.drop_at = 1
    connection = Connection(
        MailSettings(host="127.0.0.1", port=controller.port, mail_from="buero@kreis-soest.de")
    )
    with pytest.raises(MailError) as dropped:
        connection.send("a@example.org", b"Subject: x\n\nhallo\n")
    message = str(dropped.value)
    assert message.startswith("SMTP-Fehler: ") and message != "SMTP-Fehler: None"
    assert message.removeprefix("SMTP-Fehler: ") in {
        "Connection unexpectedly closed",
        "SMTPServerDisconnected",
    } or ("Connection" in message or "closed" in message or "reset" in message)
    connection.close()


def test_an_event_without_a_start_is_not_upcoming(tmp_path: Path) -> None:  # (start or "") >= day
    repository = Repository(tmp_path / "db.json", user="test", create=True)
    repository.create("events", {"title": "Ohne Termin", "status": "geplant"})
    dated = repository.create("events", {"title": "Fachtag", "start": "2027-02-03", "status": "geplant"})
    shared = shared_context(repository, {"id": 1}, date(2026, 11, 27))
    assert [event["id"] for event in shared["events"]] == [dated["id"]]


def test_the_settings_file_named_by_the_option_is_the_one_read(tmp_path: Path) -> None:  # config_option
    db = tmp_path / "db.json"
    Repository(db, user="test", create=True)
    beside = '[mail]\nhost = "beside.example"\nsender = "buero@kreis-soest.de"\n'
    (tmp_path / "ssa-tui.toml").write_text(beside, encoding="utf-8")
    chosen = tmp_path / "anders.toml"
    chosen.write_text('[mail]\nhost = "chosen.example"\n', encoding="utf-8")
    assert settings_for(db).host == "beside.example"
    assert settings_for(db, str(chosen)).host == "chosen.example"
    assert problems(db) == []
    assert problems(db, str(chosen)) == [t("mail.no_from")]


def test_output_too_big_inside_a_block_names_the_line_in_the_block(tmp_path: Path) -> None:  # gi_yieldfrom
    """A block is rendered by ``yield from``: the paused render is followed into it."""
    text = "a\n{% block inhalt %}\nb\n{% for i in range(100000) %}{{ big }}{% endfor %}\n{% endblock %}\n"
    text += "{{ big }}\n" * 10
    with pytest.raises(TemplateProblem) as too_big:
        render(tmp_path, text, big="x" * 999)
    assert str(too_big.value).startswith("Vorlage probe.txt.j2, Zeile 4: Die Vorlage erzeugt zu viel Text")
