import os
import signal
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

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
            help="Web server threads (default PANTAU_WEB_THREADS, from the machine's cores).",
        )
        parser.add_argument(
            "--no-worker", action="store_true", help="Do not start a worker (when workers run as their own service)."
        )

    def handle(self, *args, host, port, threads, no_worker, **options):
        from waitress import serve

        from pantau.wsgi import application

        call_command("migrate", interactive=False, verbosity=0)
        use_served_address(host, port)
        supervisor = None
        if settings.PANTAU_EMBEDDED_WORKER and not no_worker:
            supervisor = Supervisor([sys.executable, "-m", "pantau", "worker"])
            worker = supervisor.start()
            self.stdout.write(f"Worker started (pid {worker.pid}); it is started again if it stops.")
            try:
                self._wait_for(worker)
            except CommandError:
                supervisor.stop()
                raise
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        self.stdout.write(f"Pantau is serving at http://{host}:{port}/ (Ctrl+C stops it).")
        try:
            serve(application, host=host, port=port, threads=threads, ident="pantau")
        finally:
            if supervisor:
                supervisor.stop()

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


def use_served_address(host: str, port: int) -> None:
    """Without PANTAU_SITE_URL, e-mail links lead to where this server listens, also those the worker sends."""
    if env_str("PANTAU_SITE_URL"):
        return
    settings.SITE_URL = served_url(host, port)
    os.environ["PANTAU_SITE_URL"] = settings.SITE_URL  # the worker is started below and inherits it
