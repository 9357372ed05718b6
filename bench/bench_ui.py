"""UI figures as ratios against a bare Textual app measured in the same run.

* first paint: process start → first screen drawn (headless), ssa-tui on the demo database and on
  a 10,000 positions / 20,000 contacts database, against a bare app with a Header, an empty
  DataTable and a Footer (median of several runs each); then → the list filled (its count line
  set: the first frame comes before the data) and → idle (search keys made in the background);
* filter keystroke at the large size: key pressed → list narrowed and redrawn (the filter is
  checked to hold every typed character: a key lost or taken as a command fails the run);
* the same first paint and keystroke in a real terminal: the program started in tmux (a server
  of its own), the screen polled until the header (first frame) and the count line (list
  filled) show; a keystroke until the typed text shows in the filter line.

Runs take turns (bare, demo, large, bare, …) and the package is compiled first, so neither a busy
moment of the machine nor stale bytecode lands on one side of a ratio.

    .venv/bin/python bench/bench_ui.py
"""

from __future__ import annotations

import asyncio
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 7
HERE = Path(__file__).resolve().parent
REPO = HERE.parent

CHILD = """
import asyncio, sys, time
start = float(sys.argv[1])
which = sys.argv[2]
from textual.app import App
first_frame = []

def note_first_frame(app):
    app.call_after_refresh(lambda: first_frame.append(time.time() - start))

if which == "bare":
    from textual.widgets import DataTable, Footer, Header

    class Measured(App):
        def compose(self):
            yield Header()
            yield DataTable()
            yield Footer()

        def on_mount(self):
            note_first_frame(self)

    app = Measured()
else:
    from pathlib import Path
    from ssa_tui.store import Repository
    from ssa_tui.ui import app as app_module
    from ssa_tui.ui.app import SsaApp

    class Measured(SsaApp):
        CSS_PATH = [str(Path(app_module.__file__).parent / path) for path in SsaApp.CSS_PATH]

        def on_mount(self):  # Textual calls SsaApp.on_mount after this one (never super())
            note_first_frame(self)

    app = Measured(Repository(which, user="bench", read_only=True))

def list_filled():
    status = app.query(".list-status")
    return bool(status) and bool(status.first().text)

async def main():
    async with app.run_test(size=(120, 40)) as pilot:
        filled = None
        if which != "bare":
            while not list_filled():
                await asyncio.sleep(0.001)
            filled = time.time() - start
        await pilot.pause()
        idle = time.time() - start
        print(first_frame[0], filled or idle, idle)  # first frame; the list filled; all idle

asyncio.run(main())
"""


def first_paint_once(which: str) -> tuple[float, float, float]:
    """Seconds from process start to the first frame, to the list filled, and to idle."""
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(time.time()), which],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    ).stdout
    frame, full, idle = map(float, out.strip().splitlines()[-1].split())
    return frame, full, idle


def interleaved(measure, *subjects: str) -> list[tuple[float, ...]]:
    """Medians of ``measure(subject)`` over RUNS rounds, the subjects taking turns in each round
    (so a busy moment of the machine hits all of them alike, not the one measured then)."""
    samples: dict[str, list[tuple[float, ...]]] = {subject: [] for subject in subjects}
    for _ in range(RUNS):
        for subject in subjects:
            samples[subject].append(measure(subject))
    return [tuple(map(statistics.median, zip(*samples[subject]))) for subject in subjects]


