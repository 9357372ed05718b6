"""The newsletter pipeline called in-process, each step pinned to its exact result: the context a
template sees, the rendered text and HTML, the preview's HTML-as-text, the MIME message, the send
over a real aiosmtpd server and the report. (The CLI tests cover the same path through a
subprocess; these make a one-line change in any of the steps fail here, too.)"""

from __future__ import annotations

import email
import json
import socket
import ssl
from datetime import date
from email import policy
from pathlib import Path

import pytest

from ssa_tui.mail.audience import AudienceProblem, recipients
from ssa_tui.mail.context import recipient_context, shared_context
from ssa_tui.mail.html_text import html_to_text
from ssa_tui.mail.sending import Connection, MailError, Refused, SendReport, _crlf, prepare
from ssa_tui.mail.settings import MailSettings, MailSettingsError
from ssa_tui.store import Repository

SENDER = "office@kreis-soest.de"
TODAY = date(2026, 11, 27)


@pytest.fixture
def world(demo: Path) -> Repository:
    """The demo database plus events and groups around ``TODAY`` (one of each on the day itself)."""
    repository = Repository(demo, user="test")
    for title, start, status in [
        ("Planned later", "2027-03-01", "geplant"),  # id 4
        ("Advertised sooner", "2027-01-15", "ausgeschrieben"),  # id 5
        ("Held future", "2027-01-10", "durchgeführt"),  # id 6
        ("Cancelled", "2027-01-11", "abgesagt"),  # id 7
        ("Past planned", "2026-11-26", "geplant"),  # id 8
        ("Today", "2026-11-27", "geplant"),  # id 9
    ]:
        extra = {"venue": "Soest", "format": "Präsenz"} if title == "Planned later" else {}
        repository.create("events", {"title": title, "start": start, "status": status, **extra})
    repository.create("groups", {"name": "AK Later", "next_meeting": "2027-02-01", "venue": "Kreishaus"})  # 3
    repository.create("groups", {"name": "AK Today", "next_meeting": "2026-11-27"})  # 4
    repository.create("groups", {"name": "AK Past", "next_meeting": "2026-11-26"})  # 5
    return repository


def settings(**values) -> MailSettings:
    return MailSettings(**{"host": "127.0.0.1", "mail_from": SENDER, **values})


EXPECTED_TEXT = """Guten Tag Britta Thulfaut,

Liebe Kolleginnen und Kollegen,
hier sind die Neuigkeiten aus dem Netzwerk der Schulsozialarbeit im Kreis Soest.

Themenvorschläge gesucht
========================
Welche Themen sollen wir 2027 aufgreifen? Schreiben Sie uns.

Kommende Veranstaltungen
========================
* Today – Freitag, 27. November 2026
* Advertised sooner – Freitag, 15. Januar 2027
* Planned later – Montag, 1. März 2027, Soest (Präsenz)

Nächste Treffen der Arbeitskreise
=================================
* AK Today: Freitag, 27. November 2026
* AK Later: Montag, 1. Februar 2027, Kreishaus

Offene Stellen der Schulsozialarbeit
====================================
* Grundschule Werl (Werl) – vakant, 19,5 Wochenstunden, Träger: Caritasverband
* Realschule Warstein (Warstein) – ausgeschrieben, 30 Wochenstunden, Träger: AWO

Mit freundlichen Grüßen
Koordinierungsstelle Schulsozialarbeit – Kreis Soest
Hoher Weg 1-3, 59494 Soest

-- 
Sie erhalten diesen Newsletter, weil Sie eingewilligt haben.
Abmelden: https://ab.example.org/weg?c={token}
"""  # noqa: W291 (the signature separator is "-- " with its space)

EXPECTED_HTML_AS_TEXT = """Guten Tag Britta Thulfaut,

Liebe Kolleginnen und Kollegen,

hier sind die Neuigkeiten aus dem Netzwerk der Schulsozialarbeit im Kreis Soest.

## Themenvorschläge gesucht

Welche Themen sollen wir 2027 aufgreifen? Schreiben Sie uns.

## Kommende Veranstaltungen

* Today – Freitag, 27. November 2026
* Advertised sooner – Freitag, 15. Januar 2027
* Planned later – Montag, 1. März 2027, Soest (Präsenz)

## Nächste Treffen der Arbeitskreise

* AK Today: Freitag, 27. November 2026
* AK Later: Montag, 1. Februar 2027, Kreishaus

## Offene Stellen der Schulsozialarbeit

* Grundschule Werl (Werl) – vakant, 19,5 Wochenstunden, Träger: Caritasverband
* Realschule Warstein (Warstein) – ausgeschrieben, 30 Wochenstunden, Träger: AWO

Mit freundlichen Grüßen
Koordinierungsstelle Schulsozialarbeit – Kreis Soest
Hoher Weg 1-3, 59494 Soest

Sie erhalten diesen Newsletter, weil Sie eingewilligt haben. Abmelden (https://ab.example.org/weg?c={token})
"""


