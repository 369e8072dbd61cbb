from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from pantau.cases import services

COLUMNS = (("number", "register number"), ("stage", "stage"), ("due", "due"), ("state", "state"), ("rule", "rule"))


def format_table(rows: list[dict]) -> str:
    widths = {key: max([len(title)] + [len(str(row[key])) for row in rows]) for key, title in COLUMNS}
    lines = ["  ".join(title.ljust(widths[key]) for key, title in COLUMNS).rstrip()]
    lines.append("  ".join("-" * widths[key] for key, _title in COLUMNS))
    lines.extend("  ".join(str(row[key]).ljust(widths[key]) for key, _title in COLUMNS).rstrip() for row in rows)
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Cases: `pantau cases deadlines` lists open deadlines; `pantau cases warn` warns assignees of due ones."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser(
            "deadlines",
            help="List the deadlines not met yet, soonest first: register number, stage, due time (office's zone), "
            "state (running, due_soon, overdue) and the rule's key in pantau/cases/data/procedure.toml.",
        )
        listing.add_argument("--all", action="store_true", help="Also list the deadlines already met.")
        sub.add_parser("warn", help="Warn the assignees of deadlines due soon or overdue (the worker does it too).")

    def handle(self, *args, action, **options):
        if action == "deadlines":
            # Stage names as the office reads them, whatever the shell's locale.
            with translation.override("id"):
                rows = services.deadline_listing(include_met=options["all"])
            self.stdout.write(format_table(rows) if rows else "no open deadlines")
        else:
            try:
                sent = services.warn()
            except services.WarningsNotSent as exc:
                raise CommandError(f"deadline warnings: {exc}") from exc
            self.stdout.write(f"sent {sent} deadline warning(s)")
