"""Why a file operation failed is said in the message's language (``os_reason`` in ``i18n``):
a German message never ends in the system's English (``… ist nicht lesbar: Is a directory``)."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from ssa_tui.i18n import get_language, os_reason, set_language


@pytest.fixture
def english():
    before = get_language()
    set_language("en")
    yield
    set_language(before)


def reason_of(call) -> OSError:
    with pytest.raises(OSError) as raised:
        call()
    return raised.value


def test_real_failures_are_named_in_german(tmp_path: Path) -> None:
    assert os_reason(reason_of(lambda: open(tmp_path, "rb"))) == "ist ein Ordner"
    assert os_reason(reason_of(lambda: open(tmp_path / "fehlt", "rb"))) == "Datei oder Ordner nicht gefunden"
    (tmp_path / "datei").write_text("x")
    assert os_reason(reason_of(lambda: open(tmp_path / "datei" / "unter", "wb"))) == "ist kein Ordner"
    assert os_reason(reason_of(lambda: (tmp_path / ("n" * 300)).write_text("x"))) == "Name zu lang"


def test_and_in_english_when_asked(tmp_path: Path, english) -> None:
    assert os_reason(reason_of(lambda: open(tmp_path, "rb"))) == "Is a directory"
    assert os_reason(OSError(errno.ENOSPC, "whatever the system says")) == "No space left on device"


def test_an_error_not_in_the_catalogue_keeps_the_system_text() -> None:
    assert os_reason(OSError(errno.ENXIO, "No such device or address")) == "No such device or address"
    assert os_reason(OSError("only a message")) == "only a message"  # no errno at all
    assert os_reason(UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")) == "UnicodeDecodeError"


def test_every_entry_names_a_real_errno_in_both_languages() -> None:
    from ssa_tui.i18n.os_errors import TEXTS

    for key, (german, english) in TEXTS.items():
        assert key.removeprefix("os.") in errno.errorcode.values(), key
        assert german and english and german != english, key
        assert os_reason(OSError(getattr(errno, key.removeprefix("os.")), "x")) == german
