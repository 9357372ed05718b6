"""Completion values for free-text fields: the schema's fixed pick lists, plus values that depend on
the installation (the mail templates found beside the database)."""

from __future__ import annotations

from ..mail.templates import available
from ..schema import Kind
from ..services import Repository


def suggestions_for(repository: Repository, kind: Kind) -> dict[str, tuple[str, ...]]:
    values = dict(kind.suggestions)
    if kind.name == "newsletters":
        values["template"] = tuple(available(repository.path))
    return values
