"""``authorized_keys`` lines that start ssa-tui with the person's name and role, and nothing else.

OpenSSH runs the forced command whatever the client asks for; ``restrict`` turns off port,
agent and X11 forwarding, ``pty`` allows the terminal the TUI needs. The environment set there
fixes what SSH drops or breaks: a UTF-8 locale, 256 colours, a longer escape delay. In a team
set-up the roles file and the exchange folder live apart from the db (root-owned
``/etc/ssa-tui``, the SFTP chroot), so their paths go into the command as well: the session's
environment has nothing else to carry them.
"""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Mapping
from pathlib import Path

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
KEY = re.compile(r"^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp\d+|sk-\S+) [A-Za-z0-9+/=]+( .*)?$")
SSH_ENV = "LANG=C.UTF-8 LC_ALL=C.UTF-8 COLORTERM=truecolor ESCDELAY=250 TEXTUAL_ANIMATIONS=none"
#: Variables passed on from the admin's environment into the forced command when set there.
PASSED_ON = ("SSA_TUI_CONFIG", "SSA_TUI_EXCHANGE_DIR")


class KeyProblem(ValueError):
    pass


def forced_command(
    program: str, db: Path, name: str, *, read_only: bool, environ: Mapping[str, str] | None = None
) -> str:
    """``env … PROGRAM --db DB --user NAME``, with ``SSA_TUI_CONFIG``/``…EXCHANGE_DIR`` if set."""
    environ = os.environ if environ is None else environ
    passed = [f"{key}={Path(environ[key]).absolute()}" for key in PASSED_ON if environ.get(key)]
    parts = ["env", *SSH_ENV.split(), *passed, program, "--db", str(db), "--user", name]
    if read_only:
        parts.append("--read-only")
    return " ".join(shlex.quote(part) for part in parts)


def authorized_keys_line(
    program: str,
    db: Path,
    name: str,
    public_key: str,
    *,
    read_only: bool = False,
    environ: Mapping[str, str] | None = None,
) -> str:
    """One line for ``~/.ssh/authorized_keys`` of the shared account."""
    if not NAME.match(name):
        raise KeyProblem(name)
    key = public_key.strip()
    if "\n" in key or not KEY.match(key):
        raise KeyProblem(key[:40])
    command = forced_command(program, db, name, read_only=read_only, environ=environ).replace('"', '\\"')
    return f'command="{command}",restrict,pty {key}'
