"""Verification rounds: ask every position holder (or employer) again, and take back the answers.

A round lists the positions it asks about, each with where it stands (offen, beantwortet,
übernommen, erinnert) and the revision it was sent out with. Answers come back two ways:

* a sheet per employer in the exchange folder (one row per position with its revision), an Excel
  workbook by default (typed cells: hours as numbers, postal codes as text, dates as dates) or a
  CSV for scripts; either is read back as Excel or Calc saved it: unchanged rows confirm the
  position (``last_verified`` = today), changed fields are merged field by field, and a row based
  on an older revision whose fields someone else changed since is a conflict;
* a mail per holder with the record as ``Feld: Wert`` lines between markers and a reference token
  (an HMAC with the database's secret, never stored in db.json); replies saved from the office
  mailbox (``.eml`` or mbox) are read back, per-field differences shown and accepted field by field.
  A wrong token or a sender who is not the holder is flagged and nothing is taken over.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import hmac
import io
import mailbox
import re
import unicodedata
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage, Message
from email.utils import getaddresses, make_msgid
from pathlib import Path
from typing import Any

from ..exchange.cells import neutralise
from ..exchange.columns import field_for_header, german_header
from ..exchange.importer import cell_text
from ..exchange.links import Targets
from ..exchange.table import read_table
from ..exchange.xlsx import Grid, cell_value, write_workbook
from ..i18n import LANGUAGES, t, text_in
from ..schema import KINDS, FieldError
from ..schema.fields import Link, Resolve, TitleOf
from ..schema.kinds import RoundEntryStatus
from ..store import ReadOnlyError, Repository, StoreError, ValidationFailed, audit, erasure
from ..store.files import exchange_file, exchange_files, write_output

OPEN, ANSWERED, TAKEN, REMINDED = RoundEntryStatus
POSITIONS = KINDS["positions"]
#: Position fields a holder is asked about (the record as the form shows it, minus office notes).
ASKED_FIELDS = tuple(
    f.name for f in POSITIONS.fields if f.in_form and f.name not in ("notes", "last_verified")
)
BEGIN, END = "----- BEGINN STELLE #{id} -----", "----- ENDE STELLE #{id} -----"
_TOKEN = re.compile(r"\bR(\d+)-P(\d+)-V(\d+)-([0-9a-f]{20})\b")
_CONFIRM = re.compile(r"\bC(\d+)-([0-9a-f]{20})\b")
#: Pseudo field of a reply: the holder's own e-mail address (changed only after a confirmation).
HOLDER_EMAIL = "holder_email"


class RoundProblem(StoreError):
    """A round that does not exist or an answer that cannot be read."""


@dataclass
class FieldChange:
    field: str
    stored: Any
    answered: Any


@dataclass
class Answer:
    """One answer (a sheet row or a reply mail) and what became of it."""

    position_id: int | None
    source: str
    changes: list[FieldChange] = field(default_factory=list)
    conflicts: list[FieldChange] = field(default_factory=list)
    #: Why nothing of it was taken (forged token, wrong sender, unreadable value).
    flags: list[str] = field(default_factory=list)
    #: What a person should know without stopping the rest (an address awaiting confirmation).
    notes: list[str] = field(default_factory=list)
    applied: bool = False


def describe(answers: list[Answer]) -> list[tuple[str, bool]]:
    """The outcome for people: one line per note, flag, change, conflict and taking-over, each
    with whether it needs a person's look (flags and conflicts)."""

    def shown(name: str, value: object) -> tuple[str, str]:
        if name == HOLDER_EMAIL:
            return t("rounds.email_label"), str(value or "")
        return POSITIONS.field_label(name), POSITIONS.field(name).format(value)

    lines: list[tuple[str, bool]] = []
    for answer in answers:
        lines += [(t("rounds.flag", source=answer.source, flag=note), False) for note in answer.notes]
        lines += [(t("rounds.flag", source=answer.source, flag=flag), True) for flag in answer.flags]
        for key, changes, problem in (
            ("rounds.change", answer.changes, False),
            ("rounds.conflict", answer.conflicts, True),
        ):
            for change in changes:
                label, stored = shown(change.field, change.stored)
                answered = shown(change.field, change.answered)[1]
                text = t(
                    key,
                    source=answer.source,
                    id=answer.position_id,
                    field=label,
                    stored=stored,
                    answered=answered,
                )
                lines.append((text, problem))
        if answer.applied:
            key = "rounds.applied" if answer.changes else "rounds.confirmed"
            lines.append((t(key, source=answer.source, id=answer.position_id), False))
    return lines


