"""Who may change what: the roles file ``ssa-tui.toml`` beside the database.

::

    [roles]
    britta = "editor"
    praktikum = "viewer"

Without the file everyone may edit (a single-user set-up). Once it exists, users it does not
name are viewers. ``--read-only`` makes anyone a viewer. Viewers are refused in the store itself.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from .errors import DatabaseUnusable

EDITOR = "editor"
VIEWER = "viewer"
ROLES = (EDITOR, VIEWER)


def roles_path(db_path: Path) -> Path:
    return db_path.with_name("ssa-tui.toml")


def role_for(db_path: Path, user: str, *, read_only: bool = False) -> str:
    """The role of ``user`` for the database at ``db_path``."""
    if read_only:
        return VIEWER
    path = roles_path(db_path)
    try:
        with open(path, "rb") as handle:
            config = tomllib.load(handle)
    except FileNotFoundError:
        return EDITOR
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise DatabaseUnusable(f"{path}: {error}") from None
    role = config.get("roles", {}).get(user, VIEWER)
    return role if role in ROLES else VIEWER
