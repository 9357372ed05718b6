"""The GDPR intents: access (Art. 15), erasure (Art. 17), withdrawal of consent, retention.

Each function takes the repository and plain values, checks the role first and works through
the store. A person is a contact, named by number or e-mail address (case and Unicode form do
not matter).
"""

from __future__ import annotations

import contextlib
import json
import mailbox
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from email.utils import getaddresses
from pathlib import Path
from typing import Any

from ..i18n import os_reason, t
from ..i18n.dates import long_date
from ..schema import KINDS, consent
from ..store import ReadOnlyError, Repository, StoreError, audit, erasure
from ..store.repository import LinkRef
from ..store.files import exchange_file, write_output
from ..store.sidefiles import write_temp
from ..store.storage import backups_dir

#: Contacts without consent, link or change for this long are proposed for erasure.
RETENTION = timedelta(days=730)
#: Names shorter than this are not searched in other records' texts (too many false hits).
MIN_NAME_LENGTH = 4


class PersonNotFound(StoreError):
    """No contact, or more than one, fits the reference."""


@dataclass
class PersonData:
    """Everything stored about one person."""

    ref: str
    contacts: list[dict[str, Any]]
    links: list[LinkRef] = field(default_factory=list)
    deliveries: list[dict[str, str]] = field(default_factory=list)
    changes: list[audit.Change] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.contacts and not self.deliveries


@dataclass
class ErasurePlan:
    """What an erasure removes (counts for the dry run) and what it could not."""

    contacts: list[dict[str, Any]]
    links: list[LinkRef]
    mentions: list[tuple[str, int]]
    journal_lines: int
    audit_entries: int
    automatic_backups: list[Path]
    manual_backups: list[Path]

    def summary(self) -> str:
        return t(
            "privacy.erase_plan",
            contacts=len(self.contacts),
            links=len(self.links),
            texts=len(self.mentions),
            journal=self.journal_lines,
            audit=self.audit_entries,
            backups=len(self.automatic_backups),
        )


def _require_editor(repository: Repository) -> None:
    if repository.read_only:
        raise ReadOnlyError()


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip()).casefold()


def find_contacts(repository: Repository, ref: str) -> list[dict[str, Any]]:
    """The contacts a reference names: ``#7``/``7`` by number, otherwise by e-mail address."""
    ref = ref.strip()
    if ref.lstrip("#").isdigit():
        record = repository.get("contacts", int(ref.lstrip("#")))
        return [record] if record else []
    wanted = _norm(ref)
    return [c for c in repository.records("contacts") if c.get("email") and _norm(c["email"]) == wanted]


def _addresses(contacts: list[dict[str, Any]], ref: str) -> set[str]:
    found = {_norm(c["email"]) for c in contacts if c.get("email")}
    if "@" in ref:
        found.add(_norm(ref))
    return found


def _journal_files(repository: Repository) -> list[Path]:
    folder = repository.path.with_name(repository.path.name + ".sends")
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix == ".jsonl" and not p.is_symlink())


def _journal_entries(path: Path) -> list[tuple[str, dict[str, Any] | None]]:
    entries = []
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            try:
                entry = json.loads(line)
            except ValueError:
                entry = None
            entries.append((line, entry if isinstance(entry, dict) else None))
    return entries


def _deliveries(repository: Repository, addresses: set[str]) -> list[dict[str, str]]:
    found = []
    for newsletter in repository.records("newsletters"):
        marks = newsletter.get("deliveries") or {}
        for address, at in marks.items() if isinstance(marks, dict) else ():
            if _norm(address) in addresses:
                found.append(
                    {"newsletter": str(newsletter.get("subject") or ""), "to": address, "at": str(at)}
                )
    for path in _journal_files(repository):
        for _line, entry in _journal_entries(path):
            if entry and _norm(str(entry.get("to", ""))) in addresses:
                item = {"newsletter": path.stem, "to": str(entry["to"]), "at": str(entry.get("at", ""))}
                if not any(_norm(d["to"]) == _norm(item["to"]) and d["at"] == item["at"] for d in found):
                    found.append(item)
    return found


