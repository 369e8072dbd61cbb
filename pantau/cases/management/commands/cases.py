from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from pantau.cases import services


class Command(BaseCommand):
    help = "Cases: `pantau cases deadlines` lists open deadlines; `pantau cases warn` e-mails assignees of due ones."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("deadlines", help="List the deadlines not met yet, soonest first, with their state.")
        sub.add_parser("warn", help="E-mail the assignees of deadlines due within a day or overdue (run it hourly).")

    def handle(self, *args, action, **options):
        if action == "deadlines":
            rows = services.open_deadlines()
            for d in rows:
                due = timezone.localtime(d.due_at).strftime("%Y-%m-%d %H:%M")
                self.stdout.write(f"{d.case.number}\t{d.rule}\t{due}\t{d.state}\t{d.case.title}")
            if not rows:
                self.stdout.write("no open deadlines")
        else:
            try:
                sent = services.warn()
            except services.WarningsNotSent as exc:
                raise CommandError(f"deadline warnings: {exc}") from exc
            self.stdout.write(f"sent {sent} deadline warning(s)")
