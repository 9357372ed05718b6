"""Field types: each knows how to parse text, format a value and validate it.

A stored value is plain JSON (str, number, bool, list, dict, or None for empty). The same field
object serves the form (parse what the user typed, show the message), the CSV import (parse a
cell), the export (format) and ``ssa-tui check`` (validate), so all of them agree by
construction. Messages come from the i18n catalogue in the current language.

Every value is bounded (lengths, ranges, years), so nothing a person or a file types can
overflow the store or disguise itself: text is stored NFC, digits are ASCII after NFKC (a
full-width ``１２３４５６`` is the school number ``123456``), and invisible characters
(zero-width, line separators, bidi controls) are refused with a message at the field.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from ..domain import TOWNS, WEEKDAYS
from ..i18n import t
from ..text import has_control_chars
from . import audience as _audience


class FieldError(ValueError):
    """A value that does not fit its field; ``str()`` is the user-facing message."""


#: Characters that hide or disguise text: zero-width (U+200B–U+200D), LRM/RLM, line and paragraph
#: separators, word joiner, byte-order mark, bidi embeddings, overrides and isolates, and lone
#: surrogates (which no file can store).
_INVISIBLE = re.compile(
    "[\u200b-\u200f\u061c\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff\ud800-\udfff]"
)
#: In long text ZWJ/ZWNJ (U+200C/U+200D) stay allowed: emoji sequences and some scripts need them.
_INVISIBLE_LONG = re.compile(
    "[\u200b\u200e\u200f\u061c\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff\ud800-\udfff]"
)
#: Short text: names, titles, roles …; long text: notes and descriptions.
SHORT_TEXT = 200
LONG_TEXT = 10_000
#: Years a date may have (``1.1.0005`` is a typing error, not a date).
FIRST_YEAR, LAST_YEAR = 1900, 2100
#: The most items a list of links may hold, and the highest record id a link may name.
MAX_LINKS = 100_000
MAX_ID = 10**9


def check_text(value: str, *, max_length: int, multiline: bool = False) -> None:
    """Raise :class:`FieldError` for text that is too long or holds hidden or control characters."""
    if len(value) > max_length:
        raise FieldError(t("error.too_long", max=max_length))
    if (_INVISIBLE_LONG if multiline else _INVISIBLE).search(value):
        raise FieldError(t("error.invisible"))
    if has_control_chars(value, multiline=multiline):
        raise FieldError(t("error.control_chars"))


def match_key(text: str) -> str:
    """How names are compared (uniqueness, import matching, link names): NFC, case-folded,
    runs of spaces as one — never accent-stripped (``Müller`` is not ``Muller``)."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def ascii_digits(text: str) -> str:
    """``text`` after NFKC (full-width ``１２`` → ``12``); other scripts' digits stay and are refused
    by the patterns of the field types, which only accept ``0``–``9``."""
    return unicodedata.normalize("NFKC", text)


def _shown(write: Callable[[Any], str], value: Any) -> str:
    """``write(value)``, or the value as it is when it is damaged (``ssa-tui check`` names it):
    a list or an export never fails on one bad cell."""
    try:
        return write(value)
    except (TypeError, ValueError, KeyError, AttributeError):
        return str(value)


