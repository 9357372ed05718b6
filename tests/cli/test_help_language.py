"""``--lang`` is read before the parser is built: the help is in the language asked for."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ssa_tui import i18n
from ssa_tui.ui.commands import COMMANDS, key_label


def ssa(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "ssa_tui", *args]
    return subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60)


def test_help_is_german_by_default() -> None:
    result = ssa("--help")
    assert result.returncode == 0 and result.stderr == ""
    for line in (
        "Aufruf: ssa-tui",
        "Optionen:",
        "diese Hilfe zeigen und beenden",
        "Datenbank (sonst $SSA_TUI_DB",
    ):
        assert line in result.stdout
    assert "usage:" not in result.stdout and "show this help" not in result.stdout


@pytest.mark.parametrize(
    "args", [("--lang", "en", "--help"), ("--help", "--lang", "en"), ("--lang=en", "check", "-h")]
)
def test_lang_en_gives_english_help(args: tuple[str, ...]) -> None:
    result = ssa(*args)
    assert result.returncode == 0 and result.stderr == ""
    for line in ("usage: ssa-tui", "options:", "show this help and exit", "database (else $SSA_TUI_DB"):
        assert line in result.stdout
    assert (
        "Datenbank (sonst" not in result.stdout
        and "Aufruf" not in result.stdout
        and "Optionen" not in result.stdout
    )


def test_ctrl_keys_are_named_in_the_language() -> None:
    save = next(command for command in COMMANDS if command.action == "save")
    assert key_label(save) == "Strg+S"
    i18n.set_language("en")
    try:
        assert key_label(save) == "Ctrl+S"
    finally:
        i18n.set_language("de")


GERMAN_WORDS = ("ä", "ö", "ü", "ß", " oder ", " nur ", " nicht", " eine ", "Datei", "prüfen")
SUBCOMMANDS = [
    ("import",),
    ("export",),
    ("check",),
    ("backup",),
    ("init",),
    ("newsletter", "render"),
    ("newsletter", "send"),
    ("newsletter", "templates"),
    ("team", "add-key"),
    ("team", "doctor"),
    ("audit",),
    ("report",),
    ("round", "start"),
    ("round", "replies"),
    ("person", "export"),
    ("person", "erase"),
    ("unsubscribe",),
]


@pytest.mark.parametrize("command", SUBCOMMANDS, ids=" ".join)
def test_every_command_helps_in_english_when_asked(command: tuple[str, ...]) -> None:
    english = ssa("--lang", "en", *command, "--help")
    assert english.returncode == 0, english.stderr
    german_left = [word for word in GERMAN_WORDS if word in english.stdout]
    assert german_left == [], english.stdout
    german = ssa(*command, "--help")
    assert german.returncode == 0 and german.stdout != english.stdout


@pytest.mark.parametrize(
    ("args", "german", "english"),
    [
        (
            ("gibtsnicht",),
            "ssa-tui: Fehler: Argument COMMAND: ungültige Wahl: 'gibtsnicht' (möglich: 'check', ",
            "ssa-tui: error: argument COMMAND: invalid choice: 'gibtsnicht' (choose from 'check', ",
        ),
        (
            ("import",),
            "ssa-tui import: Fehler: diese Argumente fehlen: KIND, ",
            "ssa-tui import: error: the following arguments are required: KIND, ",
        ),
        (
            ("export", "contacts", "--format"),
            "ssa-tui export: Fehler: Argument --format: erwartet genau einen Wert",
            "ssa-tui export: error: argument --format: expected one argument",
        ),
        (
            ("check", "--gibts-nicht"),
            "ssa-tui: Fehler: unbekannte Argumente: --gibts-nicht",
            "ssa-tui: error: unrecognized arguments: --gibts-nicht",
        ),
    ],
)
def test_argparse_s_own_errors_speak_the_language_asked_for(
    args: tuple[str, ...], german: str, english: str
) -> None:
    for language, expected in (("de", german), ("en", english)):
        result = ssa("--lang", language, *args)
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr.splitlines()[-1].startswith(expected), result.stderr
