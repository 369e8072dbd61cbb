"""`pantau serve` keeps its worker running: a worker that stops is started again, with growing pauses."""

import logging
import sys
import time

from pantau.jobs.supervisor import Supervisor, restart_delay


def test_it_waits_longer_after_each_quick_death_up_to_half_a_minute():
    assert [restart_delay(n) for n in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]


def test_it_starts_a_stopped_worker_again_and_logs_each_restart(caplog):
    supervisor = Supervisor([sys.executable, "-c", "raise SystemExit(3)"], first_delay=0.05, max_delay=0.2)
    with caplog.at_level(logging.WARNING, logger="pantau.jobs.supervisor"):
        first = supervisor.start()
        deadline = time.monotonic() + 60
        while supervisor.restarts < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        supervisor.stop()
    assert supervisor.restarts >= 3
    assert supervisor.process.pid != first.pid
    stopped = [r.getMessage() for r in caplog.records if "stopped with exit code 3" in r.getMessage()]
    assert len(stopped) >= 3


def test_it_stops_its_worker_when_serve_stops():
    supervisor = Supervisor([sys.executable, "-c", "import time; time.sleep(60)"])
    process = supervisor.start()
    supervisor.stop(timeout=10)
    assert process.poll() is not None
    time.sleep(0.2)
    assert supervisor.restarts == 0
