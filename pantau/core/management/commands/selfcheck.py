from django.core import checks
from django.core.management.base import BaseCommand, CommandError

from pantau.core.selfcheck import run_selfcheck

STATES = {True: "ok  ", None: "WARN", False: "FAIL"}


class Command(BaseCommand):
    help = "Self-test: configuration, database, worker, storage and model files."
    # It runs the system checks itself, to list them among its own instead of stopping at the first error.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--deploy",
            action="store_true",
            help="Also run Django's deployment checks and Pantau's production rules; errors fail.",
        )

    def handle(self, *args, **options):
        problems = 0
        for name, ok, detail in run_selfcheck():
            # ok None is a warning: worth saying, not a reason to fail (e.g. no backup yet).
            problems += ok is False
            self.stdout.write(f"{STATES[ok]} {name:<24} {detail}")
        messages = [
            m for m in checks.run_checks(include_deployment_checks=options["deploy"]) if m.level >= checks.WARNING
        ]
        for message in messages:
            failed = message.level >= checks.ERROR
            problems += failed
            self.stdout.write(f"{'FAIL' if failed else 'WARN'} system      {message}")
        if problems:
            raise CommandError(f"{problems} check(s) failed")
