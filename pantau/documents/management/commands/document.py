from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pantau.documents.registry import DocumentError
from pantau.documents.services import FORMATS, generate


class Command(BaseCommand):
    help = "Create an official document (inventory, minutes, invitation, case) as PDF or DOCX."

    def add_arguments(self, parser):
        parser.add_argument("kind", help="inventory, minutes, invitation, case or forwarding")
        parser.add_argument("--format", default="pdf", help="pdf or docx")
        parser.add_argument("--out", required=True, help="The file to write.")
        parser.add_argument("--meeting", type=int, help="The meeting id (default: the latest meeting).")
        parser.add_argument(
            "--case",
            help="The case's register number or number, e.g. 001/Reg/LP/PB/Kab/21.13/XI/2024 "
            "(case summary, its latest forwarding letter).",
        )
        parser.add_argument(
            "--layout",
            choices=("each", "annex"),
            help="Invitations: one letter per outside invitee (each, the default) or one with them in an annex.",
        )

    def handle(self, *args, **options):
        if options["format"] not in FORMATS:
            raise CommandError(f"--format must be one of {', '.join(FORMATS)}")
        params = {key: options[key] for key in ("meeting", "case", "layout") if options.get(key)}
        try:
            filename, data = generate(options["kind"], options["format"], params)
        except DocumentError as exc:
            raise CommandError(str(exc)) from None
        out = Path(options["out"])
        try:
            out.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"cannot write {out}: {exc.strerror}") from None
        self.stdout.write(f"{out} ({len(data)} bytes)")
