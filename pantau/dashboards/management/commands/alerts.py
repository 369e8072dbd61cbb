from django.core.management.base import BaseCommand, CommandError

from pantau.dashboards.alerts import run_alerts


class Command(BaseCommand):
    help = "Run the alert checks: watched accounts, groups and keywords in recent posts, and near deadlines."

    def add_arguments(self, parser):
        parser.add_argument("action", help="run")
        parser.add_argument("--since-hours", type=int, default=24, help="Check posts captured in the last N hours.")

    def handle(self, *args, **options):
        if options["action"] != "run":
            raise CommandError("usage: pantau alerts run [--since-hours N]")
        if options["since_hours"] < 1:
            raise CommandError("--since-hours must be at least 1")
        result = run_alerts(options["since_hours"])
        self.stdout.write(f"{result['posts']} post alert(s), {result['deadlines']} deadline alert(s) sent")
