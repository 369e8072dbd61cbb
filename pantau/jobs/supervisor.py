"""Keeps a worker process running beside `pantau serve`: a dead worker is started again.

(The web processes of `pantau serve --processes N` are kept running the same way.)

A worker that dies (killed, out of memory, a bug) would otherwise leave
every later job queued forever while the web app keeps answering. The
supervisor waits for the process in a thread and starts a new one a second
later; one that keeps dying soon after its start is started again after
ever longer pauses (up to half a minute), so a broken set-up never turns
into a tight crash loop. Each restart is logged.
"""

import logging
import subprocess
import threading
import time
from typing import Any

log = logging.getLogger(__name__)
FIRST_DELAY = 1.0
MAX_DELAY = 30.0
# A worker that ran this long was healthy: its next crash starts the pauses from the beginning.
STABLE_AFTER = 60.0


def restart_delay(quick_deaths: int, first: float = FIRST_DELAY, most: float = MAX_DELAY) -> float:
    """Seconds to wait before a restart after `quick_deaths` deaths in a row soon after starting (1, 2, ...)."""
    return min(most, first * 2.0 ** max(0, quick_deaths - 1))


class Supervisor:
    def __init__(self, command: list[str], first_delay: float = FIRST_DELAY, max_delay: float = MAX_DELAY,
                 stable_after: float = STABLE_AFTER, name: str = "worker", **popen: Any) -> None:  # fmt: skip
        self.command = command
        self.name = name
        self.popen = popen  # e.g. pass_fds, for a web process that serves the parent's listening socket
        self.first_delay = first_delay
        self.max_delay = max_delay
        self.stable_after = stable_after
        self.process: subprocess.Popen[bytes] | None = None
        self.restarts = 0
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._watch, name=f"{name}-supervisor", daemon=True)

    def start(self) -> subprocess.Popen[bytes]:
        self._spawn()
        self._thread.start()
        return self._current()

    def _current(self) -> subprocess.Popen[bytes]:
        if self.process is None:
            raise RuntimeError(f"the {self.name} was stopped before it started")
        return self.process

    def _spawn(self) -> None:
        with self._lock:
            if not self._stopping.is_set():
                self.process = subprocess.Popen(self.command, **self.popen)
                self._started = time.monotonic()

    def _watch(self) -> None:
        quick_deaths = 0
        while not self._stopping.is_set():
            code = self._current().wait()
            if self._stopping.is_set():
                return
            lived = time.monotonic() - self._started
            quick_deaths = 1 if lived >= self.stable_after else quick_deaths + 1
            delay = restart_delay(quick_deaths, self.first_delay, self.max_delay)
            log.warning(
                "the %s (pid %s) stopped with exit code %s after %.0f s; starting it again in %.0f s",
                self.name, self._current().pid, code, lived, delay,
            )  # fmt: skip
            if self._stopping.wait(delay):
                return
            self._spawn()
            self.restarts += 1
            log.warning("%s started again (pid %s, restart %d)", self.name, self._current().pid, self.restarts)

    def stop(self, timeout: float = 30.0) -> None:
        with self._lock:
            self._stopping.set()
            process = self.process
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
