"""Field types: each knows how to parse text, format a value and validate it.

A stored value is plain JSON (str, number, bool, list, dict, or None for empty). The same field
object serves the form (parse what the user typed, show the message), the CSV import (parse a
cell), the export (format) and ``ssa-tui check`` (validate), so all of them agree by
construction. Messages come from the i18n catalogue in the current language.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, ClassVar

from ..domain import TOWNS, WEEKDAYS
from ..i18n import t
from ..text import has_control_chars


class FieldError(ValueError):
    """A value that does not fit its field; ``str()`` is the user-facing message."""


@dataclass(frozen=True)
class Field:
    """A text field; subclasses change parsing, formatting and rules."""

    name: str
    required: bool = False
    max_length: int = 300
    #: Value of a new record before anyone typed (None: the type's empty value).
    default: Any = None
    #: Shown and edited in forms; system fields (e.g. delivery marks) are not.
    in_form: bool = True
    #: Widget family the UI picks for this field: text, longtext, choice, bool, links …
    widget: ClassVar[str] = "text"
    multiline: ClassVar[bool] = False
    #: i18n key of a line that tells how to type a structured value ("" for none).
    hint: ClassVar[str] = ""

    # -- empty values ---------------------------------------------------------------------
    def empty(self) -> Any:
        return None

    def is_empty(self, value: Any) -> bool:
        return value is None or value == "" or value == [] or value == {}

    # -- text <-> value -------------------------------------------------------------------
    def parse(self, text: str) -> Any:
        """The stored value for ``text`` as typed or read from CSV; raises :class:`FieldError`."""
        text = text.strip() if not self.multiline else text.strip("\n ")
        if text == "":
            return self.empty()
        value = self.parse_value(text)
        self.check_value(value)
        return value

    def parse_value(self, text: str) -> Any:
        return text

    def format(self, value: Any) -> str:
        """``value`` as text for a form field or a CSV cell (``parse`` reads it back)."""
        if self.is_empty(value):
            return ""
        return self.format_value(value)

    def format_value(self, value: Any) -> str:
        return str(value)

    def display(self, value: Any) -> str:
        """``value`` as one line for a list cell."""
        return self.format(value).replace("\n", " ")

    # -- validation -----------------------------------------------------------------------
    def validate(self, value: Any) -> list[str]:
        """Every problem of a stored value, as user-facing messages (empty list: fine)."""
        if self.is_empty(value):
            return [t("error.required")] if self.required else []
        try:
            self.check_value(value)
        except FieldError as error:
            return [str(error)]
        return []

    def check_value(self, value: Any) -> None:
        """Raise :class:`FieldError` when a non-empty stored value breaks a rule."""
        if not isinstance(value, str):
            raise FieldError(t("error.link_format"))
        if len(value) > self.max_length:
            raise FieldError(t("error.too_long", max=self.max_length))
        if has_control_chars(value, multiline=self.multiline):
            raise FieldError(t("error.control_chars"))


@dataclass(frozen=True)
class LongText(Field):
    """Several lines of text (notes, descriptions)."""

    max_length: int = 4000
    widget: ClassVar[str] = "longtext"
    multiline: ClassVar[bool] = True


@dataclass(frozen=True)
class Choice(Field):
    """One of a fixed list of values (stored as the German value itself)."""

    choices: tuple[str, ...] = ()
    widget: ClassVar[str] = "choice"

    def parse_value(self, text: str) -> Any:
        folded = text.casefold()
        for choice in self.choices:
            if choice.casefold() == folded:
                return choice
        raise FieldError(self.choice_message())

    def check_value(self, value: Any) -> None:
        if value not in self.choices:
            raise FieldError(self.choice_message())

    def choice_message(self) -> str:
        return t("error.choice", choices=", ".join(self.choices))


@dataclass(frozen=True)
class Town(Choice):
    """One of the 14 towns of the district."""

    choices: tuple[str, ...] = tuple(TOWNS)

    def choice_message(self) -> str:
        return t("error.town", choices=", ".join(self.choices))


_DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y")


@dataclass(frozen=True)
class Date(Field):
    """A calendar day, stored as ``YYYY-MM-DD``, shown as ``TT.MM.JJJJ``."""

    widget: ClassVar[str] = "date"

    def parse_value(self, text: str) -> Any:
        for pattern in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(text, pattern).date().isoformat()
            except ValueError:
                continue
        raise FieldError(t("error.date"))

    def format_value(self, value: Any) -> str:
        return f"{value[8:10]}.{value[5:7]}.{value[0:4]}"  # stored as YYYY-MM-DD (checked on write)

    def check_value(self, value: Any) -> None:
        try:
            dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise FieldError(t("error.date")) from None


@dataclass(frozen=True)
class DateTime(Field):
    """A point in time (local time of the office), stored as ``YYYY-MM-DDTHH:MM``."""

    widget: ClassVar[str] = "datetime"

    def parse_value(self, text: str) -> Any:
        text = re.sub(r"\s*(Uhr)?$", "", text.replace("T", " "))
        for pattern in ("%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M", "%d.%m.%y %H:%M", "%Y-%m-%d %H:%M:%S"):
            try:
                return dt.datetime.strptime(text, pattern).strftime("%Y-%m-%dT%H:%M")
            except ValueError:
                continue
        for pattern in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(text, pattern).strftime("%Y-%m-%dT00:00")
            except ValueError:
                continue
        raise FieldError(t("error.datetime"))

    def format_value(self, value: Any) -> str:
        moment = dt.datetime.fromisoformat(value)
        # A day without a known time is stored at 00:00 and shown as the day alone.
        return moment.strftime("%d.%m.%Y" if moment.time() == dt.time() else "%d.%m.%Y %H:%M")

    def check_value(self, value: Any) -> None:
        try:
            dt.datetime.fromisoformat(value)
        except (TypeError, ValueError):
            raise FieldError(t("error.datetime")) from None


def parse_german_number(text: str) -> float:
    """``19,5`` or ``19.5`` or ``1.234,5`` → float; raises ValueError."""
    text = text.replace(" ", "").replace("\u202f", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    return float(text)


def format_german_number(value: float | int) -> str:
    """A number the German way: ``19,5``, ``20`` (no needless decimals)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(".", ",")


