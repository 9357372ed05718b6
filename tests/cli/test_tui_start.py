"""``ssa-tui`` with global options alone starts the TUI without building every command's parser
(their modules import mail, exchange and templates); anything else goes to the whole parser."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ssa_tui.demo import build
from ssa_tui.i18n import t

PROBE = (
    "import sys\n"
    "from ssa_tui.cli.main import main\n"
    "code = main(sys.argv[1:])\n"
    "print(code, sorted(m for m in sys.modules if m.startswith(('ssa_tui.cli.', 'ssa_tui.mail'))))\n"
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SSA_TUI_")}
    return subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


def test_global_options_alone_start_the_tui_and_load_no_command(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    build(db)
    result = run("--db", str(db), "--user", "anna", "--read-only")
    assert result.stderr == t("cli.no_terminal") + "\n"  # the TUI's own check: no terminal here
    code, modules = result.stdout.split(" ", 1)
    assert code == "2"
    assert modules.strip() == "['ssa_tui.cli.context', 'ssa_tui.cli.main', 'ssa_tui.cli.tui']"


def test_an_unknown_option_or_a_bad_value_is_refused_by_the_whole_parser(tmp_path: Path) -> None:
    db = tmp_path / "db.json"
    build(db)
    unknown = run("--db", str(db), "--bogus")
    assert unknown.returncode == 2 and "unbekannte Argumente: --bogus" in unknown.stderr
    bad = run("--db", str(db), "--lang", "xx")
    assert bad.returncode == 2 and "'xx'" in bad.stderr and "--lang" in bad.stderr
    assert "Traceback" not in unknown.stderr + bad.stderr
