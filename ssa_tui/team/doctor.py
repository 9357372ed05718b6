"""``ssa-tui team doctor``: what is wrong with a team set-up, one finding per line with its fix.

A team server is trusted only while a handful of facts hold at once: the service account owns
the data (files 0660, folders 2770, one group) and can replace and hard-link the db (else no
backups); what staff must not change — roles, SSH keys, the installed program — is out of the
service account's reach; every key runs the forced command with ``restrict``; sshd drops frozen
clients; mail settings are there and the server answers; cron imports and backs up, and the
backups are recent. Each check reads the system (``stat``, ``sshd -T``, a TCP connection) and
changes nothing. The checks judge the *service account's* view from the modes and owners, so
the admin runs the doctor as root.
"""

from __future__ import annotations

import grp
import os
import pwd
import shlex
import socket
import stat
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import os_reason, t
from ..store import StoreError
from ..store.config import CONFIG_NAME, config_is_protected, load_config
from ..store.files import EXCHANGE_ENV
from ..store.sidefiles import DIR_MODE, FILE_MODE

SSHD = "/usr/sbin/sshd"
SSHD_CONFIG = Path("/etc/ssh/sshd_config")
CRON_FILE = Path("/etc/cron.d/ssa-tui")
#: A nightly backup older than this is not recent (a day and a half: one missed night shows).
BACKUP_MAX_AGE = 36 * 3600
#: The longest ClientAliveInterval that still ends a frozen client's session within minutes.
ALIVE_MAX = 300
CONFIG_ENV = "SSA_TUI_CONFIG"


@dataclass(frozen=True)
class Finding:
    """One thing that is wrong, and the command or setting that fixes it."""

    problem: str
    fix: str

    def line(self) -> str:
        """``problem. Abhilfe: fix``; a message that carries its own advice stands alone."""
        return t("team.doctor.line", problem=self.problem, fix=self.fix) if self.fix else self.problem


@dataclass(frozen=True)
class Account:
    """The service account that runs ssa-tui for everybody (owner of the data)."""

    name: str
    uid: int
    gid: int
    home: Path
    gids: frozenset[int]

    @classmethod
    def named(cls, name: str) -> Account:
        entry = pwd.getpwnam(name)  # KeyError: no such account
        groups = {entry.pw_gid} | {g.gr_gid for g in grp.getgrall() if name in g.gr_mem}
        return cls(name, entry.pw_uid, entry.pw_gid, Path(entry.pw_dir), frozenset(groups))

    def may(self, info: os.stat_result, bit: int) -> bool:
        """Whether the account has permission ``bit`` (4 read, 2 write) on a file with ``info``."""
        if self.uid == 0:
            return True
        if info.st_uid == self.uid:
            return bool(info.st_mode & (bit << 6))
        if info.st_gid in self.gids:
            return bool(info.st_mode & (bit << 3))
        return bool(info.st_mode & bit)

    def can_change(self, path: Path) -> bool:
        """Whether the account could rewrite ``path`` or put another file in its place."""
        return config_is_protected(Path(path), self.uid) is not None


@dataclass
class Setup:
    """Where the parts of one team set-up live (defaults: the README's paths)."""

    db: Path
    account: Account
    sshd_config: Path = SSHD_CONFIG
    cron_file: Path = CRON_FILE
    sshd: str = SSHD
    #: The settings file given with ``--config`` (else ``$SSA_TUI_CONFIG`` or beside the db).
    config: Path | None = None
    #: What the mail settings' own check found (``ssa_tui.mail.settings.problems``), as messages.
    mail_problems: list[str] = field(default_factory=list)
    #: The SMTP server of those settings (host, port), when they name one: it must answer.
    smtp: tuple[str, int] | None = None


