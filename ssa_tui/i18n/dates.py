"""Dates for people, the German way by default: ``Montag, 20. Juni 2022``."""

from __future__ import annotations

import datetime as dt

from . import get_language


def long_date(value: str | dt.date | dt.datetime) -> str:
    """A stored date (``2022-06-20``) or date-time (``2022-06-20T18:00``) spelled out.

    A stored ``YYYY-MM-DD`` is a whole day (shown alone); ``YYYY-MM-DDTHH:MM`` is timed, even at 00:00.
    """
    from babel.dates import format_date, format_time  # imported on first use: keeps start-up fast

    language = get_language()
    moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    day = format_date(moment, format="full", locale=language)
    timed = len(value) > 10 if isinstance(value, str) else isinstance(value, dt.datetime)
    if timed:
        clock = format_time(moment, format="HH:mm", locale=language)
        return f"{day}, {clock} Uhr" if language == "de" else f"{day}, {clock}"
    return day