def person_data(repository: Repository, ref: str) -> PersonData:
    """Everything stored about the person ``ref``; the access itself is audited."""
    _require_editor(repository)
    contacts = find_contacts(repository, ref)
    addresses = _addresses(contacts, ref)
    ids = {c["id"] for c in contacts}
    data = PersonData(ref=ref, contacts=contacts)
    for contact in contacts:
        data.links.extend(repository.linked_from("contacts", contact["id"]))
    data.deliveries = _deliveries(repository, addresses)
    data.changes = [c for c in audit.read(repository.path) if c.kind == "contacts" and c.id in ids]
    for contact in contacts:
        repository.note("contacts", contact["id"], "access")
    return data


def save_answer(repository: Repository, name: str, payload: bytes, *, replace: bool = False) -> Path:
    """Write an access answer to the exchange folder (a file name there, 0660, replaced only if asked)."""
    return write_output(
        exchange_file(repository.path, name), payload, db_path=repository.path, replace=replace
    )


def person_json(data: PersonData) -> bytes:
    """The access answer for machines: every record, link, consent event, delivery and change."""
    payload = {
        "ref": data.ref,
        "contacts": data.contacts,
        "linked_from": [{"kind": k, "id": i, "field": f, "title": title} for k, i, f, title in data.links],
        "deliveries": data.deliveries,
        "audit": [change.__dict__ for change in data.changes],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def person_text(data: PersonData, today: date) -> str:
    """The access answer for people, in the current language."""
    if data.empty:
        return t("privacy.none", ref=data.ref) + "\n"
    kind = KINDS["contacts"]
    lines: list[str] = []
    for contact in data.contacts:
        lines += [
            t("privacy.heading", name=kind.title_of(contact)),
            t("privacy.as_of", date=long_date(today)),
            "",
        ]
        lines.append(t("privacy.section.record"))
        for spec in kind.fields:
            if spec.in_form and not spec.is_empty(contact.get(spec.name)):
                lines.append(f"  {kind.field_label(spec.name)}: {spec.display(contact.get(spec.name))}")
        lines += ["", t("privacy.section.consent")]
        log = contact.get("consent_log") or []
        for entry in log:
            action = t(
                "privacy.consent_given"
                if entry.get("action") == consent.GIVEN
                else "privacy.consent_withdrawn"
            )
            lines.append(
                "  "
                + t(
                    "privacy.consent_line",
                    date=long_date(str(entry.get("at", ""))[:10]) if entry.get("at") else "?",
                    action=action,
                    source=entry.get("source", "?"),
                    version=entry.get("version", "?"),
                    by=entry.get("by", "?"),
                )
            )
        if not log and contact.get("newsletter_consent") is True:
            lines.append(
                "  "
                + t(
                    "privacy.consent_legacy",
                    date=contact.get("consent_date") or "?",
                    source=contact.get("consent_source") or "?",
                )
            )
        elif not log:
            lines.append("  " + t("privacy.nothing"))
        lines.append("")
    lines.append(t("privacy.section.links"))
    lines += [
        f"  {KINDS[k].label_one} #{i} „{title}“ ({KINDS[k].field_label(f)})" for k, i, f, title in data.links
    ]
    if not data.links:
        lines.append("  " + t("privacy.nothing"))
    lines += ["", t("privacy.section.deliveries")]
    lines += [f"  {d['at']}: {d['newsletter']} → {d['to']}" for d in data.deliveries]
    if not data.deliveries:
        lines.append("  " + t("privacy.nothing"))
    lines += ["", t("privacy.section.audit")]
    lines += [f"  {c.at} {c.user} {t(f'team.action.{c.action}')} #{c.id}" for c in data.changes]
    if not data.changes:
        lines.append("  " + t("privacy.nothing"))
    return "\n".join(lines) + "\n"


# -- erasure --------------------------------------------------------------------------------


def _needles(contacts: list[dict[str, Any]], addresses: set[str]) -> list[re.Pattern[str]]:
    texts = set(addresses)
    for contact in contacts:
        name = str(contact.get("name") or "").strip()
        if len(name) >= MIN_NAME_LENGTH:
            texts.add(name)
    return [re.compile(re.escape(text), re.IGNORECASE) for text in sorted(texts, key=len, reverse=True)]


def _scrub(value: Any, needles: list[re.Pattern[str]], marker: str) -> Any:
    """``value`` with every mention of the person replaced by ``marker`` (walks lists and dicts)."""
    if isinstance(value, str):
        for needle in needles:
            value = needle.sub(marker, value)
        return value
    if isinstance(value, list):
        return [_scrub(item, needles, marker) for item in value]
    if isinstance(value, dict):
        return {
            _scrub(key, needles, marker) if isinstance(key, str) else key: _scrub(item, needles, marker)
            for key, item in value.items()
        }
    return value


def _text_values(kind: str, record: dict[str, Any]) -> dict[str, Any]:
    """The fields people type (system data such as delivery marks is handled on its own)."""
    spec = KINDS[kind]
    return {k: v for k, v in record.items() if spec.has_field(k) and spec.field(k).in_form}


def _mentions(repository: Repository, ids: set[int], needles: list[re.Pattern[str]]) -> list[tuple[str, int]]:
    found = []
    for name in KINDS:
        for record in repository.records(name):
            if name == "contacts" and record["id"] in ids:
                continue
            values = _text_values(name, record)
            if _scrub(values, needles, "\0") != values:
                found.append((name, record["id"]))
    return found


def _backups_with(repository: Repository, needles: list[re.Pattern[str]]) -> tuple[list[Path], list[Path]]:
    folder = backups_dir(repository.path)
    automatic, manual = [], []
    if not folder.is_dir():
        return automatic, manual
    for path in sorted(folder.iterdir()):
        if path.is_symlink() or not path.is_file():
            continue
        try:
            text = path.read_bytes().decode("utf-8", errors="replace")
        except OSError:
            continue
        if any(needle.search(text) for needle in needles):
            (manual if "-manual-" in path.name else automatic).append(path)
    return automatic, manual


def erase_person(repository: Repository, ref: str, *, dry_run: bool = False) -> ErasurePlan:
    """Remove the person everywhere; leave an audit entry without personal data and a hash mark.

    Links to the person are cleared, mentions in other records' texts, delivery marks and the
    person's old values in the audit log become a marker, automatic backups that still hold the
    person are removed (manual ones are listed for the admin).
    """
    _require_editor(repository)
    contacts = find_contacts(repository, ref)
    addresses = _addresses(contacts, ref)
    if not contacts and not addresses:
        raise PersonNotFound(t("privacy.none", ref=ref))
    ids = {c["id"] for c in contacts}
    needles = _needles(contacts, addresses)
    marker = t("privacy.marker")
    links = [link for c in contacts for link in repository.linked_from("contacts", c["id"])]
    mentions = _mentions(repository, ids, needles)
    journal_lines = sum(
        1
        for path in _journal_files(repository)
        for _line, entry in _journal_entries(path)
        if entry and _norm(str(entry.get("to", ""))) in addresses
    )
    audit_entries = sum(
        1
        for change in audit.read(repository.path)
        if (change.kind == "contacts" and change.id in ids)
        or _scrub([change.before, change.after], needles, "\0") != [change.before, change.after]
    )
    automatic, manual = _backups_with(repository, needles)
    plan = ErasurePlan(contacts, links, mentions, journal_lines, audit_entries, automatic, manual)
    if dry_run:
        return plan
    today = repository.clock().date().isoformat()
    with repository.locked():
        with repository.batch() as batch:
            for contact in contacts:
                batch.delete("contacts", contact["id"], clear_links=True)
            for kind, record_id in mentions:
                current = batch.get(kind, record_id)
                if current is not None:
                    values = _text_values(kind, current)
                    batch.update(
                        kind, record_id, _scrub(values, needles, marker), expected_rev=current["rev"]
                    )
            for newsletter in batch.records("newsletters"):
                marks = newsletter.get("deliveries")
                if isinstance(marks, dict) and any(_norm(a) in addresses for a in marks):
                    kept = {a: at for a, at in marks.items() if _norm(a) not in addresses}
                    batch.update(
                        "newsletters", newsletter["id"], {"deliveries": kept}, expected_rev=newsletter["rev"]
                    )
            table = batch.table(erasure.ERASED_TABLE)
            for address in sorted(addresses):
                mark_id = max(map(int, table), default=0) + 1
                table[str(mark_id)] = {
                    "id": mark_id,
                    "hash": erasure.address_hash(repository.path, address),
                    "at": today,
                }

        def mask(change: audit.Change) -> audit.Change:
            if change.kind == "contacts" and change.id in ids:
                gone = {"id": change.id, "erased": today}
                return audit.Change(
                    change.at,
                    change.user,
                    change.kind,
                    change.id,
                    change.action,
                    gone if change.before is not None else None,
                    gone if change.after is not None else None,
                )
            before, after = _scrub(change.before, needles, marker), _scrub(change.after, needles, marker)
            if (before, after) == (change.before, change.after):
                return change
            return audit.Change(change.at, change.user, change.kind, change.id, change.action, before, after)

        audit.rewrite(repository.path, mask)
        now = repository.clock().isoformat(timespec="seconds")
        audit.append(
            repository.path,
            [audit.Change(now, repository.user, "contacts", i, "erase", None, None) for i in sorted(ids)],
        )
        for path in _journal_files(repository):
            _drop_journal_lines(path, addresses, repository.path)
        # Scanned again: the erasure's own write kept the state before it as a backup.
        plan.automatic_backups, plan.manual_backups = _backups_with(repository, needles)
        for path in plan.automatic_backups:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
    return plan


def _drop_journal_lines(path: Path, addresses: set[str], db_path: Path) -> None:
    """Rewrite a delivery journal without the erased addresses (atomically, 0660)."""
    entries = _journal_entries(path)
    kept = [line for line, entry in entries if not (entry and _norm(str(entry.get("to", ""))) in addresses)]
    if len(kept) == len(entries):
        return
    temp = write_temp(path, "".join(kept).encode("utf-8"), db_path)
    os.replace(temp, path)


# -- consent --------------------------------------------------------------------------------


def withdraw(repository: Repository, address: str, *, source: str) -> int:
    """Record a withdrawal of consent for every contact with ``address``; how many there were."""
    _require_editor(repository)
    wanted = _norm(address)
    count = 0
    with repository.batch() as batch:
        for contact in batch.records("contacts"):
            if not contact.get("email") or _norm(contact["email"]) != wanted:
                continue
            count += 1
            if consent.current(contact.get("consent_log")) is False and not contact.get("newsletter_consent"):
                continue  # withdrawn already: nothing new to record
            entry = consent.event(
                consent.WITHDRAWN,
                at=batch.now,
                source=source,
                by=repository.user,
                version=consent.CONSENT_TEXT_VERSION,
            )
            log = [*(contact.get("consent_log") or []), entry]
            batch.update("contacts", contact["id"], {"consent_log": log}, expected_rev=contact["rev"])
    return count


def withdraw_from_mbox(repository: Repository, path: Path) -> list[tuple[str, int]]:
    """Withdraw consent for the sender of every message in an mbox of unsubscribe replies."""
    _require_editor(repository)
    try:
        box = mailbox.mbox(path, create=False)
        senders = []
        for message in box:
            for _name, address in getaddresses(message.get_all("From", [])):
                if address and address not in senders:
                    senders.append(address)
        box.close()
    except (OSError, mailbox.Error) as error:
        raise StoreError(t("privacy.mbox_unreadable", path=path, detail=os_reason(error))) from None
    return [(address, withdraw(repository, address, source=t("privacy.source.mbox"))) for address in senders]


def retention_candidates(repository: Repository, today: date) -> list[dict[str, Any]]:
    """Contacts with no consent, no link and no change for :data:`RETENTION`, oldest first."""
    cutoff = (today - RETENTION).isoformat()
    found = []
    for contact in repository.records("contacts"):
        if contact.get("newsletter_consent") is True or str(contact.get("updated_at") or "") >= cutoff:
            continue
        if repository.linked_from("contacts", contact["id"]):
            continue
        found.append(contact)
    return sorted(found, key=lambda c: str(c.get("updated_at") or ""))
