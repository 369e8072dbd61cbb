from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from pantau.jobs.routines import routine_status, routines, run_due_routines
from pantau.lib.clock import format_local


def _when(value) -> str:
    return format_local(value, empty="-")


class Command(BaseCommand):
    help = (
        "Routine work the worker does on a clock (deadline warnings, alerts, erasing old identities): "
        "`pantau routines` lists it, `pantau routines run` runs what is due now (`--all`: everything)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", nargs="?", default="list", choices=["list", "run"])
        parser.add_argument("--all", action="store_true", help="with run: run every routine, due or not")

    def handle(self, *args, action, **options):
        translation.activate("en")
        if action == "run":
            ran = run_due_routines(force=options["all"])
            self.stdout.write(f"ran {len(ran)} routine(s){': ' + ', '.join(ran) if ran else ''}")
            failed = [row["run"].name for row in routine_status() if row["run"] and row["run"].error]
            failed = [name for name in failed if name in ran]
            if failed:
                raise CommandError(f"failed: {', '.join(failed)} (see `pantau routines`)")
            return
        if not routines():
            self.stdout.write("no routines registered")
        for row in routine_status():
            item, run = row["routine"], row["run"]
            state = "never run" if run is None or not run.started_at else f"last {_when(run.started_at)}"
            if run and run.error:
                state += f", FAILED: {run.error.strip().splitlines()[-1]}"
            elif run and run.finished_at:
                state += f", result {run.result}"
            self.stdout.write(f"{item.name}\tevery {item.period_text}\t{state}")
