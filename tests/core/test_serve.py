"""`pantau serve --processes N`: several web processes on one port, each started again if it dies."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(os.name != "posix", reason="web processes share the port by inherited sockets")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lapor/", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def children_of(pid: int) -> set[int]:
    """The pids of the web processes (`--listen-fd`) whose parent is `pid`."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == pid and b"--listen-fd" in command:
            found.add(int(entry.name))
    return found


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"not within {timeout:.0f} s: {what}")


@pytest.fixture
def home(tmp_path):
    env = {**os.environ, "PANTAU_HOME": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "-m", "pantau", "migrate"], env=env, cwd=ROOT, check=True, capture_output=True)
    return env


def test_it_serves_one_port_from_two_processes_and_starts_a_killed_one_again(home):
    port = free_port()
    serve = subprocess.Popen(
        [sys.executable, "-m", "pantau", "serve", "--no-worker", "--processes", "2", "--port", str(port)],
        env=home, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    again = set()
    try:
        wait_for(lambda: answers(port), 120, "the form answers")
        first = wait_for(lambda: (lambda c: c if len(c) == 2 else None)(children_of(serve.pid)), 30, "two processes")
        victim = sorted(first)[0]
        os.kill(victim, signal.SIGKILL)
        again = wait_for(
            lambda: (lambda c: c if len(c) == 2 and victim not in c else None)(children_of(serve.pid)),
            30, "the killed process is replaced",
        )  # fmt: skip
        assert len(again & first) == 1
        assert all(answers(port) for _ in range(10))
    finally:
        serve.send_signal(signal.SIGTERM)
        output = serve.communicate(timeout=60)[0]
    assert "2 processes" in output
    gone = lambda: not any(Path(f"/proc/{pid}").exists() for pid in again) or None  # noqa: E731
    assert wait_for(gone, 10, "the web processes stop with the command")


def test_it_refuses_zero_processes_with_a_one_line_message(home):
    done = subprocess.run(
        [sys.executable, "-m", "pantau", "serve", "--no-worker", "--processes", "0"],
        env=home, cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode != 0
    assert "--processes" in done.stderr and "Traceback" not in done.stderr
