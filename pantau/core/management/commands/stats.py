import json

from django.core.management.base import BaseCommand

from pantau.core.stats import office_stats


class Command(BaseCommand):
    help = "Count posts, accounts, groups, evidence items, reports and cases."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")

    def handle(self, *args, **options):
        stats = office_stats()
        if options["json"]:
            self.stdout.write(json.dumps(stats))
            return
        for name, count in stats.items():
            self.stdout.write(f"{name:<16} {count:>10}")
