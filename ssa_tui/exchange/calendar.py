"""Events and group meetings as iCalendar (RFC 5545), written with the ``icalendar`` library.

Date-only values (``YYYY-MM-DD``, the schema's all-day form) and events that span several days
go out as all-day events: ``DTSTART;VALUE=DATE`` and an exclusive ``DTEND`` (the day after the
last day), so a calendar shows 03.05.–04.05. as two whole days and never shifts them by a time
zone. Timed ones carry Europe/Berlin with its VTIMEZONE. What cannot go into a calendar (no
start) is left out and named, so the command's count is the number of events written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from ..schema import EventStatus

OFFICE_TZ = "Europe/Berlin"
UID_DOMAIN = "ssa-tui.kreis-soest"


@dataclass
class CalendarEntry:
    uid: str
    summary: str
    start: str
    end: str | None = None
    location: str = ""
    description: str = ""
    categories: list[str] = field(default_factory=list)
    status: str = "CONFIRMED"
    stamp: str | None = None


def is_date_only(value: str) -> bool:
    """``2026-05-03``: a day, no time."""
    return len(value) == 10


def is_all_day(start: str, end: str | None) -> bool:
    """Whole days: a date-only start or end, or midnight without an end or to midnight — how
    date-only events were stored before date-only values existed. A timed event that starts at
    midnight and ends later (00:00–02:00) keeps its times."""
    if is_date_only(start) or (end is not None and is_date_only(end)):
        return True
    return start.endswith("T00:00") and (end is None or end.endswith("T00:00"))


def event_entry(record: dict[str, Any]) -> CalendarEntry | None:
    """An event record as a calendar entry; None when it has no start."""
    if not record.get("start"):
        return None
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
    return CalendarEntry(
        uid=f"event-{record['id']}@{UID_DOMAIN}",
        summary=record.get("title") or "",
        start=record["start"],
        end=record.get("end") or None,
        location=record.get("venue") or "",
        description=description,
        categories=[record["kind"]] if record.get("kind") else [],
        status={EventStatus.CANCELLED: "CANCELLED", EventStatus.PLANNED: "TENTATIVE"}.get(
            record.get("status") or "", "CONFIRMED"
        ),
        stamp=record.get("updated_at"),
    )


def meeting_entry(record: dict[str, Any]) -> CalendarEntry | None:
    """A group's next meeting as a calendar entry; None when no meeting is set."""
    if not record.get("next_meeting"):
        return None
    return CalendarEntry(
        uid=f"group-{record['id']}-meeting@{UID_DOMAIN}",
        summary=record.get("name") or "",
        start=record["next_meeting"],
        location=record.get("venue") or "",
        description=record.get("rhythm") or "",
        categories=["Arbeitskreis"],
        stamp=record.get("updated_at"),
    )


def write_calendar(entries: list[CalendarEntry]) -> bytes:
    from icalendar import Calendar, Event

    tz = ZoneInfo(OFFICE_TZ)
    calendar = Calendar()
    calendar.add("prodid", "-//Kreis Soest//ssa-tui//DE")
    calendar.add("version", "2.0")
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("summary", entry.summary)
        start = dt.datetime.fromisoformat(entry.start)
        end = dt.datetime.fromisoformat(entry.end) if entry.end else None
        if is_all_day(entry.start, entry.end) or (end is not None and end.date() != start.date()):
            last_day = end.date() if end is not None else start.date()
            event.add("dtstart", start.date())
            event.add("dtend", max(last_day, start.date()) + dt.timedelta(days=1))  # exclusive
        else:
            event.add("dtstart", start.replace(tzinfo=tz))
            if end is not None:
                event.add("dtend", end.replace(tzinfo=tz))
        if entry.location:
            event.add("location", entry.location)
        if entry.description:
            event.add("description", entry.description)
        if entry.categories:
            event.add("categories", entry.categories)
        event.add("status", entry.status)
        if entry.stamp:
            event.add("dtstamp", dt.datetime.fromisoformat(entry.stamp).astimezone(dt.timezone.utc))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
