from pathlib import Path

from .loader import load_regions


def load(out, options):
    count = load_regions()
    if options.get("regions"):
        count += load_regions(Path(options["regions"]))
    out.write(f"  {count} regions loaded")