def fresh_bytecode() -> None:
    """Compile the package first: a run that compiles stale sources measures the compiler."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "ssa_tui")], check=True)


async def bare_keystrokes() -> float:
    """Median ms the pilot takes for one key typed into an Input of a bare app (its own overhead)."""
    from textual.app import App
    from textual.widgets import DataTable, Footer, Header, Input

    class Bare(App):
        def compose(self):
            yield Header()
            yield Input()
            yield DataTable()
            yield Footer()

    samples = []
    async with Bare().run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for char in "gymnasium soest 12":
            start = time.perf_counter()
            await pilot.press(char if char != " " else "space")
            samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


async def filter_keystrokes(db: Path) -> tuple[float, float]:
    """Median ms per filter keystroke (pilot press → idle) and of the narrowing alone."""
    from ssa_tui.store import Repository
    from ssa_tui.ui.app import build_app

    app = build_app(Repository(db, user="bench", read_only=True))
    press, narrow = [], []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")  # the positions list (10,000 rows) is shown first
        record_list = app.active_list
        for char in TYPED:
            start = time.perf_counter()
            await pilot.press(char if char != " " else "space")
            press.append(time.perf_counter() - start)
            start = time.perf_counter()
            record_list.apply_filter()
            narrow.append(time.perf_counter() - start)
        if record_list.filter_input.value != TYPED:
            raise SystemExit(f"the filter holds {record_list.filter_input.value!r}, not {TYPED!r}")
    return statistics.median(press) * 1000, statistics.median(narrow) * 1000


TYPED = "gymnasium soest 12"
#: Without COLUMNS and LINES, which Textual would take over the tmux window's real size.
WINDOW_ENV = {name: value for name, value in os.environ.items() if name not in ("COLUMNS", "LINES")}
PROGRAM = str(Path(sys.executable).with_name("ssa-tui"))


class Tmux:
    """One program in a tmux server of its own, 120×40."""

    def __init__(self, argv: list[str]) -> None:
        self.server = f"bench-ui-{os.getpid()}-{time.monotonic_ns()}"
        self.started = time.perf_counter()
        subprocess.run(
            ["tmux", "-L", self.server, "new-session", "-d", "-x", "120", "-y", "40", shlex.join(argv)],
            check=True,
            env=WINDOW_ENV,
        )

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "-L", self.server, "capture-pane", "-p"], capture_output=True, text=True
        ).stdout

    def until(self, shown, limit: float = 60) -> float:
        """Seconds since start until ``shown(screen)`` holds."""
        while not shown(self.screen()):
            if time.perf_counter() - self.started > limit:
                raise SystemExit(f"not shown in {limit} s:\n{self.screen()}")
            time.sleep(0.003)
        return time.perf_counter() - self.started

    def send(self, text: str) -> None:
        subprocess.run(["tmux", "-L", self.server, "send-keys", "-l", text], check=True)

    def close(self) -> None:
        """Close the window and wait until its program has ended: a program still tearing down
        would take CPU from the next run (and so always from the subject measured after it)."""
        pid = subprocess.run(
            ["tmux", "-L", self.server, "display", "-p", "#{pane_pid}"], capture_output=True, text=True
        ).stdout.strip()
        subprocess.run(["tmux", "-L", self.server, "kill-server"], capture_output=True)
        deadline = time.monotonic() + 5
        while pid.isdigit() and running(int(pid)) and time.monotonic() < deadline:
            time.sleep(0.01)


def running(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie waiting for its reaper has ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def tmux_first_paint_once(which: str) -> tuple[float, float]:
    """Seconds to the first frame (header) and to the filled list (count line) in tmux."""
    if which == "bare":
        terminal = Tmux([sys.executable, str(HERE / "bare_app.py")])
        frame = terminal.until(lambda s: "bare" in s)
        ready = frame
    else:
        terminal = Tmux([PROGRAM, "--db", which, "--user", "bench", "--read-only"])
        frame = terminal.until(lambda s: "Schulsozialarbeit" in s)
        ready = terminal.until(lambda s: "sortiert nach" in s)
    terminal.close()
    return frame, ready


def tmux_keystrokes(db: Path) -> float:
    """Median ms from a key sent to tmux until the filter line shows it (10k positions)."""
    terminal = Tmux([PROGRAM, "--db", str(db), "--user", "bench", "--read-only"])
    try:
        terminal.until(lambda s: "sortiert nach" in s)
        terminal.send("/")
        samples = []
        typed = TYPED.split()[0]  # no spaces: a trailing one is not seen in the captured line
        for n in range(1, len(typed) + 1):
            start = time.perf_counter()
            terminal.send(typed[n - 1])
            terminal.started = start
            terminal.until(lambda s, prefix=typed[:n]: filter_line(s).startswith(prefix), limit=10)
            samples.append(time.perf_counter() - start)
        return statistics.median(samples) * 1000
    finally:
        terminal.close()


def filter_line(screen: str) -> str:
    lines = screen.splitlines()
    return lines[3] if len(lines) > 3 else ""


def main() -> None:
    sys.path.insert(0, str(HERE))
    from make_big_db import build_big

    from ssa_tui.demo import build

    with tempfile.TemporaryDirectory() as folder:
        demo, big = Path(folder, "demo.json"), Path(folder, "big.json")
        build(demo)
        build_big(big)
        fresh_bytecode()
        bare, ours_demo, ours_big = interleaved(first_paint_once, "bare", str(demo), str(big))
        press_ms, narrow_ms = asyncio.run(filter_keystrokes(big))
        bare_press_ms = asyncio.run(bare_keystrokes())
        in_tmux = shutil.which("tmux") is not None
        if in_tmux:
            tmux_bare, tmux_demo, tmux_big = interleaved(tmux_first_paint_once, "bare", str(demo), str(big))
            tmux_press_ms = tmux_keystrokes(big)
    print("process start -> first frame | -> list filled | -> idle (bare: idle, twice)")
    print(
        f"bare Textual app (Header+DataTable+Footer): {bare[0] * 1000:5.0f} ms 1.00x | "
        f"{bare[1] * 1000:5.0f} ms 1.00x | {bare[2] * 1000:5.0f} ms 1.00x"
    )
    for name, (frame, full, idle) in (
        ("ssa-tui, demo db (goal 1.3x)", ours_demo),
        ("ssa-tui, 10k+20k db (goal 2x)", ours_big),
    ):
        print(
            f"{name:42} {frame * 1000:5.0f} ms {frame / bare[0]:.2f}x | "
            f"{full * 1000:5.0f} ms {full / bare[1]:.2f}x | {idle * 1000:5.0f} ms {idle / bare[2]:.2f}x"
        )
    print(f"key typed into an Input of the bare app (pilot's own cost): {bare_press_ms:5.1f} ms")
    print(
        f"filter keystroke at 10k positions, key -> list redrawn:  {press_ms:7.1f} ms, {press_ms - bare_press_ms:.1f} ms more than bare (goal <= 50 ms)"
    )
    print(f"  of which narrowing the rows (fresh, no reuse):         {narrow_ms:7.1f} ms")
    if not in_tmux:
        print("tmux missing: no figures in a real terminal")
        return
    print("in tmux (120x40): process start -> header shown | -> count line shown")
    print(f"bare Textual app: {tmux_bare[0] * 1000:5.0f} ms 1.00x")
    for name, (frame, idle) in (("ssa-tui, demo db", tmux_demo), ("ssa-tui, 10k+20k db", tmux_big)):
        print(
            f"{name:20} {frame * 1000:5.0f} ms {frame / tmux_bare[0]:.2f}x | "
            f"{idle * 1000:5.0f} ms {idle / tmux_bare[0]:.2f}x"
        )
    print(f"filter keystroke at 10k in tmux, key sent -> shown in the filter: {tmux_press_ms:6.1f} ms")


if __name__ == "__main__":
    main()
