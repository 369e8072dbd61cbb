from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pantau.regions.loader import DEFAULT_REGIONS, RegionFileError, load_regions
from pantau.regions.models import Region


class Command(BaseCommand):
    help = "Import regions (CSV list or GeoJSON boundaries) or list them."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Import a CSV (code,name,level) or GeoJSON boundary file.")
        imp.add_argument(
            "file", nargs="?", default=str(DEFAULT_REGIONS), help="Default: the bundled Barito Timur list."
        )
        sub.add_parser("list", help="List the regions.")

    def handle(self, *args, action, **options):
        if action == "list":
            for region in Region.objects.all():
                self.stdout.write(f"{region.code:<14} {region.level:<10} {region.name}")
            return
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"{path}: no such file")
        try:
            count = load_regions(path)
        except RegionFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{count} regions imported from {path}")
