"""What a template sees: the newsletter, what is coming up in the network, the recipient.

Always copies: the store hands out its own dicts, and nothing a template does may reach them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import orjson

from ..domain import OFFICE
from ..i18n import t
from ..schema.kinds import EventStatus, PositionStatus
from ..store import Repository
from .settings import MailSettings


def shared_context(repository: Repository, newsletter: dict[str, Any], today: date) -> dict[str, Any]:
    """The part of the context that is the same for every recipient (computed once)."""
    day = today.isoformat()
    events = sorted(
        (
            e
            for e in repository.records("events")
            if (e.get("start") or "") >= day
            and e.get("status") in (EventStatus.PLANNED, EventStatus.ADVERTISED)
        ),
        key=lambda e: e["start"],
    )
    groups = sorted(
        (g for g in repository.records("groups") if (g.get("next_meeting") or "") >= day),
        key=lambda g: g["next_meeting"],
    )
    positions = [
        p
        for p in repository.records("positions")
        if p.get("status") in (PositionStatus.VACANT, PositionStatus.ADVERTISED)
    ]
    chosen_events = (newsletter.get("audience") or {}).get("event") or []
    event = repository.get("events", chosen_events[0]) if chosen_events else (events[0] if events else None)
    return _copy(
        {
            "newsletter": {
                "id": newsletter["id"],
                "subject": newsletter.get("subject") or "",
                "intro": newsletter.get("intro") or "",
                "sections": newsletter.get("sections") or [],
            },
            "events": events,
            "groups": groups,
            "positions": positions,
            "event": event,
            "office": OFFICE,
            "today": day,
        }
    )


def recipient_context(
    shared: dict[str, Any], contact: dict[str, Any], settings: MailSettings
) -> dict[str, Any]:
    name = contact.get("name")
    name = name.strip() if isinstance(name, str) else ""
    salutation = t("mail.salutation", name=name) if name else t("mail.salutation_plain")
    return {
        **shared,
        "recipient": _copy(contact),
        "salutation": salutation,
        "unsubscribe": settings.unsubscribe_link(contact),
    }


def _copy(value: Any) -> Any:
    """A deep copy of stored (JSON) data, fast: what a template sees is never the store's own."""
    return orjson.loads(orjson.dumps(value))
