"""Load regions from a CSV list or a GeoJSON boundary file.

Parents are found from the code itself (62.13.01 belongs to 62.13), so a file
may hold any part of the tree as long as parents come before children or
already exist.
"""

import csv
import io
import json
from pathlib import Path

from django.db import transaction

from .models import Level, Region

DEFAULT_REGIONS = Path(__file__).parent / "data" / "barito-timur.csv"


class RegionFileError(ValueError):
    pass


def parent_code(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def read_rows(path: Path) -> list[dict]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RegionFileError(f"{path}: cannot read as UTF-8 text ({exc})") from exc
    if path.suffix.lower() in (".geojson", ".json"):
        return _geojson_rows(path, text)
    rows = list(csv.DictReader(io.StringIO(text)))
    missing = {"code", "name", "level"} - set(rows[0].keys() if rows else [])
    if missing:
        raise RegionFileError(
            f"{path}: CSV needs the columns code, name, level (missing: {', '.join(sorted(missing))})"
        )
    return rows


def _geojson_rows(path: Path, text: str) -> list[dict]:
    try:
        data = json.loads(text)
        features = data["features"]
    except (ValueError, KeyError, TypeError) as exc:
        raise RegionFileError(f"{path}: not a GeoJSON FeatureCollection") from exc
    rows = []
    for number, feature in enumerate(features, start=1):
        props = feature.get("properties") or {}
        if not props.get("code") or not props.get("name"):
            raise RegionFileError(f"{path}: feature {number} has no code or name property")
        center = props.get("center") or [None, None]
        rows.append(
            {
                "code": str(props["code"]),
                "name": props["name"],
                "level": props.get("level", ""),
                "boundary": feature.get("geometry"),
                "center_lon": center[0],
                "center_lat": center[1],
            }
        )
    return rows


@transaction.atomic
def load_regions(path: Path = DEFAULT_REGIONS) -> int:
    """Create or update the regions in a file; returns how many were written."""
    rows = sorted(read_rows(path), key=lambda row: row["code"].count("."))
    for number, row in enumerate(rows, start=2):
        if row["level"] not in Level.values:
            raise RegionFileError(
                f"{path}: row {number}: level {row['level']!r} is not one of {', '.join(Level.values)}"
            )
        code = row["code"].strip()
        parent = None
        if parent_code(code):
            parent = Region.objects.filter(code=parent_code(code)).first()
        defaults = {"level": row["level"], "parent": parent}
        existing = Region.objects.filter(code=code).first()
        # A boundary file may spell a name differently from the list; keep the
        # list's name and remember the other spelling.
        if existing and row["name"] != existing.name and row["name"] not in existing.spellings():
            defaults["aliases"] = ";".join(filter(None, [existing.aliases, row["name"]]))
        elif not existing:
            defaults["name"] = row["name"]
            defaults["aliases"] = row.get("aliases") or ""
        for key in ("boundary", "center_lon", "center_lat"):
            if row.get(key) is not None:
                defaults[key] = row[key]
        Region.objects.update_or_create(code=code, defaults=defaults)
    return len(rows)


def kecamatan_of(name: str) -> Region | None:
    """Find a kecamatan by any of its spellings, ignoring case."""
    wanted = name.strip().lower()
    for region in Region.objects.filter(level=Level.KECAMATAN):
        if wanted in (s.lower() for s in region.spellings()):
            return region
    return None
