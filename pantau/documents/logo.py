"""The office's logo on the letterhead: the one the IT admin uploaded, or a neutral placeholder."""

import io
from functools import lru_cache

from django.conf import settings

from pantau.evidence.filecheck import IMAGE, check_file
from pantau.evidence.imaging import clean_png

from .models import OfficeLogo

# Pixels on the longer side: sharp at the letterhead's 2-3 cm, small in every document.
LOGO_SIDE = 600


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
    """Keep an uploaded logo, checked by content and copied without its metadata (FileRefused otherwise)."""
    check_file(upload, name=upload.name, accept={IMAGE}, max_bytes=settings.PANTAU_MAX_UPLOAD_BYTES)
    data = clean_png(upload, max_side=LOGO_SIDE)
    return OfficeLogo.objects.create(image=data, mime_type="image/png", uploaded_by=user)


def remove_logos() -> int:
    return OfficeLogo.objects.all().delete()[0]
