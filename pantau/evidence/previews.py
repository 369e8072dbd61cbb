"""Copies of evidence images for the screen: EXIF and GPS stripped, size bounded.

The original stays untouched in the store (its hash is the evidence); the UI
only ever shows these copies, which carry no metadata about where or on what
phone a screenshot was taken.
"""

import io
from pathlib import Path

from django.conf import settings
from PIL import Image, ImageOps

from .storage import evidence_storage

MAX_SIDE = 1600
Image.MAX_IMAGE_PIXELS = 80_000_000


def preview_path(sha256: str) -> Path:
    return Path(settings.PANTAU_HOME) / "previews" / sha256[:2] / f"{sha256}.png"


def preview_bytes(item) -> bytes | None:
    """PNG bytes of a clean copy, or None when the file is not an image Pillow can read."""
    path = preview_path(item.sha256)
    if path.exists():
        return path.read_bytes()
    try:
        with evidence_storage().open(item.sha256) as handle, Image.open(handle) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            clean = Image.new("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB", image.size)
            clean.paste(image.convert(clean.mode))
            out = io.BytesIO()
            clean.save(out, format="PNG")  # no exif=, no pnginfo=: nothing but pixels
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    data = out.getvalue()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data
