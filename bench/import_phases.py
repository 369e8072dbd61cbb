"""Where an import's CPU goes, per process: the writer's phases and the reader process's total.

    PANTAU_HOME=DIR python3 bench/import_phases.py FILE [--in-process]

Run from the repository root on a migrated home (`pantau migrate`). Prints
CPU seconds (`time.process_time`, so other load on the machine counts
little) for the writer's phases, and the reader process's CPU
(`RUSAGE_CHILDREN`) when the file is read in a second process.
"""

import argparse
import collections
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pantau.settings")

import django  # noqa: E402

django.setup()

from pantau.core.seams import seams  # noqa: E402
from pantau.intake import importer, propagation  # noqa: E402

PHASES = [
    (importer, ("_commit", "save_rows", "_merge_posts", "upsert_accounts", "upsert_groups", "_known_fingerprints")),
    (propagation, ("save_references",)),
    (seams.posts_imported, ("notify",)),
]
SPENT: collections.Counter = collections.Counter()


def timed(module, name):
    inner = getattr(module, name)

    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            SPENT["posts_imported" if name == "notify" else name] += time.process_time() - start

    setattr(module, name, wrapper)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--in-process", action="store_true", help="read the file in the writer's process")
    args = parser.parse_args()
    for module, names in PHASES:
        for name in names:
            timed(module, name)
    start = time.process_time()
    summary = importer.import_file(args.file, parallel=False if args.in_process else None)
    print(summary.line())
    print(f"load average: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print(f"writer process {time.process_time() - start:6.2f} CPU-s, of which:")
    for name, seconds in SPENT.most_common():
        print(f"  {name:20s} {seconds:6.2f}")
    print(f"reader process {resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime:6.2f} CPU-s")


if __name__ == "__main__":
    main()
