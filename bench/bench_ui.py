"""UI figures as ratios against a bare Textual app measured in the same run.

* first paint: process start → first screen drawn (headless), ssa-tui on the demo database and on
  a 10,000 positions / 20,000 contacts database, against a bare app with a Header, an empty
  DataTable and a Footer (median of several runs each);
* filter keystroke at the large size: key pressed → list narrowed and redrawn.

    .venv/bin/python bench/bench_ui.py
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
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

        def on_mount(self):
            note_first_frame(self)
            super().on_mount()

    app = Measured(Repository(which, user="bench", read_only=True))

async def main():
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        print(first_frame[0], time.time() - start)  # first frame; everything loaded and idle

asyncio.run(main())
"""


def first_paint(which: str) -> tuple[float, float]:
    """Median seconds from process start to the first frame, and to the loaded, idle screen."""
    frames, ready = [], []
    for _ in range(RUNS):
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(time.time()), which],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
        ).stdout
        frame, idle = map(float, out.strip().splitlines()[-1].split())
        frames.append(frame)
        ready.append(idle)
    return statistics.median(frames), statistics.median(ready)


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
        for char in "gymnasium soest 12":
            start = time.perf_counter()
            await pilot.press(char if char != " " else "space")
            press.append(time.perf_counter() - start)
            start = time.perf_counter()
            record_list.apply_filter()
            narrow.append(time.perf_counter() - start)
    return statistics.median(press) * 1000, statistics.median(narrow) * 1000


def main() -> None:
    sys.path.insert(0, str(HERE))
    from make_big_db import build_big

    from ssa_tui.demo import build

    with tempfile.TemporaryDirectory() as folder:
        demo, big = Path(folder, "demo.json"), Path(folder, "big.json")
        build(demo)
        build_big(big)
        bare = first_paint("bare")
        ours_demo = first_paint(str(demo))
        ours_big = first_paint(str(big))
        press_ms, narrow_ms = asyncio.run(filter_keystrokes(big))
        bare_press_ms = asyncio.run(bare_keystrokes())
    print("process start -> first frame | -> list filled and idle (bare: idle)")
    print(
        f"bare Textual app (Header+DataTable+Footer): {bare[0] * 1000:5.0f} ms 1.00x | {bare[1] * 1000:5.0f} ms 1.00x"
    )
    for name, (frame, idle) in (
        ("ssa-tui, demo db (goal 1.3x)", ours_demo),
        ("ssa-tui, 10k+20k db (goal 2x)", ours_big),
    ):
        print(
            f"{name:42} {frame * 1000:5.0f} ms {frame / bare[0]:.2f}x | {idle * 1000:5.0f} ms {idle / bare[1]:.2f}x"
        )
    print(f"key typed into an Input of the bare app (pilot's own cost): {bare_press_ms:5.1f} ms")
    print(
        f"filter keystroke at 10k positions, key -> list redrawn:  {press_ms:7.1f} ms, {press_ms - bare_press_ms:.1f} ms more than bare (goal <= 50 ms)"
    )
    print(f"  of which narrowing the rows (fresh, no reuse):         {narrow_ms:7.1f} ms")


if __name__ == "__main__":
    main()