def diagnose(setup: Setup) -> list[Finding]:
    """Every finding for ``setup``; an empty list means the set-up is sound."""
    findings = list(_data_files(setup))
    config_findings, config = _config(setup)
    findings += config_findings
    sshd = _sshd_settings(setup)
    findings += _sshd(setup, sshd)
    findings += _keys(setup, sshd, config)
    findings += _mail(setup)
    findings += _cron(setup, config)
    return findings


# --- data folder -----------------------------------------------------------------------------


def _data_files(setup: Setup) -> Iterator[Finding]:
    db = setup.db
    account = setup.account
    folder = db.parent
    try:
        db_info = os.stat(db)
    except OSError as error:
        yield Finding(
            t("team.doctor.db_missing", path=db, detail=os_reason(error)), t("team.doctor.db_missing_fix")
        )
        return
    if db_info.st_gid not in account.gids:
        yield Finding(
            t("team.doctor.db_group", path=db, group=_group(db_info.st_gid), account=account.name),
            t("team.doctor.chown_fix", account=account.name, group=_group(account.gid), path=folder),
        )
    folder_info = os.stat(folder)  # the db was just found in it
    if not (account.may(db_info, 4) and account.may(db_info, 2) and account.may(folder_info, 2)):
        yield Finding(
            t("team.doctor.db_not_replaceable", path=db, account=account.name),
            t("team.doctor.chown_fix", account=account.name, group=_group(db_info.st_gid), path=folder),
        )
    owners, files, folders = [], [], []
    for path, info in _beside_db(db):
        if info.st_uid != account.uid or info.st_gid != db_info.st_gid:
            owners.append(f"{path} ({_user(info.st_uid)}:{_group(info.st_gid)})")
        mode = stat.S_IMODE(info.st_mode)
        if stat.S_ISDIR(info.st_mode) and mode != DIR_MODE:
            folders.append(f"{path} ({mode:04o})")
        elif stat.S_ISREG(info.st_mode) and mode != FILE_MODE:
            files.append(f"{path} ({mode:04o})")
    group = _group(db_info.st_gid)
    if owners:
        yield Finding(
            t("team.doctor.owners", count=len(owners), example=owners[0], account=account.name, group=group),
            t("team.doctor.chown_fix", account=account.name, group=group, path=folder),
        )
    if files:
        yield Finding(
            t("team.doctor.file_modes", count=len(files), example=files[0]),
            t("team.doctor.file_modes_fix", path=folder),
        )
    if folders:
        yield Finding(
            t("team.doctor.folder_modes", count=len(folders), example=folders[0]),
            t("team.doctor.folder_modes_fix", path=folder),
        )


def _beside_db(db: Path) -> Iterator[tuple[Path, os.stat_result]]:
    """The data folder and everything in it that belongs to the data (not the admin's parts).

    Skipped: the templates folder and a roles file there (admin's, checked as the config),
    the contents of an exchange folder inside (files people put there keep their owner).
    """
    folder = db.parent
    skip = {folder / "templates", folder / "ssa-tui.toml"}
    exchange = Path(os.environ.get(EXCHANGE_ENV) or folder / "exchange").absolute()
    yield folder, os.stat(folder)
    for root, dirs, names in os.walk(folder):
        base = Path(root)
        if base == exchange:  # the folder itself was listed with its parent
            dirs[:] = []
            continue
        dirs[:] = sorted(d for d in dirs if base / d not in skip)
        for name in sorted(names) + dirs:
            path = base / name
            if path in skip:
                continue
            try:
                info = os.lstat(path)
            except OSError:
                continue
            if not stat.S_ISLNK(info.st_mode):
                yield path, info


# --- roles and settings file ------------------------------------------------------------------


