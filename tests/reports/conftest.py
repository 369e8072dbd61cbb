import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


@pytest.fixture(autouse=True)
def fresh_rate_limits(request):
    """Start every test with no rate-limit counts. On PostgreSQL they live in a database table,
    so only a test that may use the database can (and needs to) clear them."""
    names = set(request.fixturenames)
    if not (names & {"db", "transactional_db", "live_server"} or request.node.get_closest_marker("django_db")):
        yield
        return
    request.getfixturevalue("transactional_db" if names & {"transactional_db", "live_server"} else "db")
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def kecamatan(db):
    return make_kecamatan()


def make_kecamatan():
    from pantau.regions.models import Level, Region

    regency, _ = Region.objects.get_or_create(code="62.13", defaults={"name": "Barito Timur", "level": Level.REGENCY})
    region, _ = Region.objects.get_or_create(
        code="62.13.01", defaults={"name": "Dusun Timur", "level": Level.KECAMATAN, "parent": regency}
    )
    return region


def jpeg_bytes(with_gps=True) -> bytes:
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    out = io.BytesIO()
    exif = Image.Exif()
    if with_gps:
        exif[0x010F] = "PhoneMaker"  # Make
        exif[0x8825] = {1: "S", 2: (1.0, 2.0, 3.0)}  # GPS IFD
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def upload(name="bukti.jpg", data=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, jpeg_bytes() if data is None else data, content_type=content_type)


def form_data(kecamatan=None, **extra):
    data = {
        "name": "Siti Rahma",
        "address": "Jl. Ahmad Yani 3, Tamiang Layang",
        "phone": "081234567890",
        "email": "siti@example.org",
        "reported_name": "Akun Provokator",
        "reported_links": "https://m.facebook.com/provokator.btm?mibextid=x",
        "description": "Akun ini menyebarkan ujaran kebencian terhadap salah satu suku di grup desa kami.",
        "occurred_on": "",
        "known_on": "",
        "kecamatan": str(kecamatan.pk) if kecamatan else "",
        "place_detail": "Grup Facebook Info Tamiang",
        "consent": "on",
        "website": "",
    }
    data.update(extra)
    return data


@pytest.fixture
def make_report(db, kecamatan):
    from datetime import timedelta

    from django.utils import timezone

    from pantau.reports import services

    def make(files=(), **overrides):
        today = timezone.localdate()
        data = {
            "name": "Siti Rahma",
            "address": "Jl. Ahmad Yani 3",
            "phone": "081234567890",
            "email": "siti@example.org",
            "nik": "",
            "anonymous": False,
            "reported_name": "Akun Provokator",
            "reported_links": "https://facebook.com/provokator.btm",
            "description": "Akun ini menyebarkan ujaran kebencian terhadap salah satu suku di grup desa kami.",
            "occurred_on": today - timedelta(days=2),
            "known_on": today - timedelta(days=1),
            "kecamatan": kecamatan,
            "place_detail": "Desa Magantis",
        }
        data.update(overrides)
        return services.file_report(data, list(files), ip="127.0.0.1")

    return make
