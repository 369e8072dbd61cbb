from django.core.management.base import BaseCommand, CommandError

from pantau.evidence.anchors import HeadError, parse_head
from pantau.evidence.chain import current_head, verify
from pantau.evidence.reseal import ResealRefused, reseal


class Command(BaseCommand):
    help = (
        "Evidence store: `pantau evidence verify` checks every file, every sealed field and the hash chain; "
        "`pantau evidence fingerprint` hashes the images that have no perceptual fingerprint yet."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser(
            "verify",
            help="Recompute every chain entry from its item's row and file, and check the chain's head "
            "against the head file, the anchor log and any --head given.",
        )
        check.add_argument(
            "--head",
            action="append",
            default=[],
            metavar="COUNT:HASH",
            help="A head printed on a document (e.g. 1234:3f9a1c2b4d5e6f70); may be repeated.",
        )
        sub.add_parser("head", help="Print the chain's head (COUNT:HASH) as documents print it.")
        sub.add_parser(
            "fingerprint", help="Fingerprint every image kept before fingerprints existed and link the ones that match."
        )
        sub.add_parser(
            "reseal",
            help="Upgrade entries written before every field was sealed; refuses unless the old chain verifies.",
        )

    def handle(self, *args, action, **options):
        if action == "head":
            head = current_head()
            self.stdout.write(f"{head.count}:{head.hash}")
            return
        if action == "reseal":
            self._reseal()
            return
        if action == "fingerprint":
            from pantau.evidence.fingerprints import backfill

            self.stdout.write(f"{backfill()} image(s) fingerprinted")
            return
        try:
            heads = [parse_head(text, f"head {text} given on the command line") for text in options["head"]]
        except HeadError as exc:
            raise CommandError(str(exc)) from exc
        problems = verify(heads=heads)
        for problem in problems:
            self.stderr.write(str(problem))
        if problems:
            raise CommandError(f"evidence verification failed: {len(problems)} problem(s)")
        head = current_head()
        self.stdout.write(
            f"evidence verified: every file matches its hash, every item its sealed entry, "
            f"and the chain ({head.count}:{head.hash[:16]}) its heads"
        )

    def _reseal(self):
        try:
            count = reseal()
        except ResealRefused as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{exc}: find out what changed (restore from a backup) before resealing") from exc
        head = current_head()
        self.stdout.write(f"resealed {count} entries; the chain's head is now {head.count}:{head.hash}")
