"""Stopping on SIGTERM or SIGHUP the way Ctrl-C stops: by an exception, so every `finally` runs.

A process manager (or `timeout`) ends a build with SIGTERM, a closed terminal ends `make serve`
with SIGHUP. Python's default for both is to die on the spot: the forked cell-page workers, the
serve's background process and the temporary folders would be left behind. Raised as SystemExit
instead, MkDocs' own `finally` calls the plugins' on_shutdown, and ours stop what they started.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType

SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class Stopped(SystemExit):
    """The process was asked to stop; its exit code is the shell's for that signal (128 + number)."""

    def __init__(self, signum: int) -> None:
        super().__init__(128 + signum)
        self.signum = signum

    def __str__(self) -> str:
        return f"Đã dừng (nhận tín hiệu {signal.Signals(self.signum).name})."


_installed: set[int] = set()
_stopping = False


def _stop(signum: int, frame: FrameType | None) -> None:
    global _stopping
    if _stopping:  # `timeout` signals the command, then its whole group: once is enough, let the cleanup run
        return
    _stopping = True
    raise Stopped(signum)


def install() -> None:
    """From the main thread (the only one Python lets set handlers), where nobody set one before us."""
    global _stopping
    if threading.current_thread() is not threading.main_thread():
        return
    _stopping = False
    for signum in SIGNALS:
        if signal.getsignal(signum) is signal.SIG_DFL:
            signal.signal(signum, _stop)
            _installed.add(signum)


def uninstall() -> None:
    """Give back the defaults we replaced (a process that goes on after the build, as tests do)."""
    if _stopping or threading.current_thread() is not threading.main_thread():
        return  # stopping: a repeated signal must not kill the cleanup half way
    for signum in list(_installed):
        if signal.getsignal(signum) is _stop:
            signal.signal(signum, signal.SIG_DFL)
        _installed.discard(signum)
