"""One clock: an office outside WIB reads, shows and prints its own local time with its zone's name."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from pantau.documents.services import generate
from pantau.intake.importer import import_file
from pantau.intake.models import Post
from tests.cases.conftest import case, make_overdue  # noqa: F401
from tests.documents.test_documents import pdf_text
from tests.pokja.conftest import meeting  # noqa: F401
from tests.reports.conftest import fresh_rate_limits, kecamatan, make_report  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def makassar(settings):
    settings.TIME_ZONE = "Asia/Makassar"


def test_it_stores_a_whatsapp_line_in_utc_and_shows_it_in_wita(makassar, tmp_path, client_for, analyst):
    chat = tmp_path / "WhatsApp Chat with Relawan.txt"
    chat.write_text("28/03/22 10.34 - Rina: halo semua\n", encoding="utf-8")
    import_file(chat)
    post = Post.objects.get()
    assert post.posted_at == datetime(2022, 3, 28, 2, 34, tzinfo=UTC)
    page = client_for(analyst).get(reverse("intake:detail", args=[post.pk])).content.decode()
    assert "10.34 WITA" in page
    assert "WIB" not in page


def test_it_prints_wita_on_the_meeting_invitation_and_in_the_footer(makassar, meeting, coordinator, client_for):  # noqa: F811
    from pantau.pokja.letters import when_rows as _when

    assert dict(_when(meeting))["Waktu"] == "10.00 WITA - selesai"
    page = client_for(coordinator).get("/").content.decode()
    assert "WITA" in page and "WIB" not in page


def test_it_prints_wita_on_the_case_summary(makassar, case, analyst):  # noqa: F811
    make_overdue(case, analyst)
    text = pdf_text(generate("case", "pdf", {"case": case.pk})[1])
    assert "WITA" in text and "WIB" not in text