# Fields are frozen and compare by identity (each is one object in its kind's tuple): without
# generated __eq__, __hash__ and __repr__, and with @dataclass only on the classes that add or
# change a field (the others inherit __init__ and the frozen guard), this module imports in half
# the time — which every command and the TUI's first frame wait for.
@dataclass(frozen=True, eq=False, repr=False)
class Field:
    """A short text field (names, titles); subclasses change parsing, formatting and rules."""

    name: str
    required: bool = False
    max_length: int = SHORT_TEXT
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
        text = self.prepare(text)
        if text == "":
            return self.empty()
        value = self.parse_value(text)
        self.check_value(value)
        return value

    def prepare(self, text: str) -> str:
        """``text`` in NFC with Windows line breaks as ``\\n`` and outer blanks removed."""
        text = unicodedata.normalize("NFC", text)
        if self.multiline:
            return text.replace("\r\n", "\n").replace("\r", "\n").strip("\n ")
        return text.strip()

    def parse_value(self, text: str) -> Any:
        return text

    def format(self, value: Any) -> str:
        """``value`` as text for a form field or a CSV cell (``parse`` reads it back)."""
        if self.is_empty(value):
            return ""
        return _shown(self.format_value, value)

    def format_value(self, value: Any) -> str:
        return str(value)

    def display(self, value: Any) -> str:
        """``value`` as one line for a list cell."""
        if self.is_empty(value):
            return ""
        return _shown(self.display_value, value)

    def display_value(self, value: Any) -> str:
        return self.format_value(value).replace("\n", " ")

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
            raise FieldError(t("error.not_text"))
        check_text(value, max_length=self.max_length, multiline=self.multiline)


@dataclass(frozen=True, eq=False, repr=False)
class LongText(Field):
    """Several lines of text (notes, descriptions)."""

    max_length: int = LONG_TEXT
    widget: ClassVar[str] = "longtext"
    multiline: ClassVar[bool] = True


@dataclass(frozen=True, eq=False, repr=False)
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


@dataclass(frozen=True, eq=False, repr=False)
class Town(Choice):
    """One of the 14 towns of the district."""

    choices: tuple[str, ...] = tuple(TOWNS)

    def choice_message(self) -> str:
        return t("error.town", choices=", ".join(self.choices))


class AnyTown(Field):
    """Any town (partners come from Münster or Dortmund too); a Kreis town is written the way the
    district writes it (``soest`` → ``Soest``), so the postal-code rule can apply to it."""

    def parse_value(self, text: str) -> Any:
        folded = match_key(text)
        return next((town for town in TOWNS if town.casefold() == folded), text)


_DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y")
_TIME_FORMATS = ("%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M", "%d.%m.%y %H:%M", "%Y-%m-%d %H:%M:%S")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ISO_TIMED = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}")


def _read_date(text: str, patterns: tuple[str, ...]) -> dt.datetime | None:
    """The first pattern that reads ``text`` (ASCII digits only), or None."""
    if not text.isascii():
        return None
    for pattern in patterns:
        try:
            return dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise FieldError(t("error.year", low=FIRST_YEAR, high=LAST_YEAR))


class Date(Field):
    """A calendar day, stored as ``YYYY-MM-DD``, shown as ``TT.MM.JJJJ``."""

    widget: ClassVar[str] = "date"

    def parse_value(self, text: str) -> Any:
        moment = _read_date(ascii_digits(text), _DATE_FORMATS)
        if moment is None:
            raise FieldError(t("error.date"))
        return moment.date().isoformat()

    def format_value(self, value: Any) -> str:
        return f"{value[8:10]}.{value[5:7]}.{value[0:4]}"  # stored as YYYY-MM-DD (checked on write)

    def check_value(self, value: Any) -> None:
        if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
            raise FieldError(t("error.date"))
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise FieldError(t("error.date")) from None
        _check_year(day.year)


def is_timed(value: str) -> bool:
    """True for a stored ``YYYY-MM-DDTHH:MM``, False for a date-only (all-day) ``YYYY-MM-DD``."""
    return len(value) > 10


def ends_before(start: str, end: str) -> bool:
    """Whether ``end`` lies before ``start``, for stored values of either shape: a date-only value
    is the whole day, so it is compared by day (``2027-05-03`` does not end before
    ``2027-05-03T14:00``)."""
    if is_timed(start) and is_timed(end):
        return end < start
    return end[:10] < start[:10]