def test_the_shared_context_holds_what_is_coming_sorted_and_nothing_past_or_held(world: Repository) -> None:
    newsletter = world.get("newsletters", 1)
    shared = shared_context(world, newsletter, TODAY)
    assert [e["id"] for e in shared["events"]] == [9, 5, 4]
    assert [g["id"] for g in shared["groups"]] == [4, 3]
    assert [p["id"] for p in shared["positions"]] == [3, 4]
    assert shared["event"]["id"] == 9  # none chosen: the next one
    assert shared["newsletter"] == {
        "id": 1,
        "subject": "Neues aus dem Netzwerk Schulsozialarbeit – Winter 2026",
        "intro": "Liebe Kolleginnen und Kollegen,\nhier sind die Neuigkeiten aus dem Netzwerk der "
        "Schulsozialarbeit im Kreis Soest.",
        "sections": [
            {
                "title": "Themenvorschläge gesucht",
                "body": "Welche Themen sollen wir 2027 aufgreifen? Schreiben Sie uns.",
            }
        ],
    }
    assert shared["office"] == {
        "name": "Koordinierungsstelle Schulsozialarbeit – Kreis Soest",
        "street": "Hoher Weg 1-3",
        "postal_code": "59494",
        "town": "Soest",
    }
    assert shared["today"] == "2026-11-27"
    assert set(shared) == {"newsletter", "events", "groups", "positions", "event", "office", "today"}
    # A copy: what a template could change never reaches the store.
    shared["events"][0]["title"] = "changed"
    shared["newsletter"]["sections"][0]["title"] = "changed"
    assert world.get("events", 9)["title"] == "Today"
    assert world.get("newsletters", 1)["sections"][0]["title"] == "Themenvorschläge gesucht"


def test_the_chosen_event_wins_and_a_bare_newsletter_has_empty_texts(world: Repository) -> None:
    shared = shared_context(world, {"id": 1, "audience": {"event": [6, 5]}}, TODAY)
    assert shared["event"]["id"] == 6
    assert shared["newsletter"] == {"id": 1, "subject": "", "intro": "", "sections": []}
    later = shared_context(world, {"id": 1, "audience": None}, date(2027, 1, 16))
    assert [e["id"] for e in later["events"]] == [4]
    assert later["event"]["id"] == 4
    assert [g["id"] for g in later["groups"]] == [3]
    none_left = shared_context(world, {"id": 1}, date(2027, 3, 2))
    assert none_left["events"] == [] and none_left["event"] is None and none_left["groups"] == []


def test_the_recipient_context_greets_by_name_and_links_the_unsubscribe(world: Repository) -> None:
    shared = {"today": "2026-11-27"}
    contact = {"id": 3, "name": "  Erika Muster ", "email": "erika@example.org"}
    plain = settings()
    context = recipient_context(shared, contact, plain)
    assert context == {
        "today": "2026-11-27",
        "recipient": contact,
        "salutation": "Guten Tag Erika Muster",
        "unsubscribe": "mailto:office@kreis-soest.de?subject=Abmelden",
    }
    context["recipient"]["name"] = "changed"
    assert contact["name"] == "  Erika Muster "
    for name in (None, "   ", 7):
        assert recipient_context(shared, {"id": 3, "name": name}, plain)["salutation"] == "Guten Tag"
    linked = settings(unsubscribe_url="https://ab.example.org/weg?liste=1")
    token = linked.token(contact)
    assert len(token) == 24
    assert recipient_context(shared, contact, linked)["unsubscribe"] == (
        f"https://ab.example.org/weg?liste=1&c={token}"
    )