# -- tokens ------------------------------------------------------------------------------------


def token(repository: Repository, round_id: int, position_id: int, rev: int) -> str:
    mac = hmac.new(
        erasure.secret_key(repository.path), f"{round_id}:{position_id}:{rev}".encode(), hashlib.sha256
    ).hexdigest()[:20]
    return f"R{round_id}-P{position_id}-V{rev}-{mac}"


def _mac(repository: Repository, text: str) -> str:
    return hmac.new(erasure.secret_key(repository.path), text.encode(), hashlib.sha256).hexdigest()[:20]


def confirm_token(repository: Repository, contact_id: int, address: str) -> str:
    """The token of a confirmation mail to a new address (valid only in a reply from that address)."""
    return f"C{contact_id}-{_mac(repository, f'confirm:{contact_id}:{erasure.normalise_address(address)}')}"


def check_token(repository: Repository, text: str) -> tuple[int, int, int] | None:
    """(round, position, revision) of the first valid token in ``text``; None if none is valid."""
    for match in _TOKEN.finditer(text):
        round_id, position_id, rev = (int(g) for g in match.groups()[:3])
        if hmac.compare_digest(token(repository, round_id, position_id, rev), match.group(0)):
            return round_id, position_id, rev
    return None


# -- starting a round --------------------------------------------------------------------------


def _require_editor(repository: Repository) -> None:
    if repository.read_only:
        raise ReadOnlyError()


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-")[:40] or "ohne-Traeger"


#: Formats of a round's sheets: xlsx for people (the default), CSV for scripts.
SHEET_FORMATS = ("xlsx", "csv")


def start_round(
    repository: Repository, *, carrier: str | None = None, format: str = "xlsx"
) -> tuple[dict[str, Any], list[Path]]:
    """A new round over every position (or one employer's), with one sheet per employer.

    The sheets are written while the round is being created: when one cannot be written (a full
    disk) the round is not stored, and when the round cannot be stored its sheets are removed —
    never a round without its sheets, nor sheets without a round.
    """
    _require_editor(repository)
    positions = [
        p
        for p in repository.records("positions")
        if carrier is None or (p.get("carrier") or "").casefold() == carrier.casefold()
    ]
    if not positions:
        raise RoundProblem(t("rounds.no_positions", carrier=carrier or "–"))
    today = repository.clock().date().isoformat()
    entries = {str(p["id"]): {"status": OPEN, "rev": p["rev"]} for p in positions}
    name = t("rounds.default_name", date=today, carrier=carrier or t("rounds.all_carriers"))
    by_carrier: dict[str, list[dict[str, Any]]] = {}
    for position in positions:
        by_carrier.setdefault(position.get("carrier") or "", []).append(position)
    sheets = [
        (employer, sheet(rows, repository.title, format)) for employer, rows in sorted(by_carrier.items())
    ]
    written: list[Path] = []
    try:
        with repository.batch() as batch:
            record = batch.create(
                "rounds", {"name": name, "carrier": carrier or "", "started": today, "entries": entries}
            )
            for employer, payload in sheets:
                target = exchange_file(
                    repository.path, f"Pruefrunde-{record['id']}-{_slug(employer)}.{format}"
                )
                written.append(write_output(target, payload, db_path=repository.path, replace=True))
    except BaseException:
        for path in written:  # the round was not stored: its sheets must not stay behind
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    return record, written


def _staff(position: dict[str, Any], title_of: TitleOf) -> str:
    """The holder as ``Name (#id)``: a person reads the name, the import takes the id (names change)."""
    return POSITIONS.field("staff").format_text(position.get("staff"), title_of)


def _cell(position: dict[str, Any], name: str, title_of: TitleOf) -> tuple[str, Any]:
    """A typed workbook cell of one asked field."""
    if name == "staff":
        text = _staff(position, title_of)
        return ("string", text) if text else ("blank", None)
    return cell_value(POSITIONS, name, position, Targets({}))