class DateTime(Field):
    """A day (all-day, stored ``YYYY-MM-DD``) or a point in time (``YYYY-MM-DDTHH:MM``, the office's
    local time). ``03.05.2027`` stays a day — no invented 00:00; ``03.05.2027 14:00`` is timed."""

    widget: ClassVar[str] = "datetime"

    def parse_value(self, text: str) -> Any:
        text = re.sub(r"\s*(Uhr|uhr)$", "", ascii_digits(text).replace("T", " "))
        moment = _read_date(text, _TIME_FORMATS)
        if moment is not None:
            return moment.isoformat(timespec="minutes")  # year 5 as 0005: refused by its check
        day = _read_date(text, _DATE_FORMATS)
        if day is not None:
            return day.date().isoformat()
        raise FieldError(t("error.datetime"))

    def format_value(self, value: Any) -> str:
        day = f"{value[8:10]}.{value[5:7]}.{value[0:4]}"
        return f"{day} {value[11:16]}" if is_timed(value) else day

    def check_value(self, value: Any) -> None:
        if not isinstance(value, str) or not (_ISO_DATE.fullmatch(value) or _ISO_TIMED.fullmatch(value)):
            raise FieldError(t("error.datetime"))
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            raise FieldError(t("error.datetime")) from None
        _check_year(moment.year)


# ``19,5`` · ``19.5`` · ``1.234,5`` · ``-3``: ASCII digits, a decimal comma or point, dots between
# groups of thousands.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]+)?|[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?)")
_INTEGER = re.compile(r"[+-]?(?:[0-9]+|[0-9]{1,3}(?:\.[0-9]{3})+)")


def parse_german_number(text: str) -> float:
    """``19,5`` or ``19.5`` or ``1.234,5`` → float; raises ValueError (also for ``nan``, ``1e9``)."""
    text = ascii_digits(text).replace(" ", "")  # NFKC made the narrow no-break space a space
    if not _NUMBER.fullmatch(text):
        raise ValueError(text)
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    return float(text)