def test_prepare_renders_text_and_html_exactly(world: Repository) -> None:
    mail = settings(unsubscribe_url="https://ab.example.org/weg")
    prepared = prepare(world, 1, mail, today=TODAY)
    assert [c["id"] for c in prepared.recipients] == [1, 2]
    assert prepared.refused == []
    assert prepared.sample_contact()["id"] == 1
    britta = prepared.recipients[0]
    token = mail.token(britta)
    text, html = prepared.render(britta)
    assert text == EXPECTED_TEXT.format(token=token)
    assert html_to_text(html) == EXPECTED_HTML_AS_TEXT.format(token=token)
    assert html.startswith('<!DOCTYPE html>\n<html lang="de">\n<head>\n<meta charset="utf-8">')
    assert "<title>Neues aus dem Netzwerk Schulsozialarbeit – Winter 2026</title>" in html


def test_prepare_refuses_a_missing_newsletter_a_missing_sender_and_a_bad_audience(world: Repository) -> None:
    with pytest.raises(MailError) as missing:
        prepare(world, 99, settings(), today=TODAY)
    assert str(missing.value) == "Newsletter #99 gibt es nicht."
    with pytest.raises(MailSettingsError) as no_sender:
        prepare(world, 1, MailSettings(host="127.0.0.1"), today=TODAY)
    assert "Absender" in str(no_sender.value)
    data = json.loads(world.path.read_text())
    data["newsletters"]["1"]["audience"] = {"group": [42]}  # deleted since it was saved
    world.path.write_text(json.dumps(data, ensure_ascii=False))
    with pytest.raises(MailError) as audience:
        prepare(Repository(world.path, user="test"), 1, settings(), today=TODAY)
    assert str(audience.value).startswith("Newsletter #1: der Empfängerkreis ist nicht in Ordnung – ")
    assert "#42 gibt es nicht." in str(audience.value)


def test_without_recipients_the_sample_is_erika_at_the_sender(world: Repository) -> None:
    for contact_id in (1, 2):
        rev = world.get("contacts", contact_id)["rev"]
        world.update("contacts", contact_id, {"newsletter_consent": False}, expected_rev=rev)
    prepared = prepare(world, 1, settings(), today=TODAY)
    assert prepared.recipients == []
    assert prepared.sample_contact() == {"id": 0, "name": "Erika Mustermann", "email": SENDER}
    anonymous = prepare(world, 1, MailSettings(mail_from=SENDER), today=TODAY)
    anonymous.settings = MailSettings()
    assert anonymous.sample_contact()["email"] == "test@example.org"


def parsed(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=policy.default)


def test_factories_for_test_send_and_send_differ_in_subject_and_message_id(world: Repository) -> None:
    prepared = prepare(world, 1, settings(), today=TODAY)
    britta = prepared.recipients[0]
    test = parsed(prepared.factory(test=True).build(britta, "t", "<p>h</p>"))
    assert test["Subject"] == "[Test] Neues aus dem Netzwerk Schulsozialarbeit – Winter 2026"
    assert not test["Message-ID"].startswith("<nl.")
    sent = parsed(prepared.factory(round_="2").build(britta, "t", "<p>h</p>"))
    again = parsed(prepared.factory(round_="2").build(britta, "t", "<p>h</p>"))
    other_round = parsed(prepared.factory(round_="3").build(britta, "t", "<p>h</p>"))
    assert sent["Subject"] == "Neues aus dem Netzwerk Schulsozialarbeit – Winter 2026"
    assert sent["Message-ID"] == again["Message-ID"]
    assert sent["Message-ID"].startswith("<nl.") and sent["Message-ID"].endswith("@kreis-soest.de>")
    assert other_round["Message-ID"] != sent["Message-ID"]
    # The key is the newsletter's uid once it has one, its id before.
    prepared.newsletter = {**prepared.newsletter, "uid": "abc"}
    with_uid = parsed(prepared.factory(round_="2").build(britta, "t", "<p>h</p>"))
    assert with_uid["Message-ID"] != sent["Message-ID"]
    prepared.newsletter = {**prepared.newsletter, "uid": None, "subject": None}
    assert parsed(prepared.factory(round_="2").build(britta, "t", "h"))["Message-ID"] == sent["Message-ID"]
    assert parsed(prepared.factory(test=True).build(britta, "t", "h"))["Subject"] == "[Test]"


