"""The one catalogue of user-facing strings, German first, English available.

Every text the user reads is looked up here by key: ``t("error.required")``. The catalogue is
split by area (one module each: ``core``, ``labels``, ``ui``, ``mail``, ``exchange`` …) so that each part
of the product keeps its strings in one module of this package; the keys are merged here and
must not collide.
"""

from __future__ import annotations

import importlib
import pkgutil

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


#: Every module of this package that holds strings (``TEXTS``); found, not listed, so that a new
#: area adds its catalogue module and nothing else. (Last in this file: a part may import it.)
_PARTS = sorted(name for _finder, name, _ispkg in pkgutil.iter_modules(__path__))
for _name in _PARTS:
    _part = importlib.import_module(f"{__name__}.{_name}")
    if not hasattr(_part, "TEXTS"):
        continue
    for _key, _texts in _part.TEXTS.items():
        if _key in _catalogue:
            raise RuntimeError(f"i18n key defined twice: {_key}")
        _catalogue[_key] = _texts
