from django.core.management import call_command
from django.core.management.base import BaseCommand

from pantau.core.seams import seams


class Command(BaseCommand):
    help = "Load demo data (regions, agencies, a user per role, synthetic posts, ...) and serve."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="Exit after loading instead of serving.")
        parser.add_argument("--posts", type=int, default=3000, help="How many synthetic posts (default 3000).")
        parser.add_argument("--regions", help="A GeoJSON boundary file to import too (for the map).")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        for contribution in seams.demo_data:
            self.stdout.write(f"[{contribution.value.__module__.split('.')[1]}]")
            contribution.value(self.stdout, options)
        if not options["no_serve"]:
            call_command("serve", port=options["port"])
