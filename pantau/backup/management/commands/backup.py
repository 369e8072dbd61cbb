import sys
from getpass import getpass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from pantau.backup import archive, keys, schedule
from pantau.backup.database import BackupError


class Command(BaseCommand):
    help = "Back up the database, evidence and uploaded files into one archive while the office keeps working."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", help="The archive to write (default: pantau-backup-TIME.tar.gz in PANTAU_BACKUP_DIR)."
        )
        where = parser.add_mutually_exclusive_group()
        where.add_argument("--keys", metavar="FILE", help="Write the keys to FILE, apart from the archive.")
        where.add_argument(
            "--passphrase-file", metavar="FILE", help="Encrypt the keys into the archive with this passphrase."
        )
        where.add_argument("--no-keys", action="store_true", help="Leave the keys out (keep them elsewhere).")

    def handle(self, *args, file=None, keys=None, passphrase_file=None, no_keys=False, **options):
        try:
            written = archive.create(self._target(file), self._choice(keys, passphrase_file, no_keys))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        schedule.record(written)
        for warning in written.warnings:
            self.stderr.write(f"warning: {warning}")
        manifest = written.manifest
        self.stdout.write(
            f"backup written: {written.path} ({len(manifest['files'])} files; evidence chain "
            f"{manifest['evidence_head'][:26]}…; keys: {manifest['keys']['mode']})"
        )
        if keys:
            self.stdout.write(f"keys written to {keys}: keep that file apart from the backup")

    def _target(self, file) -> Path:
        if file:
            return Path(file)
        folder = schedule.backup_dir()
        if folder is None:
            raise CommandError("give the archive to write (pantau backup FILE), or set PANTAU_BACKUP_DIR")
        return folder / f"pantau-backup-{timezone.now():%Y%m%dT%H%M%SZ}.tar.gz"

    def _choice(self, keys_file, passphrase_file, no_keys) -> archive.KeysChoice:
        if no_keys:
            return archive.KeysChoice("none")
        if keys_file:
            return archive.KeysChoice("separate", keys_file=Path(keys_file))
        prompt = getpass if sys.stdin.isatty() else None
        try:
            passphrase = keys.passphrase_from(passphrase_file, prompt, confirm=True)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if not passphrase:
            raise CommandError(
                "say where the keys go: --keys FILE, --passphrase-file FILE, PANTAU_BACKUP_PASSPHRASE, or --no-keys"
            )
        return archive.KeysChoice("encrypted", passphrase)