def _config(setup: Setup):
    """Findings about the roles/settings file, and the loaded config (None when unusable)."""
    try:
        config = load_config(setup.db, setup.config)
    except StoreError as error:
        return [
            Finding(t("team.doctor.config_broken", detail=str(error)), t("team.doctor.config_broken_fix"))
        ], None
    path = config.path
    if not config.has_roles:
        return [
            Finding(t("team.doctor.config_missing", path=path), t("team.doctor.config_missing_fix"))
        ], config
    findings = []
    unprotected = config_is_protected(Path(path), setup.account.uid)
    if unprotected:
        findings.append(
            Finding(
                t("team.doctor.config_writable", path=path, account=setup.account.name),
                t("team.doctor.config_writable_fix", account=setup.account.name),
            )
        )
    try:
        info = os.stat(path)
    except OSError:  # pragma: no cover - load_config just read it
        info = None
    if info is not None and not setup.account.may(info, 4):
        findings.append(
            Finding(
                t("team.doctor.config_unreadable", path=path, account=setup.account.name),
                t("team.doctor.config_unreadable_fix", path=path, group=_group(setup.account.gid)),
            )
        )
    findings += _password_file(setup, config)
    return findings, config


def _password_file(setup: Setup, config) -> list[Finding]:
    """The SMTP password file must be readable by the service account.

    Doctor runs as root, who reads anything; the mail settings' own check (``problems``) says
    when the file is missing or others could read it too.
    """
    name = config.mail.get("password_file")
    path = Path(str(name)) if name else None
    if path is not None and not path.is_absolute():
        path = config.path.parent / path  # as the mail settings read it
    try:
        info = os.stat(path) if path is not None else None
    except OSError:
        info = None
    if info is None or setup.account.may(info, 4):
        return []
    account, group = setup.account.name, _group(setup.account.gid)
    problem = t(
        "team.doctor.password_file",
        path=path,
        account=account,
        mode=f"{stat.S_IMODE(info.st_mode):04o}",
        owner=f"{_user(info.st_uid)}:{_group(info.st_gid)}",
    )
    return [Finding(problem, t("team.doctor.password_fix", path=path, account=account, group=group))]


# --- sshd -------------------------------------------------------------------------------------


