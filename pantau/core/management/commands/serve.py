import argparse
import os
import signal
import socket
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from pantau.jobs.supervisor import Supervisor
from pantau.jobs.worker import worker_status
from pantau.lib.env import env_str
from pantau.lib.links import SERVE_HOST, SERVE_PORT, served_url


class Command(BaseCommand):
    help = "Serve the web app (and, in the embedded mode, a background worker) at http://127.0.0.1:8000/."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=SERVE_HOST, help=f"Address to listen on (default {SERVE_HOST}).")
        parser.add_argument("--port", type=int, default=SERVE_PORT, help=f"Port (default {SERVE_PORT}).")
        parser.add_argument(
            "--threads",
            type=int,
            default=settings.PANTAU_WEB_THREADS,
            help="Web server threads per process (default PANTAU_WEB_THREADS, from the machine's cores).",
        )
        parser.add_argument(
            "--processes",
            type=int,
            default=settings.PANTAU_WEB_PROCESSES,
            help="Web server processes sharing the port (default PANTAU_WEB_PROCESSES, one per core).",
        )
        parser.add_argument(
            "--no-worker", action="store_true", help="Do not start a worker (when workers run as their own service)."
        )
        # Internal: a web process started by a parent `pantau serve`, serving the socket it inherited.
        parser.add_argument("--listen-fd", type=int, help=argparse.SUPPRESS)

    def handle(self, *args, host, port, threads, processes, no_worker, listen_fd, **options):
        if listen_fd is not None:
            return self._serve_inherited(listen_fd, threads)
        if processes < 1 or threads < 1:
            raise CommandError("--processes and --threads must be at least 1")
        call_command("migrate", interactive=False, verbosity=0)
        use_served_address(host, port)
        supervisors = []
        if settings.PANTAU_EMBEDDED_WORKER and not no_worker:
            supervisors.append(self._start_worker())
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            if processes > 1 and os.name == "posix":
                self._serve_in_processes(host, port, threads, processes, supervisors)
            else:
                self._announce(host, port, 1, threads)
                _waitress(host=host, port=port, threads=threads)
        finally:
            for supervisor in supervisors:
                supervisor.stop()

    def _start_worker(self) -> Supervisor:
        supervisor = Supervisor([sys.executable, "-m", "pantau", "worker"])
        worker = supervisor.start()
        self.stdout.write(f"Worker started (pid {worker.pid}); it is started again if it stops.")
        try:
            self._wait_for(worker)
        except CommandError:
            supervisor.stop()
            raise
        return supervisor

    def _serve_in_processes(self, host, port, threads, processes, supervisors) -> None:
        """Bind the port here, and let `processes` children accept on it (the kernel shares the connections)."""
        listening = socket.create_server((host, port), backlog=1024)
        listening.set_inheritable(True)
        connections.close_all()  # each child opens its own
        command = [sys.executable, "-m", "pantau", "serve", "--listen-fd", str(listening.fileno()), "--threads",
                   str(threads)]  # fmt: skip
        for number in range(processes):
            web = Supervisor(command, name=f"web process {number + 1}", pass_fds=(listening.fileno(),))
            web.start()
            supervisors.append(web)
        self._announce(host, port, processes, threads)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:  # Ctrl+C: the children are stopped below, quietly
            pass
        finally:
            listening.close()

    def _serve_inherited(self, fd: int, threads: int) -> None:
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the whole group: the parent stops us
        _waitress(sockets=[socket.socket(fileno=fd)], threads=threads)

    def _announce(self, host, port, processes, threads) -> None:
        how = f"{processes} processes of {threads} threads" if processes > 1 else f"{threads} threads"
        self.stdout.write(f"Pantau is serving at http://{host}:{port}/ with {how} (Ctrl+C stops it).")

    def _wait_for(self, worker, timeout: float = 30.0) -> None:
        """Serve only once the worker has checked in, so /healthz says 200 from the first request."""
        deadline = time.monotonic() + timeout
        while not worker_status(settings.PANTAU_WORKER_STALE_SECONDS)["ok"]:
            if worker.poll() is not None:
                raise CommandError(f"the worker stopped at start (exit code {worker.returncode}), see above")
            if time.monotonic() > deadline:
                self.stderr.write("The worker has not checked in yet; /healthz answers 503 until it does.")
                return
            time.sleep(0.2)


def _waitress(**where) -> None:
    from waitress import serve

    from pantau.wsgi import application

    serve(application, ident="pantau", **where)


def use_served_address(host: str, port: int) -> None:
    """Without PANTAU_SITE_URL, e-mail links lead to where this server listens, also those the worker sends."""
    if env_str("PANTAU_SITE_URL"):
        return
    settings.SITE_URL = served_url(host, port)
    os.environ["PANTAU_SITE_URL"] = settings.SITE_URL  # the worker is started below and inherits it
