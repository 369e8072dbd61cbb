from django.core.management.base import BaseCommand

from pantau.jobs.worker import run_worker


class Command(BaseCommand):
    help = "Run a background worker that takes jobs from the queue (run N of them on N machines)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls when idle.")
        parser.add_argument("--batch", action="store_true", help="Exit when the queue is empty.")
        parser.add_argument(
            "--no-routines", action="store_true", help="Leave the routines (`pantau routines`) to other workers."
        )

    def handle(self, *args, interval, batch, no_routines, **options):
        run_worker(interval=interval, batch=batch, routines=not no_routines)
