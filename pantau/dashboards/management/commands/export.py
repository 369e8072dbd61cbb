from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pantau.dashboards.exports import WRITERS, ExportError, run_export


class Command(BaseCommand):
    help = "Export inventory, posts, actions, clusters, cases or reports (CLI: as the office, every row)."

    def add_arguments(self, parser):
        parser.add_argument("kind", help="inventory, posts, actions, clusters, cases or reports")
        parser.add_argument("--format", default="xlsx", help="xlsx (every sheet) or csv (the main sheet)")
        parser.add_argument("--out", required=True, help="The file to write.")

    def handle(self, *args, **options):
        if options["format"] not in WRITERS:
            raise CommandError(f"--format must be one of {', '.join(WRITERS)}")
        out = Path(options["out"])
        if not out.parent.is_dir():
            raise CommandError(f"no such folder: {out.parent}")
        try:
            rows = run_export(options["kind"], options["format"], out)
        except ExportError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{out}: {rows} rows")
