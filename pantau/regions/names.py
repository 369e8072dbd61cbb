"""The names of the regions shipped with Pantau, read from their lists without the database. Django-free.

Detection needs them before any migration (`pantau detect` on a file): a
kecamatan's name is a place, not a word to correct or to weigh.
"""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
REGENCY_PREFIX = "Kabupaten "


def shipped_region_names() -> set[str]:
    """Every name and alias of every region in the shipped lists ("Barito Timur", "Bartim", "Dusun Timur" ...)."""
    names = set()
    for path in sorted(DATA_DIR.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                names.add(row["name"].removeprefix(REGENCY_PREFIX))
                names.update(a.strip() for a in (row.get("aliases") or "").split(";") if a.strip())
    return names
