"""Demo reports: a formal one with a photo, an anonymous one, a late one (fixed codes, added when missing)."""

import io
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from pantau.regions.models import Level, Region

from . import services
from .models import Report

# Codes from the receipt alphabet, so they look like real ones; "DEM" marks them as demo data.
DEMO: list[tuple[str, dict[str, Any]]] = [
    (
        "DEMA-2345",
        {
            "name": "Siti Rahma",
            "address": "Jl. Ahmad Yani 3, Tamiang Layang",
            "phone": "081234567890",
            "email": "siti@example.org",
            "reported_name": "Akun 'Suara Rakyat Bartim'",
            "reported_links": "https://www.facebook.com/suara.rakyat.bartim",
            "description": "Akun ini membagikan unggahan yang menghina suku tertentu dan mengajak warga tidak memilih "
            "calon dari suku itu. Unggahan dibagikan ke beberapa grup desa.",
            "days_ago": (2, 1),
            "kecamatan": "Dusun Timur",
            "photo": True,
        },
    ),
    (
        "DEMB-2345",
        {
            "anonymous": True,
            "reported_name": "Grup WhatsApp RT 05",
            "description": "Ada pesan berantai tentang pembagian uang sebelum hari pemungutan suara.",
            "days_ago": (1, 1),
            "kecamatan": "Awang",
        },
    ),
    (
        "DEMC-2345",
        {
            "name": "Yohanes",
            "address": "Desa Jaar",
            "phone": "082233445566",
            "reported_name": "Kepala desa X",
            "description": "Kepala desa ikut berkampanye untuk salah satu pasangan calon di acara desa.",
            "days_ago": (15, 12),
            "kecamatan": None,
        },
    ),
]


def demo_photo() -> SimpleUploadedFile:
    image = Image.new("RGB", (320, 200), (240, 240, 240))
    for x in range(20, 300):
        image.putpixel((x, 100), (180, 20, 20))
    out = io.BytesIO()
    image.save(out, "JPEG")
    return SimpleUploadedFile("tangkapan-layar.jpg", out.getvalue(), content_type="image/jpeg")


def load(out, options):
    prefix = settings.PANTAU_REPORT_CODE_PREFIX
    today = timezone.localdate()
    added = 0
    for suffix, spec in DEMO:
        code = f"{prefix}-{suffix}"
        if Report.objects.filter(code=code).exists():
            continue
        occurred, known = spec["days_ago"]
        kecamatan = (
            Region.objects.filter(level=Level.KECAMATAN, name=spec["kecamatan"]).first() if spec["kecamatan"] else None
        )
        data = {
            **{k: spec.get(k, "") for k in ("name", "address", "phone", "email", "reported_name", "reported_links")},
            "anonymous": spec.get("anonymous", False),
            "description": spec["description"],
            "occurred_on": today - timedelta(days=occurred),
            "known_on": today - timedelta(days=known),
            "kecamatan": kecamatan,
        }
        report = services.file_report(data, [demo_photo()] if spec.get("photo") else [], ip="demo")
        Report.objects.filter(pk=report.pk).update(code=code)
        added += 1
    out.write(f"  {added} demo reports added ({Report.objects.count()} in all)")
