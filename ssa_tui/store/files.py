"""Files the product writes beside the database: the exchange folder and safe output.

Threat model (README, "Sicherheit"): staff reach the server only through the forced command,
and every stored field is untrusted. A file name typed in the TUI must not reach the database,
its side files, the roles file, SSH keys or anything outside the exchange folder; an output file
must not follow a planted symlink, must not be readable by others whatever the umask, and must
replace an existing file only when the person said so. Everything that writes a file for a person
(export, backup, render, report) goes through :func:`write_output`.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from ..i18n import os_reason, t
from .errors import StoreError
from .sidefiles import DIR_MODE, share_with_group, write_temp

EXCHANGE_ENV = "SSA_TUI_EXCHANGE_DIR"
#: Longest file name accepted in the exchange folder (most file systems allow 255 bytes).
MAX_NAME_BYTES = 200


class UnsafeFileName(StoreError):
    """A file name for the exchange folder that is a path, hidden, or otherwise not plain."""


class ProtectedPath(StoreError):
    """A target that belongs to the database or the admin (db, lock, audit, roles, …)."""


class OutputExists(StoreError):
    """The target exists and the person has not confirmed replacing it."""

    def __init__(self, target: Path) -> None:
        self.target = target
        super().__init__(t("files.exists", path=target))


class OutputFailed(StoreError):
    """Writing an output file failed; the message names the file that really failed."""


def exchange_dir(db_path: Path, *, create: bool = True) -> Path:
    """The office's exchange folder: ``$SSA_TUI_EXCHANGE_DIR`` or ``exchange/`` beside the db."""
    configured = os.environ.get(EXCHANGE_ENV)
    folder = Path(configured) if configured else Path(db_path).absolute().parent / "exchange"
    if create and not folder.is_dir():
        make_private_dir(folder, db_path)
    return folder


def check_file_name(name: str) -> str:
    """``name`` if it is a plain file name; raises :class:`UnsafeFileName` otherwise."""
    problem = None
    if not name or not name.strip():
        problem = "files.name_empty"
    elif "/" in name or "\\" in name or name in (".", ".."):
        problem = "files.name_path"
    elif name.startswith(".") or name.startswith("-") or name.startswith("~"):
        problem = "files.name_hidden"
    elif any(ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 for char in name):
        problem = "files.name_control"
    elif len(name.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES:
        problem = "files.name_long"
    if problem:
        raise UnsafeFileName(t(problem, name=name.encode("unicode_escape").decode("ascii")))
    return name


def exchange_file(db_path: Path, name: str) -> Path:
    """The path of the file ``name`` in the exchange folder (a name, never a path)."""
    target = exchange_dir(db_path) / check_file_name(name)
    if target.is_symlink():
        raise UnsafeFileName(t("files.name_symlink", name=name))
    return target


def exchange_files(db_path: Path) -> list[str]:
    """Names of the regular files in the exchange folder (no hidden files, no symlinks), sorted."""
    folder = exchange_dir(db_path)
    names = []
    for entry in os.scandir(folder):
        if entry.name.startswith(".") or not entry.is_file(follow_symlinks=False):
            continue
        names.append(entry.name)
    return sorted(names, key=str.casefold)


def protected_paths(db_path: Path) -> list[Path]:
    """The database and every file or folder that belongs to it or to the admin."""
    db = Path(db_path).absolute()
    name = db.name
    paths = [
        db,
        db.with_name(name + ".lock"),
        db.with_name(name + ".audit.jsonl"),
        db.with_name(name + ".backups"),
        db.with_name(name + ".sends"),
        db.with_name(name + ".errors.log"),
        db.with_name("ssa-tui.toml"),
        db.with_name("templates"),
    ]
    configured = os.environ.get("SSA_TUI_CONFIG")
    if configured:
        paths.append(Path(configured).absolute())
    with contextlib.suppress(OSError):
        paths.append(db.resolve())
    return paths


def refuse_protected(db_path: Path, target: Path) -> None:
    """Raise :class:`ProtectedPath` when ``target`` is (or lies inside) a protected path.

    Also refuses names of the database's own side files that do not exist yet (``db.json.*``)
    and anything inside an ``.ssh`` folder.
    """
    absolute = Path(os.path.abspath(target))
    try:
        real = absolute.parent.resolve() / absolute.name
    except OSError:
        real = absolute
    db = Path(db_path).absolute()
    for candidate in (absolute, real):
        for protected in protected_paths(db):
            if candidate == protected or protected in candidate.parents:
                raise ProtectedPath(t("files.protected", path=target))
        same_folder = candidate.parent in (db.parent, _resolved(db.parent))
        if same_folder and candidate.name.startswith(db.name + "."):
            raise ProtectedPath(t("files.protected", path=target))
        if ".ssh" in candidate.parts or candidate.name in ("authorized_keys", "authorized_keys2"):
            raise ProtectedPath(t("files.protected", path=target))


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path


def make_private_dir(path: Path, db_path: Path) -> Path:
    """Create ``path`` (and missing parents) as group-shared folders (2770, the db's group)."""
    path = Path(path)
    missing = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    try:
        for folder in reversed(missing):
            with contextlib.suppress(FileExistsError):
                os.mkdir(folder, 0o700)
                share_with_group(folder, db_path, DIR_MODE)
    except OSError as error:
        raise OutputFailed(t("files.failed", path=error.filename or path, detail=os_reason(error))) from None
    return path


def write_output(target: Path, payload: bytes, *, db_path: Path, replace: bool = False) -> Path:
    """Write ``payload`` to ``target`` atomically, 0660 in the db's group; return the target.

    The temp file is created exclusively (``O_EXCL | O_NOFOLLOW``) with an unpredictable name
    next to the target, so a planted symlink receives nothing; a symlinked or protected target is
    refused; an existing target is replaced only with ``replace``.
    """
    target = Path(target)
    refuse_protected(db_path, target)
    folder = target.absolute().parent
    if not folder.is_dir():
        raise OutputFailed(t("files.no_folder", path=folder))
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise OutputFailed(t("files.failed", path=target, detail=os_reason(error))) from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise UnsafeFileName(t("files.name_symlink", name=target.name))
        if not stat.S_ISREG(info.st_mode):
            raise OutputFailed(t("files.not_a_file", path=target))
        if not replace:
            raise OutputExists(target)
    try:
        temp = write_temp(target, payload, db_path)
    except OSError as error:
        raise OutputFailed(t("files.failed", path=target, detail=os_reason(error))) from None
    try:
        os.replace(temp, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise OutputFailed(t("files.failed", path=target, detail=os_reason(error))) from None
    return target
