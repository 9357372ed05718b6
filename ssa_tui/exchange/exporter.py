"""Export of a table as JSON (all fields), CSV for a German Excel, vCard 4.0, iCalendar."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from ..schema import KINDS, META_FIELDS
from .columns import german_header

FORMATS = ("csv", "json", "vcf", "ics")
#: Formats that only make sense for one kind.
FORMAT_KINDS = {"vcf": ("contacts",), "ics": ("events",)}
OFFICE_TZ = "Europe/Berlin"


def export_json(kind: str, records: list[dict[str, Any]]) -> str:
    """A list of records with every field, including id, rev and the change stamps."""
    fields = [*META_FIELDS, *(f.name for f in KINDS[kind].fields)]
    return (
        json.dumps(
            [{name: record.get(name) for name in fields} for record in records], ensure_ascii=False, indent=2
        )
        + "\n"
    )


def export_csv(kind: str, records: list[dict[str, Any]]) -> str:
    """CSV that opens cleanly in a German Excel: BOM, `;`, German headers, German dates and numbers.

    Cells are written with ``Field.format``, so the import reads them back unchanged; links are
    written as ids (the import also takes names and e-mail addresses).
    """
    spec = KINDS[kind]
    fields = [f for f in spec.fields if f.in_form]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([german_header(spec, "id"), *(german_header(spec, f.name) for f in fields)])
    for record in records:
        writer.writerow([record.get("id"), *(f.format(record.get(f.name)) for f in fields)])
    return "\ufeff" + out.getvalue()


def export_vcf(records: list[dict[str, Any]]) -> str:
    """Contacts as vCard 4.0 (written by vobject)."""
    import vobject

    cards = []
    for record in records:
        card = vobject.vCard()
        card.add("version").value = "4.0"
        card.add("uid").value = f"urn:ssa-tui:contact:{record['id']}"
        card.add("fn").value = record["name"]
        family, given = _split_name(record["name"])
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
        if record.get("organisation"):
            card.add("org").value = [record["organisation"]]
        if record.get("role"):
            card.add("title").value = record["role"]
        if record.get("email"):
            email = card.add("email")
            email.value = record["email"]
            email.type_param = "work"
        if record.get("phone"):
            phone = card.add("tel")
            phone.value = record["phone"]
            phone.type_param = "work"
        if record.get("street") or record.get("town"):
            address = card.add("adr")
            address.value = vobject.vcard.Address(
                street=record.get("street") or "",
                city=record.get("town") or "",
                code=record.get("postal_code") or "",
                country="Deutschland",
            )
        notes = "\n".join(filter(None, [_office_hours(record), record.get("notes")]))
        if notes:
            card.add("note").value = notes
        cards.append(card.serialize())
    return "".join(cards)


def _split_name(name: str) -> tuple[str, str]:
    """``Prof. Dr. Nicole Ermel`` → (``Ermel``, ``Prof. Dr. Nicole``): family name last."""
    given, _, family = name.rpartition(" ")
    return family or name, given


def _office_hours(record: dict[str, Any]) -> str:
    hours = record.get("office_hours") or {}
    return ("Sprechzeiten: " + "; ".join(f"{day} {time}" for day, time in hours.items())) if hours else ""


def export_ics(records: list[dict[str, Any]]) -> bytes:
    """Events as iCalendar (written by icalendar), times in Europe/Berlin with a VTIMEZONE."""
    from icalendar import Calendar, Event

    tz = ZoneInfo(OFFICE_TZ)
    calendar = Calendar()
    calendar.add("prodid", "-//Kreis Soest//ssa-tui//DE")
    calendar.add("version", "2.0")
    for record in records:
        if not record.get("start"):
            continue  # an event without a date has no place in a calendar
        event = Event()
        event.add("uid", f"event-{record['id']}@ssa-tui.kreis-soest")
        event.add("summary", record["title"])
        start = datetime.fromisoformat(record["start"])
        if start.time().hour == 0 and start.time().minute == 0 and not record.get("end"):
            event.add("dtstart", start.date())
        else:
            event.add("dtstart", start.replace(tzinfo=tz))
            if record.get("end"):
                event.add("dtend", datetime.fromisoformat(record["end"]).replace(tzinfo=tz))
        if record.get("venue"):
            event.add("location", record["venue"])
        description = "\n".join(
            filter(
                None,
                [
                    record.get("description"),
                    record.get("speakers") and f"Referierende: {record['speakers']}",
                    record.get("partners") and f"Partner: {record['partners']}",
                ],
            )
        )
        if description:
            event.add("description", description)
        event.add("categories", [record["kind"]] if record.get("kind") else [])
        event.add(
            "status",
            {"abgesagt": "CANCELLED", "geplant": "TENTATIVE"}.get(record.get("status") or "", "CONFIRMED"),
        )
        event.add("dtstamp", datetime.fromisoformat(record["updated_at"]))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def export(kind: str, records: list[dict[str, Any]], fmt: str) -> bytes:
    """The file content of ``records`` in ``fmt``."""
    if fmt == "json":
        return export_json(kind, records).encode("utf-8")
    if fmt == "csv":
        return export_csv(kind, records).encode("utf-8")
    if fmt == "vcf":
        return export_vcf(records).encode("utf-8")
    return export_ics(records)
