from django.core.management.base import BaseCommand, CommandError

from pantau.reports import services


class Command(BaseCommand):
    help = "Public reports: `pantau reports rotate-keys` re-encrypts identities; `purge-identities` erases old ones."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser(
            "rotate-keys", help="Re-encrypt every reporter identity with the first key of PANTAU_FIELD_KEYS."
        )
        sub.add_parser(
            "purge-identities",
            help="Erase reporters' identities of reports closed more than PANTAU_IDENTITY_RETENTION_DAYS ago.",
        )

    def handle(self, *args, action, **options):
        if action == "rotate-keys":
            try:
                count = services.rotate_keys()
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"re-encrypted {count} identit{'y' if count == 1 else 'ies'} with the current key")
        else:
            count = services.purge_identities()
            self.stdout.write(f"erased {count} identit{'y' if count == 1 else 'ies'} past the retention period")
