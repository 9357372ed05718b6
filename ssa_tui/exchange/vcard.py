"""Contacts as vCard 4.0 (RFC 6350), written directly: the format is small and the escaping rules
of version 4 differ from version 3 (libraries tend to write the latter).

Text values escape backslash, comma and line breaks; a semicolon is escaped only inside the
parts of a compound value (N, ADR, ORG). Lines are folded at 75 octets, never inside a UTF-8
character. The office's address is a work address (``ADR;TYPE=work``); organisation and role go
to ORG and TITLE, where address books show them.
"""

from __future__ import annotations

from typing import Any

from ..domain import WEEKDAYS


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace("\r\n", "\n").replace("\n", "\\n")


def escape_part(text: str) -> str:
    """One part of a compound value: a semicolon would start the next part."""
    return escape(text).replace(";", "\\;")


def fold(line: str) -> str:
    """``line`` folded into pieces of at most 75 octets, continuation lines starting with a space."""
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > (75 if not pieces else 74):
            pieces.append(current)
            current, size = "", 0
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces) + "\r\n"


def split_name(name: str) -> tuple[str, str]:
    """``Prof. Dr. Nicole Ermel`` → (``Ermel``, ``Prof. Dr. Nicole``): family name last."""
    given, _, family = name.rpartition(" ")
    return family or name, given


def office_hours(record: dict[str, Any]) -> str:
    hours = record.get("office_hours") or {}
    days = [f"{day} {hours[day]}" for day in WEEKDAYS if day in hours]
    return ("Sprechzeiten: " + "; ".join(days)) if days else ""


def card(record: dict[str, Any]) -> str:
    name = record.get("name") or ""
    family, given = split_name(name)
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        f"UID:urn:ssa-tui:contact:{record['id']}",
        f"FN:{escape(name)}",
        f"N:{escape_part(family)};{escape_part(given)};;;",
    ]
    if record.get("organisation"):
        lines.append(f"ORG:{escape_part(record['organisation'])}")
    if record.get("role"):
        lines.append(f"TITLE:{escape(record['role'])}")
    if record.get("email"):
        lines.append(f"EMAIL;TYPE=work:{escape(record['email'])}")
    if record.get("phone"):
        lines.append(f"TEL;VALUE=text;TYPE=work,voice:{escape(record['phone'])}")
    if record.get("street") or record.get("town") or record.get("postal_code"):
        parts = ["", "", record.get("street") or "", record.get("town") or "", ""]
        parts += [record.get("postal_code") or "", "Deutschland"]
        lines.append("ADR;TYPE=work:" + ";".join(escape_part(part) for part in parts))
    notes = "\n".join(filter(None, [office_hours(record), record.get("notes")]))
    if notes:
        lines.append(f"NOTE:{escape(notes)}")
    lines.append("END:VCARD")
    return "".join(fold(line) for line in lines)


def write_vcards(records: list[dict[str, Any]]) -> bytes:
    return "".join(card(record) for record in records).encode("utf-8")
