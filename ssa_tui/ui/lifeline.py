"""The process ends when its terminal goes away or it is told to stop (SIGHUP, SIGTERM).

Why Textual's defaults are not enough (found with ``py-spy dump`` on processes that stayed after
``tmux kill-session``): on a hang-up the kernel sends SIGHUP *and* SIGCONT. Textual's driver answers
SIGCONT by restarting application mode, which starts a second output thread; that thread dies
writing to the dead terminal, and the app then blocks for ever in ``Queue.put`` on its full queue
(main thread in ``queue.put``, the first output thread idle in ``queue.get``, the second gone).

So a stop signal here (1) turns the driver's SIGCONT handler off before Python runs it (pending
signals run in number order: SIGHUP before SIGCONT), (2) asks the app to exit through the event
loop (never from inside whatever the signal interrupted), and (3) starts a watchdog that ends the
process after :data:`GRACE` seconds if the orderly exit is stuck on the dead terminal. Database
writes are atomic (temp file and rename), so even that last resort cannot leave a torn file.

A terminal can also go away without a SIGHUP for this process: the kernel sends it to the
session leader only, and a leader that ignores it (a wrapper, a tracer) stays. Textual's input
thread then reads end-of-file in a busy loop for ever (found with ``strace``: ``read(0, "", …) = 0``
at 20 % CPU). So a thread waits for the terminal's hang-up itself (``poll`` for POLLHUP) and
then sends this process the SIGHUP it missed: one way out for both.
"""

from __future__ import annotations

import asyncio
import os
import select
import signal
import threading
from collections.abc import Callable
from types import FrameType

#: Seconds the orderly exit may take before the watchdog ends the process.
GRACE = 0.6
STOP_SIGNALS = (signal.SIGHUP, signal.SIGTERM)


def install(exit_app: Callable[[int], None]) -> None:
    """Handle SIGHUP and SIGTERM for the rest of the process (call from the main thread).

    ``exit_app(code)`` is called in the event loop's thread; the exit code is 128 + the signal.
    """

    def stop(signum: int, _frame: FrameType | None) -> None:
        signal.signal(signal.SIGCONT, signal.SIG_DFL)  # no restart of the dead terminal's output
        for number in STOP_SIGNALS:
            signal.signal(number, signal.SIG_IGN)  # one stop is enough
        code = 128 + signum
        threading.Thread(target=_end_after_grace, args=(code,), daemon=True, name="ssa-lifeline").start()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            raise SystemExit(code) from None  # before the app runs: nothing to tidy up
        loop.call_soon_threadsafe(exit_app, code)

    for number in STOP_SIGNALS:
        signal.signal(number, stop)
    threading.Thread(target=_hang_up_with_terminal, daemon=True, name="ssa-terminal-watch").start()


def _hang_up_with_terminal(fd: int = 0) -> None:
    """Send SIGHUP to this process once the terminal on ``fd`` has hung up (or is gone)."""
    watch = select.poll()
    watch.register(fd, 0)  # no events asked for: poll reports only POLLHUP, POLLERR, POLLNVAL
    while not watch.poll():
        pass  # an interrupted wait (EINTR is retried by Python, so this is only for safety)
    os.kill(os.getpid(), signal.SIGHUP)


def _end_after_grace(code: int) -> None:
    threading.Event().wait(GRACE)
    os._exit(code)
