"""Opening evidence images with bounded memory: the one place Pillow meets an untrusted image.

The header is read first and an image of more than PANTAU_MAX_IMAGE_PIXELS is
refused before a single pixel is decoded: a 14 KB PNG can claim 119 megapixels
and take seconds and a gigabyte to open. Copies for the screen are reduced
while decoding (JPEG draft mode) and carry no metadata: no EXIF, no GPS.
"""

import io
import re
import warnings
from contextlib import contextmanager
from typing import IO, cast

from django.conf import settings
from PIL import Image, ImageOps, UnidentifiedImageError

# What Pillow may raise on a broken or hostile file; everything else is a bug worth a traceback.
UNREADABLE = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError)


# The only decoders an untrusted file reaches: the image types uploads may be (filecheck.IMAGE_TYPES).
FORMATS = ("JPEG", "PNG", "WEBP", "GIF")


class ImageTooLarge(ValueError):
    def __init__(self, pixels: int | None):
        super().__init__(f"image of {pixels or 'too many'} pixels")
        self.pixels = pixels


class _Borrowed:
    """The caller's file as Pillow sees it: readable and seekable, but Pillow may not close it."""

    def __init__(self, fileobj):
        self._file = fileobj

    def read(self, *args):
        return self._file.read(*args)

    def seek(self, *args):
        return self._file.seek(*args)

    def readline(self, *args):
        return self._file.readline(*args)

    def tell(self):
        return self._file.tell()

    def close(self):
        pass


def max_pixels() -> int:
    return settings.PANTAU_MAX_IMAGE_PIXELS


@contextmanager
def open_image(fileobj, *, reduce_to: int | None = None):
    """The image, opened lazily; ImageTooLarge above the pixel bound, UNREADABLE errors when broken.

    With `reduce_to`, a JPEG is decoded at the smallest scale that is still at
    least that many pixels on each side, so a preview never holds the full image.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(cast(IO[bytes], _Borrowed(fileobj)), formats=FORMATS)
        except Image.DecompressionBombError as exc:
            # Pillow read the header and refused at twice its bound; its message has the size.
            found = re.search(r"\((\d+) pixels\)", str(exc))
            raise ImageTooLarge(int(found.group(1)) if found else None) from exc
    try:
        width, height = image.size
        if width * height > max_pixels():
            raise ImageTooLarge(width * height)
        if reduce_to and image.format == "JPEG":
            image.draft("RGB", (reduce_to, reduce_to))
        yield image
    finally:
        image.close()


def clean_copy(image, max_side: int) -> Image.Image:
    """A copy at most `max_side` pixels on a side, upright, with the pixels only (no metadata)."""
    image.thumbnail((max_side, max_side), reducing_gap=2.0)
    upright = ImageOps.exif_transpose(image)
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or (upright.mode == "P" and "transparency" in upright.info)
    clean = Image.new("RGBA" if has_alpha else "RGB", upright.size)
    clean.paste(upright.convert(clean.mode))
    return clean


def clean_png(fileobj, max_side: int) -> bytes:
    """PNG bytes of a clean, bounded copy of the image in `fileobj`."""
    with open_image(fileobj, reduce_to=max_side) as image:
        copy = clean_copy(image, max_side)
    out = io.BytesIO()
    copy.save(out, format="PNG")  # no exif=, no pnginfo=: nothing but pixels
    return out.getvalue()
