"""`pantau factcheck import FILE` / `pantau factcheck export [FILE]`."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Import fact-checks (ClaimReview JSON-LD or CSV, or a fact-checker's article list as CSV or JSON) "
        "and export the office's as ClaimReview JSON-LD."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser(
            "import",
            help="import ClaimReview JSON-LD (.json/.jsonld), CSV (claim,rating,url,...) "
            "or an article list (title,url,date,rating)",
        )
        imp.add_argument("file")
        imp.add_argument("--no-classify", action="store_true", help="do not start re-classification")
        exp = sub.add_parser("export", help="write ClaimReview JSON-LD")
        exp.add_argument("file", nargs="?", help="output file (default: standard output)")

    def handle(self, *args, **options):
        from pantau.detection import factchecks, services
        from pantau.detection.models import FactCheck

        if options["action"] == "import":
            path = Path(options["file"])
            try:
                items = factchecks.parse_file(path.name, path.read_bytes())
            except OSError as exc:
                raise CommandError(f"cannot read {path}: {exc.strerror}") from exc
            except (ValueError, UnicodeDecodeError) as exc:
                raise CommandError(str(exc)) from exc
            if not items:
                raise CommandError(
                    f"{path.name}: no fact-check found (neither ClaimReview nor an article list with titles)"
                )
            created, existing = services.import_factchecks(items, source=path.suffix.lstrip(".") or "file")
            self.stdout.write(f"{created} fact-check(s) added, {existing} already there")
            if created and not options["no_classify"]:
                job = services.start_classification()
                self.stdout.write(f"re-classification started: job {job.pk}")
        else:
            docs = [factchecks.to_claimreview(fc) for fc in FactCheck.objects.all()]
            text = json.dumps(docs, indent=2, ensure_ascii=False)
            if options["file"]:
                Path(options["file"]).write_text(text + "\n", encoding="utf-8")
                self.stdout.write(f"{len(docs)} fact-check(s) written to {options['file']}")
            else:
                self.stdout.write(text)
