"""Identities, roles, keys and the audit log for a team on one server."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ssa_tui.cli.context import current_user
from ssa_tui.demo import build
from ssa_tui.store import Repository
from ssa_tui.team.keys import KeyProblem, authorized_keys_line
from ssa_tui.ui.app import build_app
from ssa_tui.ui.audit.screen import AuditScreen

ACCOUNT = pwd.getpwuid(os.geteuid()).pw_name


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "db.json"
    build(path)
    return path


def ssa(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ssa_tui", *args], capture_output=True, text=True, env=env, timeout=60
    )


def test_a_variable_cannot_change_who_you_are_in_a_team_set_up(demo: Path, monkeypatch) -> None:
    monkeypatch.setenv("SSA_TUI_USER", "chefin")
    monkeypatch.setenv("USER", "chefin")
    monkeypatch.setenv("LOGNAME", "chefin")
    assert current_user(None, demo) == "chefin"  # single user: SPEC's order
    (demo.parent / "ssa-tui.toml").write_text(f'[roles]\n{ACCOUNT} = "editor"\n')
    assert current_user(None, demo) == ACCOUNT  # team: the OS account, not the variable
    assert current_user("anna", demo) == "anna"  # the forced command's --user


def test_roles_file_makes_unknown_people_viewers(demo: Path, tmp_path: Path) -> None:
    (demo.parent / "ssa-tui.toml").write_text('[roles]\nbritta = "editor"\npraktikum = "viewer"\n')
    csv_file = tmp_path / "k.csv"
    csv_file.write_text("Name\nNeu\n", encoding="utf-8")
    before = demo.read_bytes()
    for user in ("praktikum", "fremd"):
        result = ssa("--db", str(demo), "--user", user, "import", "contacts", str(csv_file))
        assert result.returncode == 2 and "Nur Lesezugriff" in result.stderr
    assert demo.read_bytes() == before
    assert ssa("--db", str(demo), "--user", "britta", "import", "contacts", str(csv_file)).returncode == 0


def test_add_key_prints_a_forced_command_line(demo: Path, tmp_path: Path) -> None:
    if not shutil.which("ssh-keygen"):
        pytest.skip("ssh-keygen (openssh-client) missing; .ci/run installs it")
    key = tmp_path / "id"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    result = ssa("--db", str(demo), "--read-only", "team", "add-key", "anna", str(key.with_suffix(".pub")))
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip()
    assert line.startswith('command="env LANG=C.UTF-8') and "--user anna --read-only" in line
    assert ",restrict,pty ssh-ed25519 " in line
    with pytest.raises(KeyProblem):
        authorized_keys_line("ssa-tui", demo, "anna; rm -rf /", key.with_suffix(".pub").read_text())
    with pytest.raises(KeyProblem):
        authorized_keys_line("ssa-tui", demo, "anna", "ssh-ed25519 AAAA\ncommand=x ssh-rsa BBBB")


def test_audit_on_the_command_line_filters_by_person_and_record(demo: Path) -> None:
    Repository(demo, user="britta").update("positions", 1, {"hours_per_week": 40}, expected_rev=1)
    Repository(demo, user="verena").update("contacts", 1, {"role": "Leitung"}, expected_rev=1)
    lines = ssa("audit", "--db", str(demo), "--user", "britta").stdout.strip().splitlines()
    assert (
        len(lines) == 1 and " britta geändert Stelle #1 „Gesamtschule Lippstadt“: Wochenstunden" in lines[0]
    )
    by_record = ssa("audit", "--db", str(demo), "--kind", "contacts", "--id", "1").stdout.strip().splitlines()
    assert [line.split(" · ")[1].split()[0] for line in by_record] == ["demo", "verena"]
    assert ssa("audit", "--db", str(demo), "--since", "kaputt").returncode == 2


async def test_the_audit_view_lists_changes_newest_first(demo: Path) -> None:
    Repository(demo, user="verena").update("contacts", 1, {"role": "Leitung"}, expected_rev=1)
    app = build_app(Repository(demo, user="britta"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, AuditScreen)
        table = app.screen.query_one("RecordTable")
        assert "verena geändert Kontakt #1" in table.rows[0].cells[0]
        await pilot.press("slash", *"verena geändert")
        assert len(table.rows) == 1
        await pilot.press("escape")  # leaves the filter, emptied, as in the lists
        assert isinstance(app.screen, AuditScreen) and len(table.rows) > 1
        await pilot.press("escape")
        assert not isinstance(app.screen, AuditScreen)


def test_add_key_refuses_an_unreadable_file_and_a_bad_key_with_their_exit_codes(
    demo: Path, tmp_path: Path
) -> None:
    missing = ssa("--db", str(demo), "team", "add-key", "anna", str(tmp_path / "fehlt.pub"))
    assert (missing.returncode, missing.stdout) == (2, "")
    assert (
        missing.stderr
        == f"Schlüsseldatei {tmp_path / 'fehlt.pub'} nicht lesbar (Datei oder Ordner nicht gefunden).\n"
    )

    forged = tmp_path / "forged.pub"
    forged.write_text('command="/bin/sh" ssh-ed25519 AAAA\x1b[2J\n', encoding="utf-8")
    bad = ssa("--db", str(demo), "team", "add-key", "anna", str(forged))
    assert (bad.returncode, bad.stdout) == (1, "")
    assert bad.stderr.startswith("Kein gültiger Name oder öffentlicher SSH-Schlüssel: ")
    assert "\x1b" not in bad.stderr
