import io

import pytest
from django.core.management import call_command
from PIL import Image

from pantau.evidence.fingerprints import backfill, distance, fingerprint_of
from pantau.evidence.models import ImageFingerprint, ImageMatch
from pantau.evidence.services import add_evidence

from . import files

pytestmark = pytest.mark.django_db


def altered(image: Image.Image) -> bytes:
    """The same screenshot sent on: lightly cropped (status bar and edges), shrunk to 70 %, JPEG quality 60."""
    width, height = image.size
    cropped = image.crop(
        (int(width * 0.01), int(height * 0.03), width - int(width * 0.01), height - int(height * 0.01))
    )
    smaller = cropped.resize((int(cropped.width * 0.7), int(cropped.height * 0.7)))
    return files.encoded(smaller, "JPEG", quality=60)


def _fingerprint(data: bytes) -> str:
    with Image.open(io.BytesIO(data)) as image:
        return fingerprint_of(image)


@pytest.mark.parametrize("seed", range(1, 6))
def test_it_finds_a_cropped_shrunk_recompressed_copy_and_not_an_unrelated_screenshot(settings, seed):
    original = files.screenshot(seed)
    mine = _fingerprint(files.encoded(original))
    assert distance(mine, _fingerprint(altered(original))) <= settings.PANTAU_IMAGE_MATCH_DISTANCE
    assert distance(mine, _fingerprint(files.screenshot_png(seed + 100))) > settings.PANTAU_IMAGE_MATCH_DISTANCE


def test_it_links_a_new_copy_to_the_original_when_it_is_kept(analyst):
    original = add_evidence(io.BytesIO(files.screenshot_png(3)), original_name="asli.png", user=analyst)
    unrelated = add_evidence(io.BytesIO(files.screenshot_png(42)), original_name="lain.png", user=analyst)
    copy = add_evidence(io.BytesIO(altered(files.screenshot(3))), original_name="terusan.jpg", user=analyst)
    assert set(ImageMatch.objects.filter(item=copy).values_list("similar", flat=True)) == {original.pk}
    assert ImageMatch.objects.filter(item=original, similar=copy).exists()
    assert not ImageMatch.objects.filter(item=unrelated).exists()


def test_it_fingerprints_images_kept_before_fingerprints_existed(analyst):
    item = add_evidence(io.BytesIO(files.screenshot_png(5)), original_name="lama.png", user=analyst)
    ImageFingerprint.objects.all().delete()
    assert backfill() == 1 and ImageFingerprint.objects.get().item == item
    out = io.StringIO()
    call_command("evidence", "fingerprint", stdout=out)
    assert "0 image(s)" in out.getvalue()


def test_it_gives_no_fingerprint_to_a_pdf(analyst):
    add_evidence(io.BytesIO(files.normal_pdf()), original_name="surat.pdf", user=analyst)
    assert not ImageFingerprint.objects.exists()
