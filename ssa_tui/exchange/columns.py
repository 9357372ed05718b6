"""CSV column names: the schema's English field names and the German (and English) labels."""

from __future__ import annotations

from ..i18n import LANGUAGES, text_in
from ..schema import META_FIELDS, Kind
from ..text import fold


def _labels(kind: Kind, name: str) -> list[str]:
    """The field's label in every language (German first)."""
    return [text_in(language, kind.label_key(name)) for language in LANGUAGES]


def _key(header: str) -> str:
    return fold(header).replace(" ", "").replace("_", "").replace("-", "")


def header_map(kind: Kind) -> dict[str, str]:
    """Folded header → field name, for every name a column may carry (meta fields included)."""
    mapping: dict[str, str] = {}
    for name in (*META_FIELDS, *(field.name for field in kind.fields)):
        for header in (name, *_labels(kind, name)):
            mapping.setdefault(_key(header), name)
    return mapping


def field_for_header(kind: Kind, header: str) -> str | None:
    return header_map(kind).get(_key(header))


def german_header(kind: Kind, name: str) -> str:
    """The German label of a field, as an export's column header."""
    return _labels(kind, name)[0]


def accepted_headers(kind: Kind) -> list[tuple[str, str, str]]:
    """(field name, German label, English label) of every importable field, for the docs."""
    return [(field.name, *_labels(kind, field.name)) for field in kind.fields if field.in_form]
