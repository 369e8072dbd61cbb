"""`pantau detect [FILE]`: classify texts without a database.

Batches go to N worker processes (forked after the model is loaded, so they
share it) and come back in input order.
"""

import json
import multiprocessing
import os
import sys

from django.core.management.base import BaseCommand, CommandError

BATCH = 4000
_DETECTOR = None


def _classify(batch):
    texts, times = batch
    results = _DETECTOR.classify(texts, times if any(times) else None)
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in results)


class Command(BaseCommand):
    help = "Classify texts (one per line, or JSONL with a 'text' field) and print one JSON result per line."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="input file (default: standard input)")
        parser.add_argument("--model", help="a model directory instead of the active model")
        parser.add_argument("--batch", type=int, default=BATCH, help=f"texts per batch (default {BATCH})")
        parser.add_argument(
            "--workers", type=int, default=min(2, os.cpu_count() or 1), help="processes (default: up to 2)"
        )

    def handle(self, *args, **options):
        global _DETECTOR
        from pathlib import Path

        from pantau.detection.engine import default_detector, load_detector

        try:
            _DETECTOR = load_detector(Path(options["model"])) if options["model"] else default_detector()
        except (OSError, ValueError) as exc:
            raise CommandError(f"cannot load the model: {exc}") from exc
        if options["file"]:
            try:
                source = open(options["file"], encoding="utf-8", errors="replace")  # noqa: SIM115
            except OSError as exc:
                raise CommandError(f"cannot read {options['file']}: {exc.strerror}") from exc
        else:
            source = sys.stdin
        batches = self._batches(source, max(1, options["batch"]))
        with source:
            first = next(batches, None)
            if first is None:
                return
            second = next(batches, None)
            if second is None or options["workers"] <= 1 or "fork" not in multiprocessing.get_all_start_methods():
                for batch in (first, second, *batches):
                    if batch is not None:
                        self.stdout.write(_classify(batch))
                return
            with multiprocessing.get_context("fork").Pool(options["workers"]) as pool:
                for chunk in pool.imap(_classify, _chain(first, second, batches)):
                    self.stdout.write(chunk)

    def _batches(self, source, size):
        texts, times = [], []
        for number, line in enumerate(source, start=1):
            line = line.rstrip("\n")
            if line.startswith("{"):
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise CommandError(f"line {number}: not valid JSON ({exc.msg})") from exc
                texts.append(str(obj.get("text") or ""))
                times.append(obj.get("created_at") or obj.get("time"))
            else:
                texts.append(line)
                times.append(None)
            if len(texts) >= size:
                yield texts, times
                texts, times = [], []
        if texts:
            yield texts, times


def _chain(first, second, rest):
    yield first
    yield second
    yield from rest
