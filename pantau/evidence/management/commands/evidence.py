from django.core.management.base import BaseCommand, CommandError

from pantau.evidence.chain import verify


class Command(BaseCommand):
    help = "Evidence store: `pantau evidence verify` checks every file and the hash chain."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Check every evidence file against its SHA-256 and the chain's order.")

    def handle(self, *args, action, **options):
        problems = verify()
        for problem in problems:
            self.stderr.write(str(problem))
        if problems:
            raise CommandError(f"evidence verification failed: {len(problems)} problem(s)")
        self.stdout.write("evidence verified: every file matches its hash and the chain is intact")