@dataclass(frozen=True)
class Number(Field):
    """A decimal number (German comma), optionally bounded; ``low_open`` excludes ``low``."""

    low: float | None = None
    high: float | None = None
    low_open: bool = False
    message: str = "error.range"
    widget: ClassVar[str] = "number"

    def parse_value(self, text: str) -> Any:
        try:
            number = parse_german_number(text)
        except ValueError:
            raise FieldError(t("error.number")) from None
        return int(number) if number.is_integer() else number

    def format_value(self, value: Any) -> str:
        return format_german_number(value)

    def check_value(self, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
            raise FieldError(t("error.number"))
        too_low = self.low is not None and (value <= self.low if self.low_open else value < self.low)
        too_high = self.high is not None and value > self.high
        if too_low or too_high:
            raise FieldError(
                t(
                    self.message,
                    low=format_german_number(self.low or 0),
                    high=format_german_number(self.high or 0),
                )
            )


@dataclass(frozen=True)
class Integer(Number):
    """A whole number ≥ ``low`` (counts: participants, capacity)."""

    low: float | None = 0
    message: str = "error.min"

    def parse_value(self, text: str) -> Any:
        try:
            return int(text.replace(".", "").replace(" ", ""))
        except ValueError:
            raise FieldError(t("error.integer")) from None

    def check_value(self, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise FieldError(t("error.integer"))
        super().check_value(value)


_TRUE = {"ja", "j", "yes", "y", "true", "wahr", "1", "x"}
_FALSE = {"nein", "n", "no", "false", "falsch", "0", ""}


@dataclass(frozen=True)
class Bool(Field):
    """Yes or no; CSV accepts ja/nein, true/false, 1/0. Empty means no."""

    widget: ClassVar[str] = "bool"

    def empty(self) -> Any:
        return False

    def is_empty(self, value: Any) -> bool:
        return value is None

    def parse(self, text: str) -> Any:
        folded = text.strip().casefold()
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
        raise FieldError(t("error.bool"))

    def format_value(self, value: Any) -> str:
        return t("bool.yes") if value else t("bool.no")

    def check_value(self, value: Any) -> None:
        if not isinstance(value, bool):
            raise FieldError(t("error.bool"))


@dataclass(frozen=True)
class Email(Field):
    """An e-mail address, checked for syntax (no network look-up)."""

    max_length: int = 254

    def parse_value(self, text: str) -> Any:
        return text

    def check_value(self, value: Any) -> None:
        super().check_value(value)
        from email_validator import EmailNotValidError, validate_email

        try:
            validate_email(value, check_deliverability=False)
        except EmailNotValidError:
            raise FieldError(t("error.email")) from None


# German numbers: 0 + area code or +49 / 0049, then digits with spaces, slashes, dashes, brackets.
_PHONE = re.compile(r"^(\+49|0049|0|\(0)[\d\s/\-()]*$")


@dataclass(frozen=True)
class Phone(Field):
    """A German phone number such as ``02921 30-3947`` or ``+49 2921 303947``."""

    max_length: int = 40

    def check_value(self, value: Any) -> None:
        super().check_value(value)
        digits = re.sub(r"\D", "", value)
        if not _PHONE.match(value) or not 6 <= len(digits) <= 15:
            raise FieldError(t("error.phone"))


@dataclass(frozen=True)
class SchoolNumber(Field):
    """The six-digit official number of a school in NRW."""

    max_length: int = 6

    def check_value(self, value: Any) -> None:
        if not isinstance(value, str) or not re.fullmatch(r"\d{6}", value):
            raise FieldError(t("error.school_number"))


@dataclass(frozen=True)
class PostalCode(Field):
    """A five-digit German postal code (that it fits the town is a rule of the kind)."""

    max_length: int = 5

    def check_value(self, value: Any) -> None:
        if not isinstance(value, str) or not re.fullmatch(r"\d{5}", value):
            raise FieldError(t("error.postal_code"))


@dataclass(frozen=True)
class Link(Field):
    """The id of one record of ``target`` (or empty)."""

    target: str = "contacts"
    widget: ClassVar[str] = "link"

    def parse_value(self, text: str) -> Any:
        try:
            return int(text.lstrip("#"))
        except ValueError:
            raise FieldError(t("error.link_format")) from None

    def format_value(self, value: Any) -> str:
        return str(value)

    def check_value(self, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise FieldError(t("error.link_format"))

    def ids(self, value: Any) -> list[int]:
        """Every id this value links to."""
        return [] if self.is_empty(value) else [value]

    def without(self, value: Any, target_id: int) -> Any:
        """``value`` with every link to ``target_id`` removed."""
        return None if value == target_id else value


@dataclass(frozen=True)
class Links(Link):
    """Ids of several records of ``target``; text form ``3, 7, 12``."""

    widget: ClassVar[str] = "links"

    def empty(self) -> Any:
        return []

    def parse_value(self, text: str) -> Any:
        return [Link.parse_value(self, part.strip()) for part in re.split(r"[,;]", text) if part.strip()]

    def format_value(self, value: Any) -> str:
        return ", ".join(str(item) for item in value)

    def check_value(self, value: Any) -> None:
        if not isinstance(value, list):
            raise FieldError(t("error.link_format"))
        for item in value:
            Link.check_value(self, item)

    def ids(self, value: Any) -> list[int]:
        return list(value or [])

    def without(self, value: Any, target_id: int) -> Any:
        return [item for item in value or [] if item != target_id]


@dataclass(frozen=True)
class RoleLinks(Link):
    """Links with a role each: ``[{"contact": 3, "role": "Ansprechperson Raum Lippstadt"}]``.

    Text form: one ``id: role`` per line (``3: Ansprechperson Raum Lippstadt``).
    """

    widget: ClassVar[str] = "rolelinks"
    multiline: ClassVar[bool] = True
    hint: ClassVar[str] = "hint.rolelinks"

    def empty(self) -> Any:
        return []

    def parse_value(self, text: str) -> Any:
        entries = []
        for line in re.split(r"[\n|]", text):
            if not line.strip():
                continue
            ref, _, role = line.partition(":")
            entries.append({"contact": Link.parse_value(self, ref.strip()), "role": role.strip()})
        return entries

    def format_value(self, value: Any) -> str:
        return "\n".join(f"{entry['contact']}: {entry.get('role', '')}".rstrip(": ") for entry in value)

    def display(self, value: Any) -> str:
        return self.format(value).replace("\n", " | ")

    def check_value(self, value: Any) -> None:
        if not isinstance(value, list):
            raise FieldError(t("error.link_format"))
        for entry in value:
            if not isinstance(entry, dict) or not isinstance(entry.get("contact"), int):
                raise FieldError(t("error.link_format"))
            Field.check_value(self, entry.get("role", ""))

    def ids(self, value: Any) -> list[int]:
        return [entry["contact"] for entry in value or []]

    def without(self, value: Any, target_id: int) -> Any:
        return [entry for entry in value or [] if entry["contact"] != target_id]


@dataclass(frozen=True)
class OfficeHours(Field):
    """Office hours per weekday: ``{"Montag": "08:00–16:00", …}``; text ``Montag: 08:00–16:00``."""

    widget: ClassVar[str] = "longtext"
    multiline: ClassVar[bool] = True
    hint: ClassVar[str] = "hint.office_hours"

    def empty(self) -> Any:
        return {}

    def parse_value(self, text: str) -> Any:
        hours: dict[str, str] = {}
        for line in re.split(r"[\n|;]", text):
            if not line.strip():
                continue
            day, sep, times = line.partition(":")
            day = _weekday(day.strip())
            if not sep or day is None or not times.strip():
                raise FieldError(t("error.office_hours"))
            hours[day] = times.strip()
        return hours

    def format_value(self, value: Any) -> str:
        return "\n".join(f"{day}: {value[day]}" for day in WEEKDAYS if day in value)

    def display(self, value: Any) -> str:
        return self.format(value).replace("\n", "; ")

    def check_value(self, value: Any) -> None:
        if not isinstance(value, dict) or any(day not in WEEKDAYS for day in value):
            raise FieldError(t("error.office_hours"))
        for times in value.values():
            Field.check_value(self, times)


def _weekday(text: str) -> str | None:
    """``Mo``, ``montag``, ``Monday``, ``Mon`` → ``Montag``."""
    folded = text.casefold().rstrip(".")
    english = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    for day, day_en in zip(WEEKDAYS, english):
        if folded in (day.casefold(), day.casefold()[:2], day_en, day_en[:3]):
            return day
    return None


@dataclass(frozen=True)
class Sections(Field):
    """Newsletter sections: ``[{"title": …, "body": …}]``; text form ``## Title`` + body lines."""

    max_length: int = 20000
    widget: ClassVar[str] = "longtext"
    multiline: ClassVar[bool] = True
    hint: ClassVar[str] = "hint.sections"

    def empty(self) -> Any:
        return []

    def parse_value(self, text: str) -> Any:
        sections: list[dict[str, str]] = []
        for line in text.splitlines():
            if line.startswith("## "):
                sections.append({"title": line[3:].strip(), "body": ""})
            elif sections:
                sections[-1]["body"] += line + "\n"
            elif line.strip():
                sections.append({"title": "", "body": line + "\n"})
        for section in sections:
            section["body"] = section["body"].strip("\n")
        return sections

    def format_value(self, value: Any) -> str:
        parts = []
        for section in value:
            head = f"## {section.get('title', '')}\n" if section.get("title") else ""
            parts.append(head + section.get("body", ""))
        return "\n\n".join(parts)

    def display(self, value: Any) -> str:
        return ", ".join(section.get("title", "") for section in value)

    def check_value(self, value: Any) -> None:
        if not isinstance(value, list) or not all(isinstance(s, dict) for s in value):
            raise FieldError(t("error.link_format"))
        if sum(len(s.get("title", "")) + len(s.get("body", "")) for s in value) > self.max_length:
            raise FieldError(t("error.too_long", max=self.max_length))
        for section in value:
            LongText.check_value(LongText(self.name), section.get("title", ""))
            LongText.check_value(LongText(self.name, max_length=self.max_length), section.get("body", ""))


AUDIENCE_KEYS = ("role", "town", "organisation", "group", "event")


@dataclass(frozen=True)
class Audience(Field):
    """A saved filter over contacts, e.g. ``{"town": ["Soest"], "group": [1]}``.

    Text form ``town=Soest,Werl; group=1``; an empty filter means every contact with consent.
    Only contacts with newsletter consent are ever mailed, whatever the filter says.
    """

    widget: ClassVar[str] = "text"
    hint: ClassVar[str] = "hint.audience"

    def empty(self) -> Any:
        return {}

    def parse_value(self, text: str) -> Any:
        audience: dict[str, list] = {}
        for part in text.split(";"):
            if not part.strip():
                continue
            key, sep, values = part.partition("=")
            key = key.strip()
            if not sep or key not in AUDIENCE_KEYS:
                raise FieldError(t("error.audience", keys=", ".join(AUDIENCE_KEYS)))
            items = [v.strip() for v in values.split(",") if v.strip()]
            if key in ("group", "event"):
                try:
                    audience[key] = [int(v.lstrip("#")) for v in items]
                except ValueError:
                    raise FieldError(t("error.audience", keys=", ".join(AUDIENCE_KEYS))) from None
            else:
                audience[key] = items
        return audience

    def format_value(self, value: Any) -> str:
        return "; ".join(
            f"{key}={','.join(str(v) for v in value[key])}" for key in AUDIENCE_KEYS if key in value
        )

    def check_value(self, value: Any) -> None:
        well_formed = isinstance(value, dict) and all(
            key in AUDIENCE_KEYS and isinstance(items, list) for key, items in value.items()
        )
        if not well_formed:
            raise FieldError(t("error.audience", keys=", ".join(AUDIENCE_KEYS)))


@dataclass(frozen=True)
class SystemData(Field):
    """Data the program keeps on a record and no form edits (e.g. per-recipient send marks)."""

    in_form: bool = False

    def empty(self) -> Any:
        return {}

    def format_value(self, value: Any) -> str:
        import json

        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    def parse_value(self, text: str) -> Any:
        import json

        try:
            return json.loads(text)
        except ValueError:
            raise FieldError(t("error.link_format")) from None

    def check_value(self, value: Any) -> None:
        if not isinstance(value, (dict, list)):
            raise FieldError(t("error.link_format"))


#: A full post: the hours of all allocations of one position add up to at most this.
MAX_WEEKLY_HOURS = 41
_ALLOCATION = re.compile(r"([^()\s]+)\s*\(\s*([^()]*?)\s*\)")


@dataclass(frozen=True)
class Allocations(Field):
    """The schools a position serves, with its weekly hours at each.

    Stored as ``[{"school_number": "166234", "hours": 19.5}, …]``; text form
    ``166234 (19,5); 166258 (19,5)``. The state's funding guideline asks for exactly this: the
    school numbers and the hours at each school. Whether a number is a known school is a finding
    of the report, not an error: the list of schools may be completed later.
    """

    hint: ClassVar[str] = "hint.allocations"

    def empty(self) -> Any:
        return []

    def parse_value(self, text: str) -> Any:
        import unicodedata

        allocations = []
        for part in re.split(r"[;\n|]", unicodedata.normalize("NFKC", text)):
            if not part.strip():
                continue
            match = _ALLOCATION.fullmatch(part.strip())
            if match is None:
                raise FieldError(t("error.allocations_format"))
            try:
                hours = parse_german_number(match.group(2))
            except ValueError:
                raise FieldError(t("error.allocations_format")) from None
            allocations.append(
                {"school_number": match.group(1), "hours": int(hours) if hours.is_integer() else hours}
            )
        return allocations

    def format_value(self, value: Any) -> str:
        return "; ".join(f"{item['school_number']} ({format_german_number(item['hours'])})" for item in value)

    def check_value(self, value: Any) -> None:
        if not isinstance(value, list) or not all(
            isinstance(item, dict) and set(item) == {"school_number", "hours"} for item in value
        ):
            raise FieldError(t("error.allocations_format"))
        seen: set[str] = set()
        for item in value:
            number, hours = item["school_number"], item["hours"]
            if not isinstance(number, str) or not re.fullmatch(r"[0-9]{6}", number):
                raise FieldError(t("error.allocation_school_number", number=number))
            if number in seen:
                raise FieldError(t("error.allocation_twice", number=number))
            seen.add(number)
            if isinstance(hours, bool) or not isinstance(hours, (int, float)) or not hours > 0:
                raise FieldError(t("error.allocation_hours", number=number))
        total = sum(item["hours"] for item in value)
        if total > MAX_WEEKLY_HOURS:
            raise FieldError(
                t(
                    "error.allocations_total",
                    total=format_german_number(round(total, 2)),
                    max=MAX_WEEKLY_HOURS,
                )
            )
