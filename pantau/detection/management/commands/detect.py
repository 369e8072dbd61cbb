"""`pantau detect [FILE]`: classify texts without a database.

Batches of raw lines go to N worker processes (forked after the model is
loaded, so they share it), which parse, classify and serialise them; the
results come back in input order. The main process only reads and writes, so
two workers keep two cores busy. `pantau detect` starts without Django's
setup (pantau/cli.py), which would cost as long as classifying 5,000 posts.
`--factchecks FILE` (ClaimReview JSON-LD or CSV, or a fact-checker's article list, as `pantau factcheck import`
reads them) matches posts to the claims rated false in it.
"""

import gc
import json
import multiprocessing
import os
import sys
from typing import TYPE_CHECKING, Any, TextIO

from django.core.management.base import BaseCommand, CommandError

if TYPE_CHECKING:
    from pantau.detection.engine import Detector

BATCH = 4000
_ENCODER = json.JSONEncoder(ensure_ascii=False)  # json.dumps with an option builds one per call
_DETECTOR: "Detector | None" = None


def _parse(first_number: int, lines: list[str]):
    texts, times = [], []
    for number, line in enumerate(lines, start=first_number):
        line = line.rstrip("\n")
        if line.startswith("{"):
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CommandError(f"line {number}: not valid JSON ({exc.msg})") from None
            texts.append(str(obj.get("text") or ""))
            times.append(obj.get("created_at") or obj.get("time"))
        else:
            texts.append(line)
            times.append(None)
    return texts, times


def _classify(batch) -> str:
    texts, times = _parse(*batch)
    assert _DETECTOR is not None, "handle() loads the detector before any batch"
    results = _DETECTOR.classify(texts, times if any(times) else None)
    encode = _ENCODER.encode
    out = "".join([encode(r) + "\n" for r in results])
    # What outlives a batch (the detector's caches of words and results) is kept for good: left to
    # the cyclic collector, every full collection would walk all of it again.
    gc.freeze()
    return out


class Command(BaseCommand):
    help = "Classify texts (one per line, or JSONL with a 'text' field) and print one JSON result per line."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="input file (default: standard input)")
        parser.add_argument("--model", help="a model directory instead of the active model")
        parser.add_argument(
            "--factchecks",
            action="append",
            default=[],
            metavar="FILE",
            help="fact-checks (ClaimReview JSON-LD or CSV, or an article list) to match posts against; may be repeated",
        )
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
        if options["factchecks"]:
            _DETECTOR = _DETECTOR.with_factchecks(_read_factchecks(options["factchecks"]))
        source: TextIO
        if options["file"]:
            try:
                source = open(options["file"], encoding="utf-8", errors="replace")  # noqa: SIM115
            except OSError as exc:
                raise CommandError(f"cannot read {options['file']}: {exc.strerror}") from exc
        else:
            source = sys.stdin
        batches = _batches(source, max(1, options["batch"]))
        gc.freeze()  # the loaded model is never garbage; forked workers then share its pages longer

        def write(chunk):
            self.stdout.write(chunk, ending="")  # each result ends in "\n" already

        with source:
            first = next(batches, None)
            if first is None:
                return
            second = next(batches, None)
            if second is None or options["workers"] <= 1 or "fork" not in multiprocessing.get_all_start_methods():
                for batch in (first, second, *batches):
                    if batch is not None:
                        write(_classify(batch))
                return
            with multiprocessing.get_context("fork").Pool(options["workers"]) as pool:
                for chunk in pool.imap(_classify, _chain(first, second, batches)):
                    write(chunk)


def _read_factchecks(paths: list[str]) -> list[dict]:
    from pantau.detection.factchecks import parse_file

    claims: list[dict[str, Any]] = []
    for path in paths:
        try:
            with open(path, "rb") as fh:
                items = parse_file(path, fh.read())
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from exc
        except (ValueError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path}: {exc}") from exc
        claims.extend(
            {"id": f"{path}#{i}", "claim": c["claim"], "url": c["url"]} for i, c in enumerate(items) if c["is_false"]
        )
    return claims


def _batches(source, size):
    lines, first = [], 1
    for number, line in enumerate(source, start=1):
        lines.append(line)
        if len(lines) >= size:
            yield first, lines
            lines, first = [], number + 1
    if lines:
        yield first, lines


def _chain(first, second, rest):
    yield first
    yield second
    yield from rest
