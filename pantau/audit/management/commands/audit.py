from django.core.management.base import BaseCommand, CommandError

from pantau.audit.chain import verify
from pantau.audit.export import csv_lines
from pantau.audit.log import record
from pantau.audit.models import AuditEntry


class Command(BaseCommand):
    help = "Audit log: `pantau audit verify` checks the hash chain; `pantau audit export` writes it as CSV."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Check that no entry was changed, removed, reordered or cut off.")
        export = sub.add_parser("export", help="Write every entry as CSV (to --out, or standard output).")
        export.add_argument("--out", help="File to write (default: standard output).")

    def handle(self, *args, action, **options):
        if action == "verify":
            return self._verify()
        return self._export(options.get("out"))

    def _verify(self):
        problems = verify()
        for problem in problems:
            self.stderr.write(str(problem))
        if problems:
            raise CommandError(f"audit log verification failed: {len(problems)} problem(s)")
        self.stdout.write(f"audit log verified: {AuditEntry.objects.count()} entries, chain intact")

    def _export(self, out):
        lines = csv_lines(AuditEntry.objects.all())
        if not out:
            for line in lines:
                self.stdout.write(line, ending="")
        else:
            try:
                with open(out, "w", encoding="utf-8", newline="") as handle:
                    handle.writelines(lines)
            except OSError as exc:
                raise CommandError(f"cannot write {out}: {exc.strerror}") from exc
            self.stdout.write(f"audit log written to {out}")
        record(None, "audit.exported", via="command", out=out or "stdout")