def test_messages_pairs_each_contact_with_its_mail_or_the_reason(world: Repository) -> None:
    prepared = prepare(world, 1, settings(), today=TODAY)
    factory = prepared.factory(round_="1")
    pairs = list(prepared.messages(factory))
    assert [(c["id"], parsed(m)["To"]) for c, m in pairs] == [
        (1, "Britta Thulfaut <britta.thulfaut@kreis-soest.de>"),
        (2, "Verena Gröne <verena.groene@kreis-soest.de>"),
    ]
    odd = [{"id": 9, "name": "Ümit", "email": "ümit@example.org"}]
    [(contact, reason)] = list(prepared.messages(factory, odd))
    assert contact is odd[0]
    assert str(reason) == "Umlaute vor dem @ kann nicht jeder Mailserver zustellen: ümit@example.org"


def test_the_report_counts_and_names_every_problem() -> None:
    report = SendReport(
        total=5,
        sent=2,
        skipped=1,
        failed=[("a@example.org", "550 5.1.1 no such user"), ("b@example.org", "552 \x1b[31mvoll")],
        refused=[("ü@example.org", "Umlaut")],
    )
    assert report.summary() == "2 versendet, 1 schon zuvor versendet, 2 fehlgeschlagen (von 5 Empfängern)."
    assert report.problems() == [
        "Empfänger übersprungen: ü@example.org (Umlaut)",
        "Empfänger abgelehnt: a@example.org (550 5.1.1 no such user)",
        "Empfänger abgelehnt: b@example.org (552 \u241b[31mvoll)",
    ]
    assert (
        SendReport().summary() == "0 versendet, 0 schon zuvor versendet, 0 fehlgeschlagen (von 0 Empfängern)."
    )
    assert SendReport().problems() == []


def test_crlf_line_ends_for_smtp() -> None:
    assert _crlf(b"a\nb\n") == b"a\r\nb\r\n"


def test_a_connection_sends_each_message_and_reports_refusals(world: Repository, smtp_server) -> None:
    controller, recorder = smtp_server
    recorder.refuse = {"verena.groene@kreis-soest.de"}
    mail = settings(port=controller.port)
    prepared = prepare(world, 1, mail, today=TODAY)
    connection = Connection(mail)
    assert recorder.connections == 1
    outcomes = []
    for contact, raw in prepared.messages(prepared.factory(round_="1")):
        try:
            connection.send(contact["email"], raw)
            outcomes.append("ok")
        except Refused as refused:
            outcomes.append(str(refused))
    connection.close()
    connection.close()  # closing twice is harmless
    assert outcomes == ["ok", "550 5.1.1 no such user"]
    [(tos, content)] = recorder.messages
    assert tos == ["britta.thulfaut@kreis-soest.de"]
    message = parsed(content)
    assert message["From"] == "Schulsozialarbeit Kreis Soest <office@kreis-soest.de>"
    assert message.get_body(("plain",)).get_content().splitlines()[0] == "Guten Tag Britta Thulfaut,"
    assert recorder.connections == 1


def test_a_connection_dropped_mid_send_is_an_smtp_error(world: Repository, smtp_server) -> None:
    controller, recorder = smtp_server
    recorder.drop_at = 2
    mail = settings(port=controller.port)
    connection = Connection(mail)
    connection.send("a@example.org", b"Subject: x\n\nhallo\n")
    with pytest.raises(MailError) as dropped:
        connection.send("b@example.org", b"Subject: x\n\nhallo\n")
    assert str(dropped.value).startswith("SMTP-Fehler: ")
    assert not isinstance(dropped.value, Refused)
    connection.close()  # the server is gone: still no error
    assert [tos for tos, _ in recorder.messages] == [["a@example.org"]]


def test_a_refused_message_is_refused_with_the_server_s_answer(smtp_server) -> None:
    controller, recorder = smtp_server

    async def refuse_data(server, session, envelope):
        return "554 5.6.0 Inhalt abgelehnt"

    recorder.handle_DATA = refuse_data
    connection = Connection(settings(port=controller.port))
    with pytest.raises(Refused) as refused:
        connection.send("a@example.org", b"Subject: x\n\nhallo\n")
    assert str(refused.value) == "554 5.6.0 Inhalt abgelehnt"
    connection.close()


def test_no_server_or_a_closed_port_is_one_clear_error() -> None:
    with pytest.raises(MailSettingsError) as no_host:
        Connection(MailSettings(mail_from=SENDER))
    assert "SMTP" in str(no_host.value)
    with pytest.raises(MailSettingsError):
        Connection(MailSettings(host="127.0.0.1"))
    with socket.socket() as bound:  # bound, never listening: the port is ours and refuses
        bound.bind(("127.0.0.1", 0))
        with pytest.raises(MailError) as closed:
            Connection(settings(port=bound.getsockname()[1]))
    assert str(closed.value) == "SMTP-Fehler: [Errno 111] Connection refused"


