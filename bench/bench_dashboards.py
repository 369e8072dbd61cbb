"""Figures for exports, the dashboard and documents on N synthetic posts (SQLite in a temporary PANTAU_HOME).

    .venv/bin/python bench/bench_dashboards.py [N]    (default 100000)

Prints rows per second for the streamed XLSX and CSV exports, the dashboard's
render time, and the time to make the inventory report as PDF and DOCX, with
the peak memory of the process.
"""

import io
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
os.environ["PANTAU_HOME"] = tempfile.mkdtemp(prefix="pantau-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pantau.settings")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402


def timed(label, fn):
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    print(f"{label:<42} {seconds:8.2f} s", end="")
    return result, seconds


def main():
    call_command("migrate", verbosity=0)
    from pantau.intake import demo as intake_demo
    from pantau.people import demo as people_demo
    from pantau.pokja import demo as pokja_demo
    from pantau.regions import demo as regions_demo

    sink = io.StringIO()
    regions_demo.load(sink, {})
    people_demo.load(sink, {})
    _, seconds = timed(f"load {N} synthetic posts", lambda: intake_demo.load(sink, {"posts": N}))
    print()
    pokja_demo.load(sink, {})

    from pantau.dashboards.exports import run_export
    from pantau.dashboards.panels import panels_for
    from pantau.documents.services import generate
    from pantau.people.models import User

    out = Path(os.environ["PANTAU_HOME"])
    for fmt in ("xlsx", "csv"):
        rows, seconds = timed(
            f"export posts --format {fmt}", lambda fmt=fmt: run_export("posts", fmt, out / f"p.{fmt}")
        )
        size = (out / f"p.{fmt}").stat().st_size / 1e6
        print(f"   {rows / seconds:10.0f} rows/s  {size:7.1f} MB")
    analyst = User.objects.get(username="analis")
    _, seconds = timed("dashboard panels (analyst)", lambda: panels_for(analyst))
    print()
    for fmt in ("pdf", "docx"):
        timed(f"document inventory --format {fmt}", lambda fmt=fmt: generate("inventory", fmt))
        print()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
