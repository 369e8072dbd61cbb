from django.core.management.base import BaseCommand, CommandError

from pantau.evidence.chain import verify


class Command(BaseCommand):
    help = (
        "Evidence store: `pantau evidence verify` checks every file and the hash chain; "
        "`pantau evidence fingerprint` hashes the images that have no perceptual fingerprint yet."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Check every evidence file against its SHA-256 and the chain's order.")
        sub.add_parser(
            "fingerprint", help="Fingerprint every image kept before fingerprints existed and link the ones that match."
        )

    def handle(self, *args, action, **options):
        if action == "fingerprint":
            from pantau.evidence.fingerprints import backfill

            done = backfill()
            self.stdout.write(f"{done} image(s) fingerprinted")
            return
        problems = verify()
        for problem in problems:
            self.stderr.write(str(problem))
        if problems:
            raise CommandError(f"evidence verification failed: {len(problems)} problem(s)")
        self.stdout.write("evidence verified: every file matches its hash and the chain is intact")
