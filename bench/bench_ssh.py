"""ssa-tui over a real OpenSSH server on 127.0.0.1 against a bare Textual app over the same set-up:
time from starting ``ssh`` to the first screen, and memory (RSS) of the session's process.

    .venv/bin/python bench/bench_ssh.py        (needs openssh-server and tmux)
"""

from __future__ import annotations

import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("ssh_fixtures", HERE.parent / "tests" / "ssh" / "conftest.py")
fixtures = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fixtures)
RUNS = 5


def rss_kib(pattern: str) -> int:
    pids = subprocess.run(["pgrep", "-f", "--", pattern], capture_output=True, text=True).stdout.split()
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total = max(total, int(line.split()[1]))
    return total


def measure(server, name: str, ready: str, pattern: str) -> tuple[float, int]:
    times, memory = [], []
    for run in range(RUNS):
        start = time.perf_counter()
        terminal = fixtures.Terminal(f"{name}{run}", server.ssh_command(name, "-tt"), size=(100, 30))
        terminal.wait_for(ready, timeout=30)
        times.append(time.perf_counter() - start)
        time.sleep(0.3)
        memory.append(rss_kib(pattern))
        terminal.close()
        time.sleep(0.5)
    return statistics.median(times), int(statistics.median(memory))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        server = fixtures.Server(Path(folder))
        try:
            server.add_person("anna")
            bare_key = server.add_person("bare")
            lines = server.authorized.read_text().splitlines()
            bare_command = f"env LANG=C.UTF-8 {sys.executable} {HERE / 'bare_app.py'}"
            lines[-1] = (
                f'command="{bare_command}",restrict,pty ' + bare_key.with_suffix(".pub").read_text().strip()
            )
            server.authorized.write_text("\n".join(lines) + "\n")
            bare_time, bare_rss = measure(server, "bare", "bare", "bare_app.py")
            our_time, our_rss = measure(server, "anna", "1 Stellen", "--user anna")
        finally:
            server.stop()
    print("over ssh -tt to 127.0.0.1, terminal 100x30, median of", RUNS)
    print(
        f"bare Textual app: first screen {bare_time * 1000:5.0f} ms 1.00x   RSS {bare_rss / 1024:5.1f} MiB 1.00x"
    )
    print(
        f"ssa-tui (demo db): first screen {our_time * 1000:5.0f} ms {our_time / bare_time:.2f}x   RSS {our_rss / 1024:5.1f} MiB {our_rss / bare_rss:.2f}x"
    )


if __name__ == "__main__":
    main()
