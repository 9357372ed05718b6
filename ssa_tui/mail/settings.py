"""Mail settings: ``[mail]`` in the settings file, overridden by ``SSA_TUI_*`` variables.

On a team server the forced command's environment is empty, so the settings live in the file
(``host``, ``port``, ``starttls``, ``user``, ``password_file``, ``sender``, ``list_id``,
``unsubscribe_url``); the password comes from the file ``password_file`` names — readable by the
service account only — or from ``SSA_TUI_SMTP_PASSWORD``. Every value is checked when the
settings are read: a wrong one is one German message naming where it came from, never a crash
in the middle of a send. The password never leaves the process's memory (not in ``repr``).
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import idna

from ..i18n import os_reason, t
from ..store import StoreError
from ..store.config import Config, load_config

DEFAULT_LIST_ID = "Netzwerk Schulsozialarbeit Kreis Soest <schulsozialarbeit.kreis-soest.de>"
SENDER_NAME = "Schulsozialarbeit Kreis Soest"

#: setting -> environment variable that overrides it.
ENVIRONMENT = {
    "host": "SSA_TUI_SMTP_HOST",
    "port": "SSA_TUI_SMTP_PORT",
    "starttls": "SSA_TUI_SMTP_STARTTLS",
    "user": "SSA_TUI_SMTP_USER",
    "password_file": "SSA_TUI_SMTP_PASSWORD_FILE",
    "sender": "SSA_TUI_MAIL_FROM",
    "list_id": "SSA_TUI_LIST_ID",
    "unsubscribe_url": "SSA_TUI_UNSUBSCRIBE_URL",
}
PASSWORD_ENV = "SSA_TUI_SMTP_PASSWORD"
_YES = ("1", "true", "ja", "yes", "on")
_NO = ("0", "false", "nein", "no", "off", "")
_URL_CHARS = re.compile(r"^[!#$%&'()*+,\-./0-9:;=?@A-Z\[\]_a-z~]+$")


class MailSettingsError(StoreError):
    """A mail setting that is missing or wrong; ``str()`` names it and how to fix it."""


@dataclass(frozen=True)
class MailSettings:
    host: str = ""
    port: int = 25
    user: str = ""
    password: str = field(default="", repr=False)
    starttls: bool = False
    mail_from: str = ""
    unsubscribe_url: str = ""
    list_id: str = DEFAULT_LIST_ID
    sender_name: str = SENDER_NAME

    @classmethod
    def load(cls, config: Config, environ: Mapping[str, str] | None = None) -> MailSettings:
        """The settings from ``config.mail`` and the environment; raises :class:`MailSettingsError`."""
        env = os.environ if environ is None else environ
        table = config.mail or {}
        for key in table:
            if key not in ENVIRONMENT:
                raise MailSettingsError(
                    t("mail.setting_unknown", key=key, path=config.path, keys=", ".join(ENVIRONMENT))
                )

        def value(key: str) -> tuple[Any, str]:
            """The value and where it came from (for the message if it is wrong)."""
            variable = ENVIRONMENT[key]
            if env.get(variable) is not None:
                return env[variable], variable
            return table.get(key), t("mail.setting_in_file", key=key, path=config.path)

        def text(key: str) -> str:
            raw, where = value(key)
            if raw is None:
                return ""
            if not isinstance(raw, str) or any(ord(c) < 32 or ord(c) == 127 for c in raw):
                raise MailSettingsError(t("mail.setting_text", where=where, value=_shown(raw)))
            return raw.strip()

        port_raw, port_where = value("port")
        port = _port(port_raw, port_where)
        tls_raw, tls_where = value("starttls")
        starttls = _flag(tls_raw, tls_where)
        sender = text("sender")
        if sender:
            _, sender_where = value("sender")
            sender = _sender(sender, sender_where)
        url = text("unsubscribe_url")
        if url:
            _, url_where = value("unsubscribe_url")
            url = _url(url, url_where)
        password = env.get(PASSWORD_ENV)
        if password is None:
            path = text("password_file")
            password = _password_from(path, config) if path else ""
        return cls(
            host=text("host"),
            port=port,
            user=text("user"),
            password=password,
            starttls=starttls,
            mail_from=sender,
            unsubscribe_url=url,
            list_id=text("list_id") or DEFAULT_LIST_ID,
        )

    def require_sender(self) -> None:
        """Rendering needs a sender (``From``, ``Message-ID``); say where to set it."""
        if not self.mail_from:
            raise MailSettingsError(t("mail.no_from"))

    def require_server(self) -> None:
        self.require_sender()
        if not self.host:
            raise MailSettingsError(t("mail.no_host"))

    def sender_address(self) -> str:
        """The sender as it goes out (IDN domain in punycode; checked when loaded)."""
        self.require_sender()
        local, _, domain = self.mail_from.rpartition("@")
        return f"{local}@{_ascii_domain(domain)}"

    def token(self, contact: dict[str, Any]) -> str:
        """A stable, not guessable-from-outside token for a contact's unsubscribe link."""
        return hashlib.sha256(
            f"{self.mail_from}|{contact.get('id')}|{contact.get('email')}".encode()
        ).hexdigest()[:24]

    def unsubscribe_link(self, contact: dict[str, Any]) -> str:
        if self.unsubscribe_url:
            joiner = "&" if "?" in self.unsubscribe_url else "?"
            return f"{self.unsubscribe_url}{joiner}c={self.token(contact)}"
        return f"mailto:{self.mail_from}?subject={quote('Abmelden')}"


