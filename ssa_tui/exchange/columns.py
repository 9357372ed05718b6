"""Column names: the schema's English field names and the German (and English) labels.

A link field has a second column for its ids (``staff_id`` / ``Fachkraft (ID)``), see
:mod:`ssa_tui.exchange.links`.
"""

from __future__ import annotations

from ..i18n import LANGUAGES, text_in
from ..schema import META_FIELDS, Kind
from ..text import fold
from ..schema.fields import Link
from .links import ID_SUFFIX, id_column


def _labels(kind: Kind, name: str) -> list[str]:
    """The column's label in every language (German first)."""
    if name.endswith(ID_SUFFIX) and kind.has_field(name[: -len(ID_SUFFIX)]):
        return [f"{label} (ID)" for label in _labels(kind, name[: -len(ID_SUFFIX)])]
    return [text_in(language, kind.label_key(name)) for language in LANGUAGES]


def _key(header: str) -> str:
    return fold(header).replace(" ", "").replace("_", "").replace("-", "")


def column_names(kind: Kind) -> list[str]:
    """Every column an exchange file of ``kind`` may carry, in export order: the id, then each
    form field (a link followed by its id column)."""
    names = ["id"]
    for field in kind.fields:
        if field.in_form:
            names.append(field.name)
            if isinstance(field, Link):
                names.append(id_column(field))
    return names


def header_map(kind: Kind) -> dict[str, str]:
    """Folded header → column name, for every name a column may carry (meta fields included)."""
    mapping: dict[str, str] = {}
    every_field = [field.name for field in kind.fields]
    for name in (*META_FIELDS, *every_field, *column_names(kind)):
        for header in (name, *_labels(kind, name)):
            mapping.setdefault(_key(header), name)
    return mapping


def field_for_header(kind: Kind, header: str) -> str | None:
    return header_map(kind).get(_key(header))


def german_header(kind: Kind, name: str) -> str:
    """The German label of a column, as an export's header."""
    return _labels(kind, name)[0]


def accepted_headers(kind: Kind) -> list[tuple[str, str, str]]:
    """(field name, German label, English label) of every importable field, for the docs."""
    return [(field.name, *_labels(kind, field.name)) for field in kind.fields if field.in_form]
