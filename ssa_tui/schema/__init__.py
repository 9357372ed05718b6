"""The records of ssa-tui: field types, the six kinds, and pure validation.

This package knows nothing of storage, mail or the screen (an import-linter contract keeps it so).
"""

from .fields import Field, FieldError
from .kinds import KINDS, META_FIELDS, Kind, Problem, kind_named
from .validate import parse_values, validate_record

__all__ = [
    "KINDS",
    "META_FIELDS",
    "Field",
    "FieldError",
    "Kind",
    "Problem",
    "kind_named",
    "parse_values",
    "validate_record",
]
