"""The records of ssa-tui: field types, the kinds, and pure validation.

This package knows nothing of storage, mail or the screen (an import-linter contract keeps it so).
"""

from .fields import Ambiguous, Field, FieldError
from .kinds import (
    KINDS,
    META_FIELDS,
    EventStatus,
    Kind,
    Marker,
    NewsletterStatus,
    PositionStatus,
    Problem,
    SuggestionStatus,
    kind_named,
)
from .links import Names
from .validate import UniqueIndex, parse_values, validate_record

__all__ = [
    "KINDS",
    "META_FIELDS",
    "Ambiguous",
    "EventStatus",
    "Field",
    "FieldError",
    "Kind",
    "Marker",
    "Names",
    "NewsletterStatus",
    "PositionStatus",
    "Problem",
    "SuggestionStatus",
    "UniqueIndex",
    "kind_named",
    "parse_values",
    "validate_record",
]