def _sshd_settings(setup: Setup) -> dict[str, str] | None:
    """sshd's effective settings for the service account (``sshd -T``), None when unreadable."""
    command = [
        setup.sshd,
        "-T",
        "-f",
        str(setup.sshd_config),
        "-C",
        f"user={setup.account.name},host=localhost,addr=127.0.0.1",
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    settings: dict[str, str] = {}
    for line in result.stdout.splitlines():
        key, _, value = line.partition(" ")
        settings.setdefault(key.lower(), value.strip())
    return settings


def _sshd(setup: Setup, settings: dict[str, str] | None) -> Iterator[Finding]:
    if settings is None:
        yield Finding(
            t("team.doctor.sshd_unreadable", config=setup.sshd_config), t("team.doctor.sshd_unreadable_fix")
        )
        return
    interval = _int(settings.get("clientaliveinterval"))
    count = _int(settings.get("clientalivecountmax"))
    if not (0 < interval <= ALIVE_MAX) or count < 1:
        yield Finding(
            t("team.doctor.client_alive", interval=interval, count=count),
            t("team.doctor.client_alive_fix", config=setup.sshd_config),
        )


def _int(text: str | None) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return 0


# --- authorized_keys --------------------------------------------------------------------------


def _key_files(setup: Setup, settings: dict[str, str] | None) -> list[Path]:
    """The account's authorized_keys files as sshd resolves them (tokens expanded)."""
    account = setup.account
    patterns = (settings or {}).get("authorizedkeysfile", ".ssh/authorized_keys .ssh/authorized_keys2")
    files = []
    for pattern in patterns.split():
        if pattern.lower() == "none":
            continue
        expanded = (
            pattern.replace("%%", "\0")
            .replace("%u", account.name)
            .replace("%h", str(account.home))
            .replace("%U", str(account.uid))
            .replace("\0", "%")
        )
        path = Path(expanded)
        files.append(path if path.is_absolute() else account.home / path)
    return files


def _keys(setup: Setup, settings: dict[str, str] | None, config) -> Iterator[Finding]:
    account = setup.account
    config_path = config.path if config is not None and config.exists else None
    found = False
    for path in _key_files(setup, settings):
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            continue
        except (OSError, UnicodeDecodeError) as error:
            yield Finding(
                t("team.doctor.unreadable", path=path, detail=os_reason(error)),
                t("team.doctor.keys_unreadable_fix", path=path),
            )
            continue
        found = True
        if account.can_change(path):
            yield Finding(
                t("team.doctor.keys_writable", path=path, account=account.name),
                t("team.doctor.keys_writable_fix", account=account.name),
            )
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            problem = _key_problem(line, setup, config_path)
            if problem:
                yield Finding(
                    t("team.doctor.key_line", path=path, line=number, problem=problem),
                    t("team.doctor.key_line_fix", path=path, line=number),
                )
    if not found:
        yield Finding(t("team.doctor.keys_missing", account=account.name), t("team.doctor.keys_missing_fix"))


def key_options(line: str) -> list[str]:
    """The options of an ``authorized_keys`` line (``restrict``, ``command="…"``), unquoted.

    Options are the first field, up to the first blank outside double quotes; a line that starts
    with the key type has none.
    """
    line = line.strip()
    if line.split(" ", 1)[0].startswith(("ssh-", "ecdsa-", "sk-")):
        return []
    options, current, quoted, escaped = [], [], False, False
    for char in line:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\" and quoted:
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            options.append("".join(current))
            current = []
        elif char in " \t" and not quoted:
            break
        else:
            current.append(char)
    options.append("".join(current))
    return [option for option in options if option]


def _key_problem(line: str, setup: Setup, config_path) -> str | None:
    """What is wrong with one key line, or None."""
    options = key_options(line)
    names = {option.split("=", 1)[0].lower() for option in options}
    commands = [option.split("=", 1)[1] for option in options if option.lower().startswith("command=")]
    if not commands:
        return t("team.doctor.key_no_command")
    if "restrict" not in names:
        return t("team.doctor.key_no_restrict")
    try:
        words = shlex.split(commands[0])
    except ValueError:
        return t("team.doctor.key_bad_command")
    programs = [word for word in words if word.endswith("/ssa-tui")]
    if not programs or "--db" not in words or "--user" not in words:
        return t("team.doctor.key_bad_command")
    db = words[words.index("--db") + 1] if words.index("--db") + 1 < len(words) else ""
    if Path(db).absolute() != setup.db.absolute():
        return t("team.doctor.key_other_db", db=db)
    if setup.account.can_change(Path(programs[0])):
        return t("team.doctor.key_program_writable", program=programs[0], account=setup.account.name)
    if config_path is not None and Path(config_path) != setup.db.absolute().with_name(CONFIG_NAME):
        wanted = f"{CONFIG_ENV}={config_path}"
        if wanted not in words and _after(words, "--config") != str(config_path):
            return t("team.doctor.key_no_config", setting=wanted)
    return None


# --- mail -------------------------------------------------------------------------------------


def _mail(setup: Setup) -> Iterator[Finding]:
    """The mail settings' own problems (each with its advice), then whether the server answers."""
    for problem in setup.mail_problems:
        yield Finding(problem, "")
    if setup.smtp is None:
        return
    host, port = setup.smtp
    banner = smtp_banner(host, port)
    if not banner.startswith("220"):
        yield Finding(
            t("team.doctor.smtp_unreachable", host=host, port=port, detail=banner),
            t("team.doctor.smtp_unreachable_fix"),
        )


def smtp_banner(host: str, port: int, timeout: float = 10) -> str:
    """The SMTP server's greeting line (``220 …``), or the reason none came."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as connection:
            connection.settimeout(timeout)
            return connection.makefile("rb").readline(512).decode("ascii", "replace").strip()
    except OSError as error:
        return os_reason(error)


# --- cron and backups -------------------------------------------------------------------------


@dataclass(frozen=True)
class CronLine:
    user: str
    words: list[str]


def cron_lines(text: str) -> list[CronLine]:
    """The job lines of a ``/etc/cron.d`` file (five time fields, user, command)."""
    jobs = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        fields = stripped.split(None, 6)
        if len(fields) < 7 or "=" in fields[0]:
            continue
        try:
            words = shlex.split(fields[6].replace("\\%", "%"))
        except ValueError:
            words = fields[6].split()
        jobs.append(CronLine(fields[5], words))
    return jobs


def _cron(setup: Setup, config) -> Iterator[Finding]:
    path = setup.cron_file
    try:
        info = os.stat(path)
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        yield Finding(
            t("team.doctor.cron_missing", path=path, detail=os_reason(error)),
            t("team.doctor.cron_fix", path=path),
        )
        yield from _backups(None)
        return
    if info.st_uid != 0 or info.st_mode & 0o022:
        yield Finding(t("team.doctor.cron_ignored", path=path), t("team.doctor.cron_owner_fix", path=path))
    if text and not text.endswith("\n"):
        yield Finding(t("team.doctor.cron_newline", path=path), t("team.doctor.cron_newline_fix", path=path))
    jobs = [job for job in cron_lines(text) if job.user == setup.account.name and _runs_ssa_tui(job)]
    imports = [job for job in jobs if "import" in job.words]
    backups = [job for job in jobs if "backup" in job.words]
    if not imports:
        yield Finding(
            t("team.doctor.cron_no_job", path=path, job="import", account=setup.account.name),
            t("team.doctor.cron_fix", path=path),
        )
    if not backups:
        yield Finding(
            t("team.doctor.cron_no_job", path=path, job="backup", account=setup.account.name),
            t("team.doctor.cron_fix", path=path),
        )
    config_path = config.path if config is not None and config.exists else None
    if config_path is not None and Path(config_path) != setup.db.absolute().with_name(CONFIG_NAME):
        setting = f"{CONFIG_ENV}={config_path}"
        if setting not in text.split() and str(config_path) not in text.split():
            yield Finding(
                t("team.doctor.cron_no_config", path=path, setting=setting),
                t("team.doctor.cron_fix", path=path),
            )
    roles = config.roles if config is not None else {}
    for job in imports:
        user = _after(job.words, "--user")
        if user is None or roles.get(user) != "editor":
            yield Finding(
                t("team.doctor.cron_role", user=user or "?", role=roles.get(user or "", "viewer")),
                t("team.doctor.cron_role_fix", user=user or "cron-import"),
            )
    for job in backups:
        target = _after(job.words, "-o") or _after(job.words, "--out")
        yield from _backups(Path(target).parent if target else None)


def _runs_ssa_tui(job: CronLine) -> bool:
    return any(word.endswith("ssa-tui") or word.endswith("ssa-tui-cron") for word in job.words)


def _after(words: list[str], option: str) -> str | None:
    for index, word in enumerate(words[:-1]):
        if word == option:
            return words[index + 1]
    return None


def _backups(folder: Path | None) -> Iterator[Finding]:
    """A finding unless the backup folder holds a file written within the last 36 hours."""
    if folder is None:
        return
    newest = 0.0
    try:
        for entry in os.scandir(folder):
            if entry.is_file(follow_symlinks=False):
                newest = max(newest, entry.stat(follow_symlinks=False).st_mtime)
    except OSError as error:
        yield Finding(
            t("team.doctor.backup_folder", path=folder, detail=os_reason(error)), t("team.doctor.backup_fix")
        )
        return
    if time.time() - newest > BACKUP_MAX_AGE:
        yield Finding(t("team.doctor.backup_old", path=folder), t("team.doctor.backup_fix"))


def _user(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def _group(gid: int) -> str:
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)
