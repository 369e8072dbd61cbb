from django.core.management import call_command
from django.core.management.base import BaseCommand

from pantau.core.discovery import app_modules


class Command(BaseCommand):
    help = "Load demo data (regions, agencies, a user per role, synthetic posts, ...) and serve."

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="Exit after loading instead of serving.")
        parser.add_argument("--posts", type=int, default=3000, help="How many synthetic posts (default 3000).")
        parser.add_argument("--regions", help="A GeoJSON boundary file to import too (for the map).")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        for module in app_modules("demo"):
            self.stdout.write(f"[{module.__name__.split('.')[1]}]")
            module.load(self.stdout, options)
        if not options["no_serve"]:
            call_command("serve", port=options["port"])
