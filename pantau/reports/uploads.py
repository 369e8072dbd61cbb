"""Evidence files from the public: judged by their content, never by their name."""

import io

import filetype
from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

IMAGE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif"}
VIDEO_TYPES = {"video/mp4", "video/webm", "video/quicktime", "video/3gpp", "video/x-matroska"}
DOCUMENT_TYPES = {"application/pdf"}
ALLOWED_TYPES = IMAGE_TYPES | VIDEO_TYPES | DOCUMENT_TYPES
# Pillow refuses images larger than this many pixels (decompression bombs).
Image.MAX_IMAGE_PIXELS = 60_000_000


class UploadRejected(ValueError):
    pass


def check_upload(upload) -> str:
    """The file's real type, or UploadRejected with a message for the person who sent it."""
    name = getattr(upload, "name", "") or "?"
    if upload.size > settings.PANTAU_REPORT_MAX_FILE_BYTES:
        raise UploadRejected(
            _("%(name)s is too large (at most %(mb)s MB).")
            % {"name": name, "mb": settings.PANTAU_REPORT_MAX_FILE_BYTES // (1024 * 1024)}
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else ""
    if mime not in ALLOWED_TYPES:
        raise UploadRejected(
            _("%(name)s is not an image, video or PDF by its content; only those can be sent.") % {"name": name}
        )
    if mime in IMAGE_TYPES:
        try:
            with Image.open(upload) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError, ValueError) as exc:
            raise UploadRejected(_("%(name)s is not a readable image.") % {"name": name}) from exc
        finally:
            upload.seek(0)
    return mime


def stripped_image(path) -> tuple[bytes, str]:
    """A copy of an image without EXIF/GPS or other metadata: the pixels only."""
    with Image.open(path) as image:
        image.load()
        mode = image.mode if image.mode in ("RGB", "RGBA", "L") else "RGBA"
        clean = Image.new(mode, image.size)
        clean.paste(image.convert(mode))
    out = io.BytesIO()
    if mode == "RGBA":
        clean.save(out, "PNG")
        return out.getvalue(), "image/png"
    clean.save(out, "JPEG", quality=90)
    return out.getvalue(), "image/jpeg"
