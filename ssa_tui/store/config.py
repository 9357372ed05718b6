"""The settings file: roles, test-send addresses and mail settings of one office.

Found at ``--config PATH``, else ``$SSA_TUI_CONFIG``, else ``ssa-tui.toml`` beside the database::

    [roles]
    britta = "editor"
    praktikum = "viewer"
    cron-import = "editor"

    [emails]
    britta = "britta@example.org"   # pre-filled for the test send

    [mail]                           # read by the mail settings (raw table here)
    host = "smtp.example.org"

Without a ``[roles]`` table everyone may edit (a single-user set-up); with one, users it does not
name are viewers. The file is checked whole when it is read: a wrong shape stops the program with
one German message naming the file (:class:`DatabaseUnusable`, exit 2), never a traceback and
never a silent fallback to wider rights.

In a team set-up the people's roles must be out of the service account's reach;
:func:`config_is_protected` tells whether an account could rewrite the file.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..i18n import os_reason, t
from ..schema.fields import Email
from .errors import DatabaseUnusable

EDITOR = "editor"
VIEWER = "viewer"
ROLES = (EDITOR, VIEWER)

CONFIG_NAME = "ssa-tui.toml"
#: Tables the file may hold; a misspelt ``[role]`` must not silently leave everyone an editor.
TABLES = ("roles", "emails", "mail")

_EMAIL = Email("email")


@dataclass(frozen=True)
class Config:
    """The settings as read (empty tables when the file does not exist)."""

    path: Path
    exists: bool = False
    roles: dict[str, str] = field(default_factory=dict)
    emails: dict[str, str] = field(default_factory=dict)
    mail: dict[str, Any] = field(default_factory=dict)
    #: True when the file has a ``[roles]`` table: then unnamed users are viewers.
    has_roles: bool = False

    def role_of(self, user: str) -> str:
        if not self.has_roles:
            return EDITOR
        return self.roles.get(user, VIEWER)


def config_path(db_path: Path, option: str | os.PathLike[str] | None = None) -> tuple[Path, bool]:
    """Where the settings are, and whether that place was asked for explicitly.

    An explicit file (``--config``, ``$SSA_TUI_CONFIG``) must exist; the default one need not.
    """
    chosen = option or os.environ.get("SSA_TUI_CONFIG")
    if chosen:
        return Path(chosen).absolute(), True
    return Path(os.path.realpath(db_path)).with_name(CONFIG_NAME), False  # beside the real db


def load_config(db_path: Path, option: str | os.PathLike[str] | None = None) -> Config:
    """The settings for the database at ``db_path`` (``option``: the ``--config`` value)."""
    path, explicit = config_path(db_path, option)
    try:
        with open(path, "rb") as handle:
            raw = tomllib.load(handle)
    except FileNotFoundError:
        if explicit:
            raise DatabaseUnusable(t("config.missing", path=path)) from None
        return Config(path)
    except tomllib.TOMLDecodeError as error:
        raise DatabaseUnusable(t("config.syntax", path=path, detail=error)) from None
    except UnicodeDecodeError:
        raise DatabaseUnusable(t("config.encoding", path=path)) from None
    except OSError as error:
        raise DatabaseUnusable(t("config.unreadable", path=path, detail=os_reason(error))) from None
    return _checked(path, raw)


def _checked(path: Path, raw: dict[str, Any]) -> Config:
    def wrong(key: str, **values: object) -> DatabaseUnusable:
        return DatabaseUnusable(t("config.invalid", path=path, problem=t(key, **values)))

    for name, value in raw.items():
        if name not in TABLES:
            raise wrong("config.unknown_table", name=name, tables=", ".join(f"[{n}]" for n in TABLES))
        if not isinstance(value, dict):
            raise wrong("config.not_a_table", name=name)
    roles = raw.get("roles", {})
    for user, role in roles.items():
        if role not in ROLES:  # also catches non-strings: no number or table is a role word
            raise wrong("config.bad_role", user=user, role=_shown(role), roles=", ".join(ROLES))
    emails = raw.get("emails", {})
    for user, address in emails.items():
        if not isinstance(address, str) or _EMAIL.validate(address):
            raise wrong("config.bad_email", user=user, address=_shown(address))
    return Config(
        path,
        exists=True,
        roles=dict(roles),
        emails=dict(emails),
        mail=raw.get("mail", {}),
        has_roles="roles" in raw,
    )


def _shown(value: object) -> str:
    return repr(value)[:60]


def role_for(config: Config, user: str, *, read_only: bool = False) -> str:
    """The role of ``user``; ``--read-only`` makes anyone a viewer."""
    return VIEWER if read_only else config.role_of(user)


def config_is_protected(path: Path, uid: int | None = None) -> str | None:
    """Why the account ``uid`` (default: the running one) could rewrite ``path``, or None.

    The account could: when it owns the file (it may chmod it), when the file is writable for
    it through its group or for everyone, or when it may write a folder on the way (and so
    replace the file, or a symlink leading to it). Root can write anything anyway and is not
    asked. The message says how to fix it (for ``ssa-tui team doctor`` too).
    """
    uid = os.geteuid() if uid is None else uid
    if uid == 0:
        return None
    groups = _groups_of(uid)
    places = [path]
    with contextlib.suppress(OSError):
        if path.is_symlink():
            places.append(path.resolve())
    for place in places:
        for target in (place, *place.parents):
            try:
                info = os.stat(target)
            except OSError:
                continue
            if _may_write(info, uid, groups):
                return t("config.unprotected", path=path, place=target, account=_account_name(uid))
    return None


def _may_write(info: os.stat_result, uid: int, groups: set[int]) -> bool:
    mode = info.st_mode
    if info.st_uid == uid:
        return True
    if info.st_gid in groups and mode & stat.S_IWGRP:
        return True
    if mode & stat.S_IWOTH:
        return not (stat.S_ISDIR(mode) and mode & stat.S_ISVTX and info.st_uid == 0)
    return False


def _groups_of(uid: int) -> set[int]:
    if uid == os.geteuid():
        return {os.getegid(), *os.getgroups()}
    try:
        entry = pwd.getpwuid(uid)
    except KeyError:
        return set()
    return set(os.getgrouplist(entry.pw_name, entry.pw_gid))


def _account_name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def os_account() -> str:
    """The name of the OS account running us (from the system, not from $USER or $LOGNAME)."""
    return _account_name(os.geteuid())
