"""Copies of evidence images for the screen: EXIF and GPS stripped, size bounded.

The original stays untouched in the store (its hash is the evidence); the UI
only ever shows these copies, which carry no metadata about where or on what
phone a screenshot was taken.
"""

from pathlib import Path

from django.conf import settings

from .imaging import UNREADABLE, ImageTooLarge, clean_png
from .storage import evidence_storage

MAX_SIDE = 1600


def preview_path(sha256: str) -> Path:
    return Path(settings.PANTAU_HOME) / "previews" / sha256[:2] / f"{sha256}.png"


def preview_bytes(item) -> bytes | None:
    """PNG bytes of a clean copy, or None when the file is not an image that may be opened."""
    path = preview_path(item.sha256)
    if path.exists():
        return path.read_bytes()
    try:
        with evidence_storage().open(item.sha256) as handle:
            data = clean_png(handle, MAX_SIDE)
    except (ImageTooLarge, *UNREADABLE):
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data