def sheet(positions: list[dict[str, Any]], title_of: TitleOf, format: str = "xlsx") -> bytes:
    """One employer's sheet: number, revision and the asked fields, one row per position.

    xlsx: typed cells (hours a number shown ``19,5``, dates as dates, codes and every text as
    string cells, never a formula), frozen header; CSV: what a German Excel opens (``;``, BOM),
    formula-like text neutralised with a leading ``'``.
    """
    header = [german_header(POSITIONS, "id"), german_header(POSITIONS, "rev")]
    header += [german_header(POSITIONS, name) for name in ASKED_FIELDS]
    if format == "xlsx":
        rows = (
            [("whole", position["id"]), ("whole", position["rev"])]
            + [_cell(position, name, title_of) for name in ASKED_FIELDS]
            for position in positions
        )
        return write_workbook([Grid(t("rounds.sheet_name"), header, rows)])
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header)
    for position in positions:
        writer.writerow(
            [position["id"], position["rev"]]
            + [
                neutralise(
                    _staff(position, title_of)
                    if name == "staff"
                    else POSITIONS.field(name).format(position.get(name))
                )
                for name in ASKED_FIELDS
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# -- answers -----------------------------------------------------------------------------------


def _round(repository: Repository, round_id: int) -> dict[str, Any]:
    record = repository.get("rounds", round_id)
    if record is None:
        raise RoundProblem(t("rounds.unknown", id=round_id))
    return record


class _Versions:
    """Positions as they were at a revision, from the audit log — read once, when first needed
    (an import with many rows based on older revisions reads the log once, not once a row)."""

    def __init__(self, repository: Repository) -> None:
        self.repository = repository
        self.index: dict[tuple[int, int], dict[str, Any]] | None = None

    def at(self, position_id: int, rev: int) -> dict[str, Any] | None:
        """The position as it was at revision ``rev``, or None if not known."""
        current = self.repository.get("positions", position_id)
        if current is not None and current.get("rev") == rev:
            return current
        if self.index is None:
            self.index = {}
            for change in audit.read(self.repository.path):
                after = change.after or {}
                if change.kind == "positions" and isinstance(after.get("rev"), int):
                    self.index[(change.id, after["rev"])] = after
        return self.index.get((position_id, rev))


def _compare(
    base: dict[str, Any] | None, stored: dict[str, Any], answered: dict[str, Any], answer: Answer
) -> dict:
    """Field by field against the version the answer was based on (a three-way merge).

    A field the holder left as it was never reverts a change someone else made meanwhile; a field
    both changed differently is a conflict; without the base version every difference is one.
    """
    merged = {}
    for name, value in answered.items():
        now = stored.get(name)
        if value == now:
            continue
        if base is None:
            answer.conflicts.append(FieldChange(name, now, value))
            continue
        origin = base.get(name)
        if value == origin:
            continue
        if now != origin:
            answer.conflicts.append(FieldChange(name, now, value))
        else:
            answer.changes.append(FieldChange(name, now, value))
            merged[name] = value
    return merged


def _parse_answer(
    texts: dict[str, str | None], answer: Answer, resolve: Resolve | None = None
) -> dict[str, Any]:
    """The answered values: an empty cell leaves the stored value as it is, the clear marker
    ``(leer)`` (None here) empties it; a person may be named by ``Name (#id)``, id or (given
    ``resolve``) name alone."""
    values = {}
    for name, text in texts.items():
        spec = POSITIONS.field(name)
        if text is None:
            values[name] = spec.empty()
            continue
        text = text.strip()
        if not text:
            continue
        try:
            values[name] = spec.parse_text(text, resolve) if isinstance(spec, Link) else spec.parse(text)
        except FieldError as error:
            answer.flags.append(f"{POSITIONS.field_label(name)}: {error}")
    return values


def import_sheet(repository: Repository, round_id: int, path: Path, *, dry_run: bool = False) -> list[Answer]:
    """Take back a sheet (xlsx or CSV, as written or as Excel or Calc saved it): confirm
    unchanged rows, merge changed fields, report conflicts and unreadable cells by row and field."""
    _require_editor(repository)
    _round(repository, round_id)
    table = read_table(path, [text_in(language, "rounds.sheet_name") for language in LANGUAGES])
    columns = [field_for_header(POSITIONS, header) for header in table.header]
    versions = _Versions(repository)
    resolve = Targets({"contacts": repository.records("contacts")}).resolve
    answers = []
    for source in table.rows:
        answer = Answer(None, t("rounds.row", row=source.number))
        answers.append(answer)
        if source.problem:  # e.g. bytes that fit no encoding
            answer.flags.append(source.problem)
            continue
        texts = {
            name: cell_text(POSITIONS, name, cell, neutralised=table.text_cells_neutralised)
            for name, cell in zip(columns, source.cells)
            if name in ("id", "rev", *ASKED_FIELDS)
        }
        try:
            position_id, rev = int(texts.pop("id") or ""), int(texts.pop("rev") or "")
        except (KeyError, ValueError):
            answer.flags.append(t("rounds.no_id"))
            continue
        answer.position_id = position_id
        answered = _parse_answer(texts, answer, resolve)
        _take(repository, versions, round_id, position_id, rev, answered, answer, dry_run=dry_run)
    return answers


def _take(
    repository: Repository,
    versions: _Versions,
    round_id: int,
    position_id: int,
    rev: int,
    answered: dict[str, Any],
    answer: Answer,
    *,
    dry_run: bool,
    accept: set[str] | None = None,
) -> None:
    """Apply one answer in one write: the accepted changes, ``last_verified`` and the round's mark.

    A record the answer would make invalid (hours at the schools above the position's hours) is
    flagged with its fields, and the rest of the sheet or mailbox goes on."""
    stored = repository.get("positions", position_id)
    if stored is None:
        answer.flags.append(t("rounds.position_gone", id=position_id))
        return
    if answer.flags:
        return
    merged = _compare(versions.at(position_id, rev), stored, answered, answer)
    if accept is not None:
        merged = {name: value for name, value in merged.items() if name in accept}
    if dry_run or answer.conflicts:
        _mark(repository, round_id, position_id, ANSWERED, dry_run=dry_run)
        return
    today = repository.clock().date().isoformat()
    try:
        with repository.batch() as batch:
            current = batch.get("positions", position_id)
            batch.update(
                "positions", position_id, {**merged, "last_verified": today}, expected_rev=current["rev"]
            )
            _mark_in(batch, round_id, position_id, TAKEN)
    except ValidationFailed as failure:
        answer.flags += [
            f"{POSITIONS.field_label(p.field)}: {p.message}" if p.field else p.message
            for p in failure.problems
        ]
        answer.changes.clear()
        return
    answer.applied = True


def _mark(repository: Repository, round_id: int, position_id: int, status: str, *, dry_run: bool) -> None:
    if dry_run:
        return
    with repository.batch() as batch:
        _mark_in(batch, round_id, position_id, status)


def _mark_in(batch: Any, round_id: int, position_id: int, status: str) -> None:
    record = batch.get("rounds", round_id)
    if record is None:
        return
    entries = dict(record.get("entries") or {})
    entry = dict(entries.get(str(position_id)) or {})
    if entry.get("status") == TAKEN and status == ANSWERED:
        return
    entry.update(status=status, at=batch.now)
    entries[str(position_id)] = entry
    batch.update("rounds", round_id, {"entries": entries}, expected_rev=record["rev"])


# -- mails -------------------------------------------------------------------------------------


def _holder(repository: Repository, position: dict[str, Any]) -> dict[str, Any] | None:
    staff = position.get("staff")
    return repository.get("contacts", staff) if staff else None


def record_lines(position: dict[str, Any], holder: dict[str, Any] | None = None) -> list[str]:
    """The position as ``Feld: Wert`` lines between the markers (what the holder edits)."""
    lines = [BEGIN.format(id=position["id"])]
    if holder is not None:
        lines.append(f"{t('rounds.email_label')}: {holder.get('email') or ''}")
    for name in ASKED_FIELDS:
        spec = POSITIONS.field(name)
        value = spec.format(position.get(name)).replace("\n", " ")
        lines.append(f"{POSITIONS.field_label(name)}: {value}")
    lines.append(END.format(id=position["id"]))
    return lines


def round_mails(
    repository: Repository,
    round_id: int,
    *,
    sender: str,
    only: tuple[str, ...] = (OPEN,),
    reminder: bool = False,
) -> list[tuple[int, EmailMessage]]:
    """One mail per position holder whose entry is in ``only`` (positions without a holder are skipped)."""
    record = _round(repository, round_id)
    mails = []
    for key, entry in sorted((record.get("entries") or {}).items(), key=lambda item: int(item[0])):
        if entry.get("status") not in only:
            continue
        position = repository.get("positions", int(key))
        holder = _holder(repository, position) if position else None
        if not holder or not holder.get("email"):
            continue
        body = [
            t("rounds.mail_greeting", name=holder.get("name") or ""),
            "",
            t("rounds.mail_reminder" if reminder else "rounds.mail_intro"),
            "",
            *record_lines(position, holder),
            "",
            t("rounds.mail_reference", token=token(repository, round_id, position["id"], entry["rev"])),
        ]
        message = EmailMessage(policy=policy.SMTP)
        message["From"] = sender
        message["To"] = holder["email"]
        subject = "rounds.mail_subject_reminder" if reminder else "rounds.mail_subject"
        message["Subject"] = t(subject, school=position.get("school") or "")
        message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
        message.set_content("\n".join(body))
        mails.append((position["id"], message))
    return mails


def write_mails(repository: Repository, round_id: int, *, sender: str, reminder: bool = False) -> list[Path]:
    """The round's mails as .eml files in the exchange folder (for a mail client to send)."""
    _require_editor(repository)
    only = (OPEN, REMINDED) if reminder else (OPEN,)
    written = []
    for position_id, message in round_mails(
        repository, round_id, sender=sender, only=only, reminder=reminder
    ):
        name = f"Pruefrunde-{round_id}-Stelle-{position_id}{'-Erinnerung' if reminder else ''}.eml"
        target = exchange_file(repository.path, name)
        written.append(write_output(target, bytes(message), db_path=repository.path, replace=True))
        if reminder:
            _mark(repository, round_id, position_id, REMINDED, dry_run=False)
    return written


def read_messages(path: Path) -> list[Message]:
    """The messages of one ``.eml`` file or an mbox."""
    raw = Path(path).read_bytes()
    if raw.startswith(b"From "):
        box = mailbox.mbox(path, create=False)
        messages = [message_from_bytes(bytes(m), policy=policy.default) for m in box]
        box.close()
        return messages
    return [message_from_bytes(raw, policy=policy.default)]


def _body(message: Message) -> str:
    part = message.get_body(preferencelist=("plain",)) if hasattr(message, "get_body") else message
    return part.get_content() if part is not None else ""


def parse_reply(text: str, position_id: int) -> dict[str, str]:
    """The ``Feld: Wert`` lines between the markers of a reply (quote signs ``>`` taken off)."""
    labels = {POSITIONS.field_label(name).casefold(): name for name in ASKED_FIELDS}
    labels[t("rounds.email_label").casefold()] = HOLDER_EMAIL
    inside, texts = False, {}
    for raw in text.splitlines():
        line = raw.lstrip("> ").rstrip()
        if line == BEGIN.format(id=position_id):
            inside = True
        elif line == END.format(id=position_id):
            break
        elif inside and ":" in line:
            label, _, value = line.partition(":")
            name = labels.get(label.strip().casefold())
            if name:
                texts[name] = value.strip()
    return texts


def read_replies(
    repository: Repository,
    path: Path,
    *,
    accept: set[str] | dict[int, set[str]] | None = None,
    dry_run: bool = True,
) -> list[Answer]:
    """Read replies; show each one's per-field differences, take over the fields in ``accept``.

    ``accept`` None takes nothing (a look); a set of field names (``{"*"}`` for all) takes those
    from every reply; a dict takes, per position, the fields chosen for it (field by field).
    """
    _require_editor(repository)
    versions = _Versions(repository)
    answers = []
    for message in read_messages(path):
        text = _body(message)
        sender = next((addr for _n, addr in getaddresses(message.get_all("From", []))), "")
        answer = Answer(None, t("rounds.reply_from", sender=sender))
        answers.append(answer)
        if _confirmation(repository, text, sender, answer, dry_run=dry_run or accept is None):
            continue
        found = check_token(repository, text)
        if found is None:
            answer.flags.append(t("rounds.bad_token"))
            continue
        round_id, position_id, rev = found
        answer.position_id = position_id
        position = repository.get("positions", position_id)
        holder = _holder(repository, position) if position else None
        if not holder or (holder.get("email") or "").casefold() != sender.casefold():
            answer.flags.append(t("rounds.not_holder", sender=sender))
            continue
        texts = parse_reply(text, position_id)
        new_address = texts.pop(HOLDER_EMAIL, "").strip()
        if new_address and erasure.normalise_address(new_address) != erasure.normalise_address(
            holder["email"]
        ):
            answer.notes.append(t("rounds.email_pending", address=new_address))
            if not (dry_run or accept is None):
                _ask_confirmation(repository, holder, new_address, sender=message.get("To", ""))
        answered = _parse_answer(texts, answer)
        chosen = accept.get(position_id) if isinstance(accept, dict) else accept
        if chosen is not None and "*" in chosen:
            chosen = set(ASKED_FIELDS)
        _take(
            repository,
            versions,
            round_id,
            position_id,
            rev,
            answered,
            answer,
            dry_run=dry_run or chosen is None,
            accept=chosen,
        )
    return answers


def _ask_confirmation(repository: Repository, holder: dict[str, Any], address: str, *, sender: str) -> Path:
    """A mail to the new address; its reply (from that address) makes the change."""
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = sender or "koordination@localhost"
    message["To"] = address
    message["Subject"] = t("rounds.confirm_subject")
    message.set_content(
        t("rounds.confirm_body", name=holder.get("name") or "", old=holder.get("email") or "", new=address)
        + "\n\n"
        + t("rounds.mail_reference", token=confirm_token(repository, holder["id"], address))
    )
    target = exchange_file(repository.path, f"Bestaetigung-Kontakt-{holder['id']}.eml")
    return write_output(target, bytes(message), db_path=repository.path, replace=True)


def _confirmation(repository: Repository, text: str, sender: str, answer: Answer, *, dry_run: bool) -> bool:
    """Take a confirmed new address; True when the reply was a confirmation (valid or not)."""
    match = _CONFIRM.search(text)
    if match is None:
        return False
    contact_id = int(match.group(1))
    if not hmac.compare_digest(confirm_token(repository, contact_id, sender), match.group(0)):
        answer.flags.append(t("rounds.bad_token"))
        return True
    contact = repository.get("contacts", contact_id)
    if contact is None:
        answer.flags.append(t("rounds.bad_token"))
        return True
    answer.changes.append(FieldChange(HOLDER_EMAIL, contact.get("email"), sender))
    if not dry_run:
        repository.update("contacts", contact_id, {"email": sender}, expected_rev=contact["rev"])
        answer.applied = True
    return True


#: Files a round reads back: sheets and saved replies.
ROUND_SUFFIXES = (".csv", ".xlsx", ".eml", ".mbox", ".mbx")


def round_files(repository: Repository) -> list[str]:
    """Names in the exchange folder that a round can read (sheets, replies)."""
    return [
        name for name in exchange_files(repository.path) if Path(name).suffix.casefold() in ROUND_SUFFIXES
    ]


def round_file(repository: Repository, name: str) -> Path:
    """The file ``name`` in the exchange folder (a name, never a path)."""
    return exchange_file(repository.path, name)


def default_sender(repository: Repository) -> str:
    """The office's sender address from the mail settings (``[mail] sender`` or the environment)."""
    from ..mail.settings import MailSettings

    return MailSettings.load(repository.config).sender_address()


def rounds_overview(repository: Repository) -> list[tuple[dict[str, Any], dict[str, int]]]:
    """Every round, newest first, with where its positions stand."""
    return [(record, progress(repository, record["id"])) for record in reversed(repository.records("rounds"))]


def progress(repository: Repository, round_id: int) -> dict[str, int]:
    """How many positions of the round stand where."""
    counts = {str(status): 0 for status in RoundEntryStatus}
    for entry in (_round(repository, round_id).get("entries") or {}).values():
        counts[entry.get("status", OPEN)] = counts.get(entry.get("status", OPEN), 0) + 1
    return counts