def format_german_number(value: float | int) -> str:
    """A number the German way: ``19,5``, ``20`` (no needless decimals)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(".", ",")


def _bound_text(value: float) -> str:
    """A bound in a message: ``41``, ``0,5``, ``100.000``."""
    if float(value).is_integer() and abs(value) >= 10_000:
        return f"{int(value):,}".replace(",", ".")
    return format_german_number(value)


@dataclass(frozen=True, eq=False, repr=False)
class Number(Field):
    """A decimal number (German comma) within ``low``..``high``; ``low_open`` excludes ``low``."""

    low: float = 0
    high: float = 100_000
    low_open: bool = False
    #: Decimal places kept (``19,25`` hours); more are refused rather than silently rounded.
    places: int = 2
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

    def out_of_range(self) -> FieldError:
        return FieldError(t(self.message, low=_bound_text(self.low), high=_bound_text(self.high)))

    def check_value(self, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
            raise FieldError(t("error.number"))
        too_low = value <= self.low if self.low_open else value < self.low
        if too_low or value > self.high:
            raise self.out_of_range()
        if isinstance(value, float) and round(value, self.places) != value:
            raise FieldError(t("error.places", places=self.places))


class Integer(Number):
    """A whole number within ``low``..``high`` (counts: participants, capacity: 0 to 100.000)."""

    def parse_value(self, text: str) -> Any:
        text = ascii_digits(text).replace(" ", "")
        if not _INTEGER.fullmatch(text):
            raise FieldError(t("error.integer"))
        try:
            return int(text.replace(".", ""))
        except ValueError:  # more digits than Python converts: far out of range anyway
            raise self.out_of_range() from None

    def check_value(self, value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise FieldError(t("error.integer"))
        super().check_value(value)


_TRUE = {"ja", "j", "yes", "y", "true", "wahr", "1", "x"}
_FALSE = {"nein", "n", "no", "false", "falsch", "0", ""}


class Bool(Field):
    """Yes or no; CSV accepts ja/nein, true/false, 1/0. Empty means no."""

    widget: ClassVar[str] = "bool"

    def empty(self) -> Any:
        return False

    def is_empty(self, value: Any) -> bool:
        return value is None

    def parse(self, text: str) -> Any:
        folded = ascii_digits(text).strip().casefold()
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


@dataclass(frozen=True, eq=False, repr=False)
class Email(Field):
    """An e-mail address, checked for syntax (no network look-up), stored as typed.

    A domain with umlauts (``anna@müller.de``) is fine — mail goes out in its ASCII form. A local
    part with them (``jörg@…``) is refused: it needs SMTPUTF8, which mail servers cannot be
    relied on to carry.
    """

    max_length: int = 254

    def check_value(self, value: Any) -> None:
        super().check_value(value)
        local, _, _domain = value.rpartition("@")
        if not local.isascii():
            raise FieldError(t("error.email_local_ascii"))
        if not _email_syntax_ok(value):
            raise FieldError(t("error.email"))


@functools.lru_cache(maxsize=65_536)
def _email_syntax_ok(address: str) -> bool:
    """Whether ``address`` is well-formed (no SMTPUTF8, no network). Remembered: an import checks
    each address when it parses the row and again when the store validates it under the lock."""
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(address, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError:
        return False
    return True


# German numbers: 0 + area code or +49 / 0049, then digits with spaces, slashes, dashes, brackets.
_PHONE = re.compile(r"(\+49|0049|0|\(0)[0-9 /\-()]*")


@dataclass(frozen=True, eq=False, repr=False)
class Phone(Field):
    """A German phone number such as ``02921 30-3947`` or ``+49 2921 303947``."""

    max_length: int = 40

    def parse_value(self, text: str) -> Any:
        return ascii_digits(text)

    def check_value(self, value: Any) -> None:
        super().check_value(value)
        digits = re.sub(r"[^0-9]", "", value)
        if not _PHONE.fullmatch(value) or not 6 <= len(digits) <= 15:
            raise FieldError(t("error.phone"))


@dataclass(frozen=True, eq=False, repr=False)
class SchoolNumber(Field):
    """The six-digit official number of a school in NRW (ASCII digits; full-width ones converted)."""

    max_length: int = 6

    def parse_value(self, text: str) -> Any:
        return ascii_digits(text)

    def check_value(self, value: Any) -> None:
        if not isinstance(value, str) or not re.fullmatch(r"[0-9]{6}", value):
            raise FieldError(t("error.school_number"))


@dataclass(frozen=True, eq=False, repr=False)
class PostalCode(Field):
    """A five-digit German postal code (that it fits the town is a rule of the kind)."""

    max_length: int = 5

    def parse_value(self, text: str) -> Any:
        return ascii_digits(text)

    def check_value(self, value: Any) -> None:
        if not isinstance(value, str) or not re.fullmatch(r"[0-9]{5}", value):
            raise FieldError(t("error.postal_code"))


# -- links -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ambiguous:
    """The answer of a :data:`Resolve` for a name that fits several records: (id, title) of each."""

    candidates: tuple[tuple[int, str], ...]


#: ``resolve(target_kind, name)``: the id of the one record of that kind with that name, an
#: :class:`Ambiguous` when several have it, None when none has.
Resolve = Callable[[str, str], "int | Ambiguous | None"]
#: ``title_of(target_kind, id)``: the name of a record, None when it does not exist.
TitleOf = Callable[[str, int], "str | None"]

_ID_REF = re.compile(r"#?([0-9]{1,18})")
# ``Hans Müller (#5)``: a name with its id; the id decides (names change, ids do not).
_NAMED_ID_REF = re.compile(r"(.*?)\s*\(#([0-9]{1,18})\)")


@dataclass(frozen=True, eq=False, repr=False)
class Link(Field):
    """The id of one record of ``target`` (or empty).

    The link text grammar lives here and in the two subclasses, once for forms, imports and
    exports: a reference is an id (``5``, ``#5``), a name (``Hans Müller``, looked up by
    :meth:`parse_text`'s ``resolve``) or both (``Hans Müller (#5)``); :class:`Links` separate
    references with ``,`` or ``;``, :class:`RoleLinks` write one ``reference: role`` a line.
    """

    target: str = "contacts"
    widget: ClassVar[str] = "link"
    #: Characters that end a reference in this type's text (a name holding one is written as id).
    separators: ClassVar[str] = ""

    # -- text -> value ----------------------------------------------------------------------
    def parse_text(self, text: str, resolve: Resolve | None = None) -> Any:
        """The stored value for link text with ids and (given ``resolve``) names."""
        text = self.prepare(text)
        if text == "":
            return self.empty()
        value = self.value_from_text(text, resolve)
        self.check_value(value)
        return value

    def parse_value(self, text: str) -> Any:
        return self.value_from_text(text, None)  # ids only (and ``Name (#id)``)

    def value_from_text(self, text: str, resolve: Resolve | None) -> Any:
        return self.ref(text, resolve)

    def ref(self, text: str, resolve: Resolve | None) -> int:
        """The id one reference names; raises :class:`FieldError` naming the candidates."""
        text = text.strip()
        for pattern in (_ID_REF, _NAMED_ID_REF):
            match = pattern.fullmatch(ascii_digits(text))  # full-width ``５`` is the id 5
            if match:
                return int(match.groups()[-1])
        if resolve is None or not text:
            raise FieldError(t("error.link_format"))
        found = resolve(self.target, text)
        if isinstance(found, Ambiguous):
            candidates = ", ".join(f"{title} (#{target_id})" for target_id, title in found.candidates)
            raise FieldError(t("error.link_ambiguous", ref=text[:80], candidates=candidates))
        if found is None:
            raise FieldError(t("error.link_unknown", ref=text[:80], kind=t(f"kind.{self.target}.one")))
        return found

    # -- value -> text ----------------------------------------------------------------------
    def format_text(self, value: Any, title_of: TitleOf, resolve: Resolve | None = None) -> str:
        """``value`` as link text with names: a name alone where ``resolve`` finds exactly this
        record by it, else ``Name (#id)``; the bare id where the name cannot be written
        (gone, or holding a separator)."""
        if self.is_empty(value):
            return ""
        return self.text_from_refs(value, lambda target_id: self.ref_text(target_id, title_of, resolve))

    def text_from_refs(self, value: Any, ref_text: Callable[[int], str]) -> str:
        return ref_text(value)

    def ref_text(self, target_id: int, title_of: TitleOf, resolve: Resolve | None) -> str:
        title = title_of(self.target, target_id)
        if not title or not self.writable_name(title):
            return str(target_id)
        if resolve is not None and resolve(self.target, title) == target_id:
            return title
        return f"{title} (#{target_id})"

    def writable_name(self, title: str) -> bool:
        """Whether ``title`` reads back as a name in this type's link text."""
        return (
            title == title.strip()
            and not _ID_REF.fullmatch(ascii_digits(title))
            and not _NAMED_ID_REF.fullmatch(title)
            and not any(char in title for char in self.separators + "\n\r|")
            and not has_control_chars(title)
        )

    def format_value(self, value: Any) -> str:
        return str(value)

    # -- validation -------------------------------------------------------------------------
    def check_value(self, value: Any) -> None:
        check_id(value)

    def ids(self, value: Any) -> list[int]:
        """Every id this value links to."""
        return [] if self.is_empty(value) else [value]

    def without(self, value: Any, target_id: int) -> Any:
        """``value`` with every link to ``target_id`` removed."""
        return None if value == target_id else value


def check_id(value: Any) -> None:
    """Raise :class:`FieldError` unless ``value`` is a record id (a whole number 1 … 10⁹)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ID:
        raise FieldError(t("error.link_format"))


def _check_count(value: list[Any]) -> None:
    if len(value) > MAX_LINKS:
        raise FieldError(t("error.too_many", max=f"{MAX_LINKS:,}".replace(",", ".")))


class Links(Link):
    """Ids of several records of ``target``; text form ``3, 7, 12`` (or names)."""

    widget: ClassVar[str] = "links"
    separators: ClassVar[str] = ",;"

    def empty(self) -> Any:
        return []

    def value_from_text(self, text: str, resolve: Resolve | None) -> Any:
        ids = [self.ref(part, resolve) for part in re.split(r"[,;]", text) if part.strip()]
        return list(dict.fromkeys(ids))  # a record listed twice is linked once

    def text_from_refs(self, value: Any, ref_text: Callable[[int], str]) -> str:
        return ", ".join(ref_text(item) for item in value)

    def format_value(self, value: Any) -> str:
        return ", ".join(str(item) for item in value)

    def check_value(self, value: Any) -> None:
        if not isinstance(value, list):
            raise FieldError(t("error.link_format"))
        _check_count(value)
        for item in value:
            check_id(item)

    def ids(self, value: Any) -> list[int]:
        return list(value or [])

    def without(self, value: Any, target_id: int) -> Any:
        return [item for item in value or [] if item != target_id]


class RoleLinks(Link):
    """Links with a role each: ``[{"contact": 3, "role": "Ansprechperson Raum Lippstadt"}]``.

    Text form: one ``reference: role`` per line (``Hans Müller: Ansprechperson Raum Lippstadt``,
    ``3: …``); in a CSV cell ``|`` separates the lines.
    """

    widget: ClassVar[str] = "rolelinks"
    multiline: ClassVar[bool] = True
    hint: ClassVar[str] = "hint.rolelinks"
    separators: ClassVar[str] = ":"

    def empty(self) -> Any:
        return []

    def value_from_text(self, text: str, resolve: Resolve | None) -> Any:
        entries = []
        for line in re.split(r"[\n|]", text):
            if not line.strip():
                continue
            ref, _, role = line.partition(":")
            entries.append({"contact": self.ref(ref, resolve), "role": role.strip()})
        return entries

    def text_from_refs(self, value: Any, ref_text: Callable[[int], str]) -> str:
        return "\n".join(
            f"{ref_text(entry['contact'])}: {entry['role']}"
            if entry.get("role")
            else ref_text(entry["contact"])
            for entry in value
        )

    def format_value(self, value: Any) -> str:
        return self.text_from_refs(value, str)

    def display_value(self, value: Any) -> str:
        return self.format_value(value).replace("\n", " | ")

    def check_value(self, value: Any) -> None:
        if not isinstance(value, list):
            raise FieldError(t("error.link_format"))
        _check_count(value)
        for entry in value:
            if not isinstance(entry, dict) or set(entry) - {"contact", "role"}:
                raise FieldError(t("error.link_format"))
            check_id(entry.get("contact"))
            role = entry.get("role", "")
            if not isinstance(role, str):
                raise FieldError(t("error.not_text"))
            check_text(role, max_length=SHORT_TEXT)
            if "|" in role or role != role.strip():
                raise FieldError(t("error.role"))

    def ids(self, value: Any) -> list[int]:
        return [entry["contact"] for entry in value or []]

    def without(self, value: Any, target_id: int) -> Any:
        return [entry for entry in value or [] if entry["contact"] != target_id]


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

    def display_value(self, value: Any) -> str:
        return self.format_value(value).replace("\n", "; ")

    def check_value(self, value: Any) -> None:
        if not isinstance(value, dict) or any(day not in WEEKDAYS for day in value):
            raise FieldError(t("error.office_hours"))
        for times in value.values():
            if not isinstance(times, str) or not times or times != times.strip() or set(times) & set("|;"):
                raise FieldError(t("error.office_hours"))
            check_text(times, max_length=SHORT_TEXT)


def _weekday(text: str) -> str | None:
    """``Mo``, ``montag``, ``Monday``, ``Mon`` → ``Montag``."""
    folded = text.casefold().rstrip(".")
    english = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    for day, day_en in zip(WEEKDAYS, english):
        if folded in (day.casefold(), day.casefold()[:2], day_en, day_en[:3]):
            return day
    return None


@dataclass(frozen=True, eq=False, repr=False)
class Sections(Field):
    """Newsletter sections: ``[{"title": …, "body": …}]``; text form ``## Title`` + body lines.

    Only the first section may go without a ``## `` line (a later one gets ``## `` with an empty
    title), so the text reads back as the same sections.
    """

    max_length: int = 20000
    widget: ClassVar[str] = "longtext"
    multiline: ClassVar[bool] = True
    hint: ClassVar[str] = "hint.sections"

    def empty(self) -> Any:
        return []

    def parse_value(self, text: str) -> Any:
        sections: list[dict[str, str]] = []
        for line in text.split("\n"):
            if line.startswith("## "):
                sections.append({"title": line[3:].strip(), "body": ""})
            elif sections:
                sections[-1]["body"] += line + "\n"
            elif line.strip():
                sections.append({"title": "", "body": line + "\n"})
        for section in sections:
            section["body"] = section["body"].strip("\n")
        return [section for section in sections if section["title"] or section["body"]]

    def format_value(self, value: Any) -> str:
        parts = []
        for number, section in enumerate(value):
            title, body = section.get("title", ""), section.get("body", "")
            # A first section without a title needs its "## " line too when its body starts with a
            # space: a form trims the text's leading spaces, the body's own would be lost.
            head = f"## {title}\n" if title or number or body.startswith(" ") else ""
            parts.append(head + body)
        return "\n\n".join(parts)

    def display_value(self, value: Any) -> str:
        return ", ".join(section.get("title", "") for section in value)

    def check_value(self, value: Any) -> None:
        if not isinstance(value, list) or not all(isinstance(s, dict) for s in value):
            raise FieldError(t("error.sections"))
        for section in value:
            title, body = section.get("title", ""), section.get("body", "")
            if set(section) - {"title", "body"} or not isinstance(title, str) or not isinstance(body, str):
                raise FieldError(t("error.sections"))
            if title != title.strip() or body != body.strip("\n") or not (title or body):
                raise FieldError(t("error.sections"))
            if any(line.startswith("## ") for line in body.split("\n")):
                raise FieldError(t("error.sections"))
            check_text(title, max_length=SHORT_TEXT)
        if sum(len(s.get("title", "")) + len(s.get("body", "")) for s in value) > self.max_length:
            raise FieldError(t("error.too_long", max=self.max_length))
        for section in value:
            check_text(
                section["body"] if "body" in section else "", max_length=self.max_length, multiline=True
            )


class Audience(Field):
    """A saved filter over contacts, e.g. ``{"town": ["Soest"], "group": [1]}``.

    Syntax and meaning live together in :mod:`ssa_tui.schema.audience`; this field delegates.
    """

    widget: ClassVar[str] = "text"
    hint: ClassVar[str] = "hint.audience"

    def empty(self) -> Any:
        return {}

    def parse_value(self, text: str) -> Any:
        try:
            return _audience.parse(text)
        except _audience.AudienceError as error:
            raise FieldError(str(error)) from None

    def format_value(self, value: Any) -> str:
        return _audience.format_value(value)

    def check_value(self, value: Any) -> None:
        try:
            _audience.normalised(value)
        except _audience.AudienceError as error:
            raise FieldError(str(error)) from None

    def unknown_references(self, value: Any, link_exists: Any) -> list[str]:
        """Groups and events the filter names that do not exist (checked when saved)."""
        return _audience.unknown_references(value, link_exists)


@dataclass(frozen=True, eq=False, repr=False)
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

        def refuse(constant: str) -> Any:
            raise ValueError(constant)  # NaN and Infinity are no JSON a file can store

        try:
            return json.loads(text, parse_constant=refuse)
        except (ValueError, RecursionError):
            raise FieldError(t("error.system_data")) from None

    def check_value(self, value: Any) -> None:
        import json

        if not isinstance(value, (dict, list)):
            raise FieldError(t("error.system_data"))
        try:
            json.dumps(value, ensure_ascii=False, allow_nan=False).encode()
        except (TypeError, ValueError, RecursionError):
            raise FieldError(t("error.system_data")) from None


#: A full post: the hours of all allocations of one position add up to at most this.
MAX_WEEKLY_HOURS = 41
_ALLOCATION = re.compile(r"([^()\s]+)\s*\(\s*([^()]*?)\s*\)")


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
        allocations = []
        for part in re.split(r"[;\n|]", ascii_digits(text)):
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
        _check_count(value)
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
