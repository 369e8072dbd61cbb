"""`pantau detect [FILE]`: classify texts without a database."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

BATCH = 5000


class Command(BaseCommand):
    help = "Classify texts (one per line, or JSONL with a 'text' field) and print one JSON result per line."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="input file (default: standard input)")
        parser.add_argument("--model", help="a model directory instead of the active model")
        parser.add_argument(
            "--jsonl", action="store_true", help="treat every line as JSON even if it does not start with {"
        )
        parser.add_argument("--batch", type=int, default=BATCH, help=f"texts per batch (default {BATCH})")

    def handle(self, *args, **options):
        from pathlib import Path

        from pantau.detection.engine import default_detector, load_detector

        try:
            detector = load_detector(Path(options["model"])) if options["model"] else default_detector()
        except (OSError, ValueError) as exc:
            raise CommandError(f"cannot load the model: {exc}") from exc
        if options["file"]:
            try:
                source = open(options["file"], encoding="utf-8", errors="replace")  # noqa: SIM115
            except OSError as exc:
                raise CommandError(f"cannot read {options['file']}: {exc.strerror}") from exc
        else:
            source = sys.stdin
        out = self.stdout
        force_json = options["jsonl"]
        texts, times = [], []
        with source:
            for number, line in enumerate(source, start=1):
                line = line.rstrip("\n")
                if force_json or line.startswith("{"):
                    try:
                        obj = json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise CommandError(f"line {number}: not valid JSON ({exc.msg})") from exc
                    if not isinstance(obj, dict):
                        raise CommandError(f"line {number}: expected a JSON object with a 'text' field")
                    texts.append(str(obj.get("text") or ""))
                    times.append(obj.get("created_at") or obj.get("time"))
                else:
                    texts.append(line)
                    times.append(None)
                if len(texts) >= options["batch"]:
                    self._flush(detector, texts, times, out)
                    texts, times = [], []
            if texts:
                self._flush(detector, texts, times, out)

    def _flush(self, detector, texts, times, out):
        use_times = times if any(times) else None
        lines = [json.dumps(r, ensure_ascii=False) for r in detector.classify(texts, use_times)]
        out.write("\n".join(lines))
