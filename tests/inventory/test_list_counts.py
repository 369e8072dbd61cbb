import pytest
from django.urls import reverse

from pantau.intake.models import Post
from pantau.inventory.counts import recount_posts
from pantau.inventory.models import Account, Group

pytestmark = pytest.mark.django_db


@pytest.fixture
def authors():
    """Three accounts with 2, 0 and 5 posts, the quietest the riskiest; one group holds all seven."""
    group = Group.objects.create(platform="facebook", platform_id="g-count", name="Grup Hitung")
    rows = []
    for name, risk, posts in (("Akun Dua", 50.0, 2), ("Akun Nol", 90.0, 0), ("Akun Lima", 10.0, 5)):
        account = Account.objects.create(platform="facebook", platform_id=name, name=name, risk_score=risk)
        Post.objects.bulk_create(
            Post(natural_key=f"{name}:{n}", platform="facebook", author=account, group=group) for n in range(posts)
        )
        rows.append(account)
    recount_posts()  # as the nightly routine does for posts written past the import
    return rows, group


def _rows(client, url, **params):
    page = client.get(url, params).context["page"]
    return [(row.name, row.post_count) for row in page]


def test_it_shows_each_accounts_post_count_in_the_default_order(client_for, analyst, authors):
    rows = _rows(client_for(analyst), reverse("inventory:accounts"))
    assert rows == [("Akun Nol", 0), ("Akun Dua", 2), ("Akun Lima", 5)]


def test_it_sorts_accounts_by_their_post_count(client_for, analyst, authors):
    rows = _rows(client_for(analyst), reverse("inventory:accounts"), sort="posts")
    assert rows == [("Akun Lima", 5), ("Akun Dua", 2), ("Akun Nol", 0)]


def test_it_counts_only_the_rows_of_the_page_shown(client_for, analyst, authors):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client_for(analyst).get(reverse("inventory:accounts"))
    counting = [q["sql"] for q in queries if 'FROM "intake_post"' in q["sql"]]
    assert len(counting) == 1 and '"author_id" IN (' in counting[0]


def test_it_shows_a_groups_post_count(client_for, analyst, authors):
    assert _rows(client_for(analyst), reverse("inventory:groups")) == [("Grup Hitung", 7)]
    assert _rows(client_for(analyst), reverse("inventory:groups"), sort="posts") == [("Grup Hitung", 7)]


def test_it_sorts_by_posts_an_import_just_added(client_for, analyst, authors):
    from pantau.core.seams import seams
    from pantau.intake.formats import Record
    from pantau.intake.importer import Summary, save_records

    records = [Record(platform="facebook", post_id=f"new-{n}", author_id="Akun Nol", author_name="Akun Nol",
                      group_id="g-new", group_name="Grup Baru", text=f"unggahan {n}") for n in range(6)]  # fmt: skip
    seams.posts_imported.notify(save_records(records, "test", None, Summary()))  # as each import batch does
    client = client_for(analyst)
    assert _rows(client, reverse("inventory:accounts"), sort="posts")[0] == ("Akun Nol", 6)
    assert _rows(client, reverse("inventory:groups"), sort="posts") == [("Grup Hitung", 7), ("Grup Baru", 6)]
