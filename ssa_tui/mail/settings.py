"""Mail settings from the environment (the password never leaves the process's memory)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote


@dataclass(frozen=True)
class MailSettings:
    host: str = ""
    port: int = 25
    user: str = ""
    password: str = field(default="", repr=False)
    starttls: bool = False
    mail_from: str = ""
    unsubscribe_url: str = ""
    list_id: str = "Netzwerk Schulsozialarbeit Kreis Soest <schulsozialarbeit.kreis-soest.de>"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> MailSettings:
        env = os.environ if environ is None else environ
        return cls(
            host=env.get("SSA_TUI_SMTP_HOST", ""),
            port=int(env.get("SSA_TUI_SMTP_PORT") or 25),
            user=env.get("SSA_TUI_SMTP_USER", ""),
            password=env.get("SSA_TUI_SMTP_PASSWORD", ""),
            starttls=env.get("SSA_TUI_SMTP_STARTTLS", "0").strip().lower() in ("1", "true", "ja", "yes"),
            mail_from=env.get("SSA_TUI_MAIL_FROM", ""),
            unsubscribe_url=env.get("SSA_TUI_UNSUBSCRIBE_URL", ""),
            list_id=env.get("SSA_TUI_LIST_ID") or cls.list_id,
        )

    @property
    def domain(self) -> str:
        return self.mail_from.rpartition("@")[2] or "localhost"

    def token(self, contact: dict[str, Any]) -> str:
        """A stable, not guessable-from-outside token for a contact's unsubscribe link."""
        return hashlib.sha256(
            f"{self.mail_from}|{contact.get('id')}|{contact.get('email')}".encode()
        ).hexdigest()[:24]

    def unsubscribe_link(self, contact: dict[str, Any]) -> str:
        if self.unsubscribe_url:
            return f"{self.unsubscribe_url}?c={self.token(contact)}"
        return f"mailto:{self.mail_from}?subject={quote('Abmelden')}"
