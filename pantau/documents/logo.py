"""The office's logo on the letterhead: the one the IT admin uploaded, or a neutral placeholder."""

import io
from functools import lru_cache

from django.utils.translation import gettext as _

from pantau.reports.uploads import IMAGE_TYPES, UploadRejected, check_upload, stripped_image

from .models import OfficeLogo


@lru_cache(maxsize=1)
def placeholder() -> bytes:
    """A plain grey ring: it holds the logo's place without pretending to be any office's emblem."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (240, 240), "white")
    ImageDraw.Draw(image).ellipse((12, 12, 228, 228), outline=(150, 150, 150), width=10)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def current_logo() -> bytes:
    logo = OfficeLogo.objects.only("image").first()
    return bytes(logo.image) if logo else placeholder()


def has_uploaded_logo() -> bool:
    return OfficeLogo.objects.exists()


def save_logo(upload, user) -> OfficeLogo:
    """Keep an uploaded logo, checked by content and copied without its metadata."""
    if check_upload(upload) not in IMAGE_TYPES:
        raise UploadRejected(_("The logo must be an image (PNG or JPEG)."))
    data, mime = stripped_image(upload)
    return OfficeLogo.objects.create(image=data, mime_type=mime, uploaded_by=user)


def remove_logos() -> int:
    return OfficeLogo.objects.all().delete()[0]
