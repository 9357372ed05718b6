"""Who receives a newsletter: the audience's meaning (``schema/audience.py``) over the stored
contacts, plus what sending needs — one mail per address, and an address that can go out."""

from __future__ import annotations

from typing import Any

from ..i18n import t
from ..schema import audience as _audience
from ..store import Repository
from .message import UnsafeAddress, ascii_address


class AudienceProblem(Exception):
    """The saved filter names groups or events that do not exist (German message)."""


def recipients(
    repository: Repository, newsletter: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """Contacts in the audience with consent and an address that can go out, each address once
    (the first contact with it, in the order of the contacts) — and every contact left out for
    its address, with the reason, so that nobody is skipped silently."""
    audience = newsletter.get("audience") or {}
    unknown = _audience.unknown_references(audience, lambda kind, i: repository.get(kind, i) is not None)
    if unknown:
        raise AudienceProblem(t("mail.audience_problem", id=newsletter["id"], problems="; ".join(unknown)))
    groups = {g["id"]: g for g in repository.records("groups")}
    events = {e["id"]: e for e in repository.records("events")}
    chosen, skipped, seen = [], [], set()
    for contact in _audience.select(repository.records("contacts"), audience, groups, events):
        address = contact.get("email")
        if not address:
            continue
        try:
            ascii_address(address if isinstance(address, str) else "")
        except UnsafeAddress as reason:
            skipped.append((str(address), str(reason)))
            continue
        key = address.casefold()
        if key not in seen:
            seen.add(key)
            chosen.append(contact)
    return chosen, skipped
