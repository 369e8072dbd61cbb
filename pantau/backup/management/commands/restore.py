import sys
from getpass import getpass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pantau.backup import archive, keys
from pantau.backup.database import BackupError
from pantau.evidence.chain import verify


class Command(BaseCommand):
    help = "Restore a backup made by `pantau backup` into an empty PANTAU_HOME (and database), then verify it."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The archive written by `pantau backup`.")
        parser.add_argument("--keys", metavar="FILE", help="The keys file written by `pantau backup --keys`.")
        parser.add_argument("--passphrase-file", metavar="FILE", help="The passphrase of the keys in the archive.")
        parser.add_argument("--force", action="store_true", help="Replace the office already in PANTAU_HOME.")

    def handle(self, *args, file, keys=None, passphrase_file=None, force=False, **options):
        def passphrase():
            return self._passphrase(passphrase_file)

        try:
            restored = archive.restore(Path(file), force=force, keys_file=keys and Path(keys), passphrase=passphrase)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        for warning in restored.warnings:
            self.stderr.write(f"warning: {warning}")
        manifest = restored.manifest
        counts = ", ".join(f"{name} {count}" for name, count in manifest["stats"].items())
        self.stdout.write(f"restored the backup of {manifest['created_at']}: {counts}")
        self.stdout.write(f"keys restored: {', '.join(restored.keys_restored) or 'none'}")
        problems = verify()
        for problem in problems:
            self.stderr.write(str(problem))
        if problems:
            raise CommandError(f"the restored evidence does not verify: {len(problems)} problem(s)")
        self.stdout.write("evidence verified; run `pantau migrate` (or `pantau serve`) if this Pantau is newer")

    def _passphrase(self, passphrase_file):
        try:
            return keys.passphrase_from(passphrase_file, getpass if sys.stdin.isatty() else None)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