def raw_edit(db: Path, kind: str, record_id: int, **fields) -> None:
    data = json.loads(db.read_text())
    data[kind][str(record_id)].update(fields)
    db.write_text(json.dumps(data, ensure_ascii=False))


def test_recipients_skip_no_address_refuse_bad_ones_and_follow_groups_and_events(demo: Path, helpers) -> None:
    helpers.store_raw_contact(demo, name="Ohne", email=None, newsletter_consent=True)  # 6
    helpers.store_raw_contact(demo, name="Umlaut", email="jürgen@example.org", newsletter_consent=True)  # 7
    helpers.store_raw_contact(demo, name="Zahl", email=5, newsletter_consent=True)  # 8
    helpers.store_raw_contact(demo, name="Später", email="spaeter@example.org", newsletter_consent=True)  # 9
    raw_edit(demo, "groups", 1, members=[2], contacts=[{"contact": 9}, "junk"])
    raw_edit(demo, "events", 2, registrations=[1, 9, "x"])
    repository = Repository(demo, user="t")
    people, skipped = recipients(repository, {"id": 1, "audience": None})
    assert [p["id"] for p in people] == [1, 2, 9]
    assert skipped == [
        ("jürgen@example.org", "Umlaute vor dem @ kann nicht jeder Mailserver zustellen: jürgen@example.org"),
        ("5", "keine gültige Adresse: "),
    ]
    assert [p["id"] for p in recipients(repository, {"id": 1, "audience": {"group": [1]}})[0]] == [2, 9]
    assert [p["id"] for p in recipients(repository, {"id": 1, "audience": {"event": [2]}})[0]] == [1, 9]
    both = {"group": [1], "event": [2]}
    assert [p["id"] for p in recipients(repository, {"id": 1, "audience": both})[0]] == [9]
    with pytest.raises(AudienceProblem) as unknown:
        recipients(repository, {"id": 4, "audience": {"group": [1, 42], "event": [43]}})
    assert str(unknown.value) == (
        "Newsletter #4: der Empfängerkreis ist nicht in Ordnung – Arbeitskreis #42 gibt es nicht.; "
        "Veranstaltung #43 gibt es nicht."
    )


def test_prepare_uses_the_newsletter_s_template(world: Repository) -> None:
    rev = world.get("newsletters", 1)["rev"]
    world.update("newsletters", 1, {"template": "einladung"}, expected_rev=rev)
    prepared = prepare(world, 1, settings(), today=TODAY)
    assert [t.name for t in prepared.renderer.templates] == ["einladung.txt.j2", "einladung.html.j2"]
    raw_edit(world.path, "newsletters", 1, template=None)
    fallback = prepare(Repository(world.path, user="test"), 1, settings(), today=TODAY)
    assert [t.name for t in fallback.renderer.templates] == ["newsletter.txt.j2", "newsletter.html.j2"]


def test_starttls_and_login_then_send_and_each_refusal_in_german(tls_server) -> None:
    controller, recorder, cert = tls_server
    trusted = ssl.create_default_context(cafile=str(cert))
    good = settings(host="localhost", port=controller.port, starttls=True, user="office", password="geheim")
    connection = Connection(good, trusted)
    connection.send("a@example.org", b"Subject: x\n\nhallo\n")
    connection.close()
    assert [tos for tos, _ in recorder.messages] == [["a@example.org"]]
    with pytest.raises(MailError) as plain:
        Connection(settings(host="localhost", port=controller.port, user="office", password="geheim"))
    assert str(plain.value) == "SMTP-Fehler: SMTP AUTH extension not supported by server."
    with pytest.raises(MailError) as untrusted:
        Connection(settings(host="localhost", port=controller.port, starttls=True))
    assert str(untrusted.value).startswith("SMTP-Fehler: [SSL: CERTIFICATE_VERIFY_FAILED]")


def test_a_server_reply_is_text_even_with_bytes_that_are_no_utf8() -> None:
    from ssa_tui.mail import sending

    assert sending._text(b"550 Postfach \xc3\xbcbervoll \xff") == "550 Postfach übervoll \ufffd"
    assert sending._text("421 zu") == "421 zu"
    assert sending._text(421) == "421"
