"""The newsletter consent of a contact, derived from an append-only log of consent events.

GDPR Art. 7: the office must be able to show when, how and to which text a person consented,
and a withdrawal must stop every mailing. Each contact keeps ``consent_log``, a list of events
(given / withdrawn, when, source, the consent text's version, who recorded it); the yes/no field
``newsletter_consent`` only mirrors the last event. A change of the yes/no field (form, import)
appends an event; the log itself is never rewritten, only extended (or erased with the person).
"""

from __future__ import annotations

from typing import Any

GIVEN = "given"
WITHDRAWN = "withdrawn"
ACTIONS = (GIVEN, WITHDRAWN)
#: Version of the consent text the office asks for (raise it when the wording changes).
CONSENT_TEXT_VERSION = "2026-1"


def event(
    action: str, *, at: str, source: str, by: str, version: str = CONSENT_TEXT_VERSION
) -> dict[str, str]:
    """One entry of a consent log."""
    if action not in ACTIONS:
        raise ValueError(action)
    return {"action": action, "at": at, "source": source, "version": version, "by": by}


def current(log: list[dict[str, Any]] | None) -> bool | None:
    """True when the last event gives consent, False when it withdraws it, None without events."""
    for entry in reversed(log or []):
        if isinstance(entry, dict) and entry.get("action") in ACTIONS:
            return entry["action"] == GIVEN
    return None


def derive(before: dict[str, Any] | None, record: dict[str, Any], *, at: str, by: str) -> dict[str, Any]:
    """Keep ``newsletter_consent`` and ``consent_log`` of a contact in step (returns the record).

    A log written by the caller wins (the consent follows its last event); otherwise a changed
    yes/no value is recorded as a new event with the record's ``consent_source``.
    """
    log = list(record.get("consent_log") or [])
    old_log = list((before or {}).get("consent_log") or [])
    if log != old_log:
        state = current(log)
        record["newsletter_consent"] = state is True
        if state is True and not record.get("consent_date"):
            record["consent_date"] = log[-1]["at"][:10]
        return record
    wanted = record.get("newsletter_consent") is True
    had = current(old_log) is True if old_log else (before or {}).get("newsletter_consent") is True
    if wanted != had:  # a new contact with consent: ``had`` is False, so it is logged too
        action = GIVEN if wanted else WITHDRAWN
        source = str(record.get("consent_source") or "Formular/Import")
        record["consent_log"] = [*old_log, event(action, at=at, source=source, by=by)]
    return record
