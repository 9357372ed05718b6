"""``authorized_keys`` lines that start ssa-tui with the person's name and role, and nothing else.

OpenSSH runs the forced command whatever the client asks for; ``restrict`` turns off port,
agent and X11 forwarding, ``pty`` allows the terminal the TUI needs. The environment set there
fixes what SSH drops or breaks: a UTF-8 locale, 256 colours, a longer escape delay.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
KEY = re.compile(r"^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp\d+|sk-\S+) [A-Za-z0-9+/=]+( .*)?$")
SSH_ENV = "LANG=C.UTF-8 LC_ALL=C.UTF-8 COLORTERM=truecolor ESCDELAY=250 TEXTUAL_ANIMATIONS=none"


class KeyProblem(ValueError):
    pass


def forced_command(program: str, db: Path, name: str, *, read_only: bool) -> str:
    parts = ["env", *SSH_ENV.split(), program, "--db", str(db), "--user", name]
    if read_only:
        parts.append("--read-only")
    return " ".join(shlex.quote(part) for part in parts)


def authorized_keys_line(
    program: str, db: Path, name: str, public_key: str, *, read_only: bool = False
) -> str:
    """One line for ``~/.ssh/authorized_keys`` of the shared account."""
    if not NAME.match(name):
        raise KeyProblem(name)
    key = public_key.strip()
    if "\n" in key or not KEY.match(key):
        raise KeyProblem(key[:40])
    command = forced_command(program, db, name, read_only=read_only).replace('"', '\\"')
    return f'command="{command}",restrict,pty {key}'
