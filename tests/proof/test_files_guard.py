"""Mutants of ``store/files.py`` the suite let live (bench/mutation.sh): each protected place is
refused by name, with the exact message, and the exchange listing is ordered as people read.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ssa_tui.store.files import OutputExists, ProtectedPath, exchange_files, refuse_protected, write_output


def refused_with_message(db: Path, target: Path) -> None:
    with pytest.raises(ProtectedPath) as refused:
        refuse_protected(db, target)
    assert (
        str(refused.value)
        == f"{target} gehört zur Datenbank oder zur Verwaltung und wird nicht überschrieben."
    )


def test_files_inside_the_backups_and_templates_folders_are_refused(demo: Path) -> None:
    for folder in ("db.json.backups", "templates"):
        (demo.parent / folder).mkdir(exist_ok=True)
        refused_with_message(demo, demo.parent / folder / "neu.csv")


def test_the_configured_settings_file_is_refused_wherever_it_lies(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "etc" / "rollen.toml"
    elsewhere.parent.mkdir()
    monkeypatch.setenv("SSA_TUI_CONFIG", str(elsewhere))
    refused_with_message(demo, elsewhere)
    monkeypatch.delenv("SSA_TUI_CONFIG")
    refuse_protected(demo, elsewhere)  # only while it is the configured one


def test_the_real_database_behind_a_symlinked_db_path_is_refused(tmp_path: Path, demo: Path) -> None:
    link_folder = tmp_path / "link"
    link_folder.mkdir()
    link = link_folder / "daten.json"
    link.symlink_to(demo)
    refused_with_message(link, demo)


def test_an_existing_target_is_named_in_the_refusal(demo: Path, tmp_path: Path) -> None:
    target = tmp_path / "liste.csv"
    target.write_bytes(b"alt")
    with pytest.raises(OutputExists) as refused:
        write_output(target, b"neu", db_path=demo, replace=False)
    assert refused.value.target == target
    assert str(refused.value) == f"Die Datei {target} gibt es schon – nur mit Bestätigung (--force) ersetzen."
    assert target.read_bytes() == b"alt"


def test_the_exchange_folder_lists_names_case_insensitively_sorted(
    demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "austausch"
    folder.mkdir()
    monkeypatch.setenv("SSA_TUI_EXCHANGE_DIR", str(folder))
    for name in ("B.csv", "a.csv", "c.xlsx", ".versteckt.csv"):
        (folder / name).write_text("x")
    os.symlink(demo, folder / "a-link.json")
    assert exchange_files(demo) == ["a.csv", "B.csv", "c.xlsx"]


def test_ssh_folders_and_authorized_keys_files_are_refused_anywhere(demo: Path, tmp_path: Path) -> None:
    refused_with_message(demo, tmp_path / "home" / ".ssh" / "config")
    refused_with_message(demo, tmp_path / "authorized_keys")
    refused_with_message(demo, tmp_path / "authorized_keys2")
    refuse_protected(demo, tmp_path / "home" / "liste.csv")  # an ordinary file elsewhere is fine
