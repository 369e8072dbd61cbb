"""Evidence in the documents' inventory report."""

import io

import pytest
from PIL import Image

pytestmark = pytest.mark.django_db


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def test_it_shows_an_accounts_evidence_hash_and_screenshot_in_the_inventory_report(analyst):
    from docx import Document

    from pantau.documents.services import generate
    from pantau.intake.models import Post
    from pantau.intake.services import attach_evidence
    from pantau.inventory.models import Account

    account = Account.objects.create(platform="facebook", platform_id="p1", name="Provokator", status="ditandai")
    post = Post.objects.create(natural_key="t:1", platform="facebook", text="hasutan", author=account)
    link = attach_evidence(post, io.BytesIO(png_bytes()), original_name="layar.png", user=analyst)
    _name, data = generate("inventory", "docx")
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert f"Provokator: SHA-256 {link.item.sha256}" in text
    assert len(doc.inline_shapes) == 2  # the letterhead's logo and the screenshot