def _shown(value: Any) -> str:
    return repr(value)[:60]


def _port(raw: Any, where: str) -> int:
    if raw is None or raw == "":
        return 25
    try:
        port = int(raw) if not isinstance(raw, (bool, float)) else -1
    except ValueError:
        port = -1
    if not 1 <= port <= 65535:
        raise MailSettingsError(t("mail.setting_port", where=where, value=_shown(raw)))
    return port


def _flag(raw: Any, where: str) -> bool:
    if isinstance(raw, bool):
        return raw
    if raw is None:
        return False
    word = str(raw).strip().lower() if isinstance(raw, str) else None
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise MailSettingsError(t("mail.setting_flag", where=where, value=_shown(raw)))


def _ascii_domain(domain: str) -> str:
    """The domain as sent (punycode); IDNA's rules refuse bad labels (``-x``, ``a..b``) in ASCII too."""
    return idna.encode(domain, uts46=True).decode("ascii")


def _sender(address: str, where: str) -> str:
    local, at, domain = address.rpartition("@")
    wrong = MailSettingsError(t("mail.setting_sender", where=where, value=_shown(address)))
    if not at or not local or not local.isascii() or re.search(r"[\s<>,;:\"()\[\]\\@]", local + domain):
        raise wrong
    try:
        _ascii_domain(domain)
    except idna.IDNAError:
        raise wrong from None
    if "." not in domain:
        raise wrong
    return address


def _url(url: str, where: str) -> str:
    """An ``https://`` (or ``http://``) address with a host; an IDN host goes out as punycode."""
    wrong = MailSettingsError(t("mail.setting_url", where=where, value=_shown(url)))
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname or parts.fragment or len(url) > 500:
        raise wrong
    try:
        host = _ascii_domain(parts.hostname)
    except idna.IDNAError:
        raise wrong from None
    # urlsplit gives the host in lower case: find it in the address whatever its case (Bücher.de).
    url = re.sub(re.escape(parts.hostname), lambda _: host, url, count=1, flags=re.IGNORECASE)
    if not _URL_CHARS.match(url):
        raise wrong
    return url


def _password_from(path_text: str, config: Config) -> str:
    """The first line of the password file, which only its owner may read."""
    path = Path(path_text)
    if not path.is_absolute():
        path = config.path.parent / path
    try:
        info = os.stat(path)
        if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise MailSettingsError(t("mail.password_file_open", path=path, mode=f"{info.st_mode & 0o777:o}"))
        with open(path, encoding="utf-8") as handle:
            return handle.readline().rstrip("\r\n")
    except (OSError, UnicodeDecodeError) as error:
        detail = os_reason(error)
        raise MailSettingsError(t("mail.password_file_unreadable", path=path, detail=detail)) from None


def settings_for(db_path: Path, config_option: str | None = None) -> MailSettings:
    """The mail settings of the database at ``db_path`` (its settings file and the environment)."""
    return MailSettings.load(load_config(Path(db_path).absolute(), config_option))


def problems(db_path: Path, config_option: str | None = None) -> list[str]:
    """What keeps newsletters from going out (for ``ssa-tui check`` and ``team doctor``):
    a wrong value, no sender, no SMTP server. Empty: mail is set up."""
    try:
        settings = settings_for(db_path, config_option)
    except StoreError as error:
        return [str(error)]
    found = []
    if not settings.mail_from:
        found.append(t("mail.no_from"))
    if not settings.host:
        found.append(t("mail.no_host"))
    return found
