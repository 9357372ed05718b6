"""The one catalogue of user-facing strings, German first, English available.

Every text the user reads is looked up here by key: ``t("error.required")``. The catalogue is
split by area (one module each: ``core``, ``labels``, ``ui``, ``mail``, ``exchange`` …, named in
:data:`PARTS`) so that each part of the product keeps its strings in one module of this package;
the keys are merged here and must not collide.
"""

from __future__ import annotations

import errno
import importlib

LANGUAGES = ("de", "en")

_catalogue: dict[str, tuple[str, str]] = {}
_language = "de"


def set_language(language: str) -> None:
    """Choose the language of every text from now on (``de`` or ``en``)."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    _language = language


def get_language() -> str:
    return _language


def t(key: str, /, **values: object) -> str:
    """The text for ``key`` in the current language, with ``{placeholders}`` filled in.

    An unknown key is returned as it is, so a missing entry shows up plainly instead of crashing.
    """
    return text_in(_language, key, **values)


def text_in(language: str, key: str, /, **values: object) -> str:
    """The text for ``key`` in ``language`` (without changing the current language)."""
    texts = _catalogue.get(key)
    if texts is None:
        return key
    text = texts[LANGUAGES.index(language)]
    return text.format(**values) if values else text


def os_reason(error: BaseException) -> str:
    """Why an operating-system call failed, in the current language (``keine Berechtigung``):
    the entry ``os.<errno name>`` of the catalogue, else the system's own text (for an error
    that is no OSError, e.g. a file in the wrong encoding: its type's name)."""
    if not isinstance(error, OSError):
        return type(error).__name__
    key = f"os.{errno.errorcode.get(error.errno, '')}"
    if key in _catalogue:
        return t(key)
    return error.strerror or str(error)


#: Every module of this package that holds strings (``TEXTS``), listed rather than searched for at
#: start (a test checks that the list names every such module). (Last in this file: a part may
#: import it.)
PARTS = (
    "audit",
    "cli_help",
    "core",
    "exchange",
    "files",
    "forms",
    "labels",
    "mail",
    "os_errors",
    "privacy",
    "report",
    "rounds",
    "store",
    "team",
    "ui",
)
for _name in PARTS:
    for _key, _texts in importlib.import_module(f"{__name__}.{_name}").TEXTS.items():
        if _key in _catalogue:
            raise RuntimeError(f"i18n key defined twice: {_key}")
        _catalogue[_key] = _texts
