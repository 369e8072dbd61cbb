"""Links Pantau did not write itself (imports, the public, the API) are links only when they are web links."""

import re
from datetime import UTC, datetime

import pytest

from pantau.lib.urls import safe_href

pytestmark = pytest.mark.django_db

EVIL = "javascript:alert(1)"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "mailto:a@example.org",
        "//evil.example/x",
        "/\\evil.example",
        "https:no-host",
    ],
)
def test_it_refuses_anything_but_a_web_link_or_a_page_of_pantau(url):
    assert safe_href(url) == ""


@pytest.mark.parametrize("url", ["https://facebook.com/x?a=1&b=2", "http://example.org", "/pokja/rapat/1/"])
def test_it_keeps_web_links_and_pages_of_pantau(url):
    assert safe_href(url) == url


def _hrefs(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r'href="([^"]*)"', response.content.decode())


@pytest.fixture
def evil_office(analyst, coordinator):
    """One of everything that carries an outside link, each with a javascript: link."""
    from pantau.coordination.models import Cluster, ClusterEdge, Run
    from pantau.dashboards.models import Notification, PositiveMessage
    from pantau.detection.models import Classification, FactCheck
    from pantau.intake.models import Post
    from pantau.inventory.models import Account, Group
    from pantau.pokja.models import Meeting

    account = Account.objects.create(platform="facebook", platform_id="a", name="Akun", url=EVIL, risk_score=90)
    other = Account.objects.create(platform="facebook", platform_id="b", name="Akun B", url=EVIL, risk_score=80)
    group = Group.objects.create(platform="facebook", platform_id="g", name="Grup", url=EVIL, risk_score=70)
    when = datetime(2024, 10, 1, 3, tzinfo=UTC)
    post = Post.objects.create(
        natural_key="facebook:1",
        platform="facebook",
        url=EVIL,
        author=account,
        group=group,
        text="Teks",
        posted_at=when,
    )
    post_b = Post.objects.create(natural_key="facebook:2", platform="facebook", url=EVIL, author=other, text="Teks")
    factcheck = FactCheck.objects.create(key="k", claim="Klaim palsu", url=EVIL)
    Classification.objects.create(post=post, severity=3, flagged=["hoaks"], factcheck=factcheck, model_version="t")
    positive = PositiveMessage.objects.create(title="Klarifikasi", body="Isi", url=EVIL, created_by=analyst)
    positive.posts.add(post)
    Notification.objects.create(user=analyst, title="Peringatan", body="Isi", url=EVIL, key="k")
    meeting = Meeting.objects.create(
        title="Rapat", starts_at=when, mode=Meeting.Mode.ONLINE, link=EVIL, chair=coordinator
    )
    run = Run.objects.create()
    cluster = Cluster.objects.create(run=run, number=1, size=2, weight=1, kinds=["text"])
    cluster.accounts.add(account, other)
    ClusterEdge.objects.create(
        cluster=cluster, kind="text", account_a=account, account_b=other, weight=1, evidence=[[post.pk, post_b.pk]]
    )
    return {"post": post, "account": account, "group": group, "meeting": meeting, "cluster": cluster}


def test_it_links_no_stored_javascript_url_on_any_page_that_shows_it(client_for, analyst, evil_office):
    client = client_for(analyst)
    # Each page with something it shows of the object that carries the link.
    pages = {
        f"/posts/{evil_office['post'].pk}/": EVIL,
        f"/deteksi/post/{evil_office['post'].pk}/": "Klaim palsu",
        "/deteksi/factcheck/": "Klaim palsu",
        f"/inventaris/akun/{evil_office['account'].pk}/": EVIL,
        f"/inventaris/grup/{evil_office['group'].pk}/": EVIL,
        f"/koordinasi/{evil_office['cluster'].pk}/": "Teks",
        "/dasbor/": "Akun B",
        "/dasbor/notifikasi/": "Peringatan",
        "/dasbor/informasi-positif/": "Klarifikasi",
        f"/pokja/rapat/{evil_office['meeting'].pk}/": EVIL,
    }
    for page, shown in pages.items():
        response = client.get(page)
        assert shown in response.content.decode(), page
        assert [href for href in _hrefs(response) if "javascript" in href.lower()] == [], page


def test_it_mails_no_javascript_url_with_an_alert(analyst, mailoutbox):
    from pantau.dashboards.alerts import notify

    notify(analyst, "Peringatan", "Isi", EVIL, "k1")
    notify(analyst, "Halaman", "Isi", "/pokja/rapat/1/", "k2")
    assert EVIL not in mailoutbox[0].body
    assert mailoutbox[1].body.endswith("/pokja/rapat/1/") and "://" in mailoutbox[1].body
