import io

import pytest
from django.urls import reverse
from PIL import Image

from pantau.evidence.services import add_evidence

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(analyst):
    image = Image.new("RGB", (30, 20), "blue")
    exif = Image.Exif()
    exif[0x010F] = "KameraRahasia"
    exif[0x8825] = {2: (1.0, 2.0, 3.0)}  # GPSInfo
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    out.seek(0)
    return add_evidence(out, original_name="foto.jpg", user=analyst, captured_from="test")


@pytest.mark.parametrize(("who", "status"), [(None, 302), ("pokja", 403), ("other_pokja", 403), ("admin", 403)])
def test_it_refuses_outsiders_a_preview(users, client_for, photo, who, status):
    assert client_for(users.get(who)).get(reverse("evidence:preview", args=[photo.pk])).status_code == status


@pytest.mark.parametrize(("who", "status"), [(None, 302), ("pokja", 403), ("admin", 403)])
def test_it_refuses_outsiders_the_original(users, client_for, photo, who, status):
    assert client_for(users.get(who)).get(reverse("evidence:download", args=[photo.pk])).status_code == status


def test_it_shows_a_copy_without_exif_or_gps(users, client_for, photo):
    response = client_for(users["analyst"]).get(reverse("evidence:preview", args=[photo.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    copy = Image.open(io.BytesIO(response.content))
    assert not copy.getexif() and b"KameraRahasia" not in response.content


def test_it_hands_analysts_the_original_as_an_attachment(users, client_for, photo):
    response = client_for(users["analyst"]).get(reverse("evidence:download", args=[photo.pk]))
    body = b"".join(response.streaming_content)
    assert response["Content-Disposition"].startswith('attachment; filename="foto.jpg"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"KameraRahasia" in body
