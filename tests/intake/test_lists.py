"""The posts list people work through: filters, sorts, export = list, saved searches, pagination."""

import csv
import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from pantau.detection.models import Classification, Review
from pantau.intake.formats import Record
from pantau.intake.importer import Summary, save_records
from pantau.intake.models import Post, SavedSearch
from pantau.regions.models import Level, Region

pytestmark = pytest.mark.django_db

# (post id, platform, group, day in Nov 2024 (10:00 UTC), flagged labels, severity, text)
POSTS = [
    ("1", "facebook", "g1", 1, ["politik_uang"], 3, "serangan fajar amplop di awang"),
    ("2", "facebook", "g1", 5, ["politik_uang", "hasutan"], 3, "amplop untuk warga paju epat"),
    ("3", "facebook", "g2", 10, ["hasutan"], 2, "adu domba antar kampung"),
    ("4", "x", "", 12, ["politik_uang"], 1, "bagi amplop di pasar"),
    ("5", "facebook", "g1", 20, [], 0, "kampanye damai bersama"),
    ("6", "tiktok", "", 22, ["sara"], 3, "hinaan suku tertentu"),
]


@pytest.fixture
def kecamatan(db):
    regency = Region.objects.create(code="62.13", name="Barito Timur", level=Level.REGENCY)
    awang = Region.objects.create(code="62.13.04", name="Awang", level=Level.KECAMATAN, parent=regency)
    paju = Region.objects.create(code="62.13.07", name="Paju Epat", level=Level.KECAMATAN, parent=regency)
    return {"awang": awang, "paju": paju}


@pytest.fixture
def posts(kecamatan):
    records = [
        Record(
            platform=platform,
            post_id=pid,
            author_id=f"acc-{int(pid) % 3}",
            author_name=f"Akun {int(pid) % 3}",
            group_id=group,
            group_name=f"Grup {group}" if group else "",
            text=text,
            posted_at=datetime(2024, 11, day, 10, tzinfo=UTC),
        )
        for pid, platform, group, day, _labels, _severity, text in POSTS
    ]
    save_records(records, "test", None, Summary())
    by_key = {post.platform_post_id: post for post in Post.objects.all()}
    for pid, _platform, _group, _day, labels, severity, _text in POSTS:
        Classification.objects.create(post=by_key[pid], flagged=labels, severity=severity, model_version="t")
    Post.objects.filter(pk=by_key["1"].pk).update(kecamatan=kecamatan["awang"])
    Post.objects.filter(pk=by_key["2"].pk).update(kecamatan=kecamatan["paju"])
    return by_key


def listed(client, **params) -> list[str]:
    """The platform post ids the list shows, in its order."""
    response = client.get(reverse("intake:list"), params)
    assert response.status_code == 200, (params, response.context["form"].errors.as_json())
    return [row["post"].platform_post_id for row in response.context["rows"]]


def test_it_shows_labels_by_their_human_names_with_severity_and_review_state(client_for, analyst, posts):
    Review.objects.create(post=posts["2"], label="hasutan", decision="confirmed", user=analyst)
    page = client_for(analyst).get(reverse("intake:list"), {"sort": "oldest"}).content.decode()
    assert "Politik uang" in page or "Vote buying" in page
    assert "politik_uang" not in re.sub(r'value="[^"]*"|name="[^"]*"', "", page)
    assert "Grup g1" in page and "Awang" in page
    row = {r["post"].platform_post_id: r for r in client_for(analyst).get(reverse("intake:list")).context["rows"]}
    assert [lab["decision"] for lab in row["2"]["labels"] if lab["key"] == "hasutan"] == ["confirmed"]
    assert str(row["2"]["review"]) in ("Reviewed", "Sudah ditinjau")
    assert str(row["1"]["review"]) in ("Waiting for review", "Menunggu tinjauan")


def test_it_combines_every_filter(client_for, analyst, posts, kecamatan):
    client = client_for(analyst)
    assert set(listed(client, label="politik_uang")) == {"1", "2", "4"}
    assert set(listed(client, label="politik_uang", platform="facebook")) == {"1", "2"}
    assert listed(client, label="politik_uang", platform="facebook", **{"from": "2024-11-03"}) == ["2"]
    assert listed(client, label="hasutan", to="2024-11-05") == ["2"]
    assert set(listed(client, severity="3")) == {"1", "2", "6"}
    assert listed(client, kecamatan="62.13.04") == ["1"]
    assert listed(client, kecamatan=str(kecamatan["paju"].pk)) == ["2"]
    assert set(listed(client, group=str(posts["1"].group_id))) == {"1", "2", "5"}
    assert set(listed(client, account=str(posts["2"].author_id))) == {"2", "5"}
    assert set(listed(client, q="amplop")) == {"1", "2", "4"}
    assert listed(client, q="amplop", platform="x") == ["4"]


def test_it_filters_by_review_state(client_for, analyst, posts):
    Review.objects.create(post=posts["1"], label="politik_uang", decision="confirmed", user=analyst)
    Review.objects.create(post=posts["3"], label="hasutan", decision="rejected", user=analyst)
    client = client_for(analyst)
    assert listed(client, review="confirmed") == ["1"]
    assert listed(client, review="rejected") == ["3"]
    assert set(listed(client, review="reviewed")) == {"1", "3"}
    assert set(listed(client, review="pending")) == {"2", "4", "6"}


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("", ["6", "5", "4", "3", "2", "1"]),
        ("newest", ["6", "5", "4", "3", "2", "1"]),
        ("oldest", ["1", "2", "3", "4", "5", "6"]),
        ("severity", ["6", "2", "1", "3", "4", "5"]),
        ("platform", ["5", "3", "2", "1", "6", "4"]),
    ],
)
def test_it_sorts_the_list(client_for, analyst, posts, sort, expected):
    assert listed(client_for(analyst), sort=sort) == expected


def test_it_sorts_by_account_then_newest(client_for, analyst, posts):
    order = listed(client_for(analyst), sort="account")
    names = [Post.objects.get(platform_post_id=pid).author.name for pid in order]
    assert names == sorted(names)
    assert order[:2] == ["6", "3"]  # Akun 0: its newest post first


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": "27-11-2024"}, "from"),
        ({"severity": "9"}, "severity"),
        ({"kecamatan": "99.99.99"}, "kecamatan"),
        ({"label": "bukan_label"}, "label"),
        ({"from": "2024-11-20", "to": "2024-11-01"}, "to"),
        ({"group": "abc"}, "group"),
    ],
)
def test_it_explains_a_bad_filter_and_applies_the_others(client_for, analyst, posts, params, message):
    response = client_for(analyst).get(reverse("intake:list"), {**params, "platform": "x"})
    assert response.status_code == 400
    assert message in response.context["form"].errors
    assert [row["post"].platform_post_id for row in response.context["rows"]] == ["4"]


def test_it_refuses_a_pokja_member_the_list_and_its_export(client_for, pokja_member, posts):
    client = client_for(pokja_member)
    assert client.get(reverse("intake:list")).status_code == 403
    assert client.post(reverse("intake:export"), {"format": "csv"}).status_code == 403


def _export_ids(client, tmp_path, params) -> list[str]:
    from pantau.jobs.files import open_output
    from pantau.jobs.models import Job
    from pantau.jobs.runner import run_job

    response = client.post(reverse("intake:export"), {**params, "format": "csv"})
    assert response.status_code == 302, response.content[:300]
    job = run_job(Job.objects.latest("pk").pk)
    assert job.status == "done", job.message
    with open_output(job) as handle:
        rows = list(csv.reader(handle.read().decode("utf-8-sig").splitlines()))
    assert rows[0][0] == "id"
    return sorted(Post.objects.get(pk=int(row[0])).platform_post_id for row in rows[1:])


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"label": "politik_uang"},
        {"label": "politik_uang", "platform": "facebook", "from": "2024-11-03"},
        {"q": "amplop", "severity": "3"},
        {"kecamatan": "62.13.04"},
        {"review": "pending", "to": "2024-11-12"},
    ],
)
def test_it_exports_exactly_what_the_list_shows(client_for, analyst, posts, tmp_path, params):
    client = client_for(analyst)
    shown = sorted(listed(client, **params))
    assert _export_ids(client, tmp_path, params) == shown


def test_it_keeps_the_filters_in_the_pager_links(client_for, analyst, posts, monkeypatch):
    monkeypatch.setattr("pantau.intake.views.paginate.__defaults__", (2,))
    response = client_for(analyst).get(reverse("intake:list"), {"label": "politik_uang", "sort": "oldest"})
    page = response.content.decode()
    links = re.findall(r'<a href="(\?[^"]*page=2[^"]*)"', page)
    assert links, page[-2000:]
    assert "label=politik_uang" in links[0] and "sort=oldest" in links[0]
    second = client_for(analyst).get(reverse("intake:list") + links[0].replace("&amp;", "&"))
    assert [row["post"].platform_post_id for row in second.context["rows"]] == ["4"]


def test_it_counts_a_long_list_only_so_far_and_still_pages_through_every_post(client_for, analyst, posts, monkeypatch):
    monkeypatch.setattr("pantau.intake.views.paginate.__defaults__", (2,))
    monkeypatch.setattr("pantau.core.paging.COUNT_AHEAD", 3)
    client = client_for(analyst)
    url, seen, pages = reverse("intake:list") + "?sort=oldest", [], []
    while url:
        response = client.get(url)
        page = response.content.decode()
        pages.append(page)
        seen += [row["post"].platform_post_id for row in response.context["rows"]]
        following = re.search(r'<a href="(\?[^"]*)" rel="next"', page)
        url = reverse("intake:list") + following.group(1).replace("&amp;", "&") if following else None
    assert seen == ["1", "2", "3", "4", "5", "6"]
    assert "Lebih dari 3 unggahan" in pages[0] and "Halaman 1 dari lebih dari 1" in pages[0]
    assert ">Terakhir<" not in pages[0]
    assert "6 pos" in pages[-1] and "Halaman 3 dari 3" in pages[-1]


# --- saved searches


def test_it_saves_a_search_that_the_whole_office_sees(client_for, analyst, coordinator, pokja_member, posts):
    response = client_for(analyst).post(
        reverse("intake:searches"), {"name": "Amplop", "q": "amplop", "label": "politik_uang", "page": "3"}
    )
    assert response.status_code == 302
    search = SavedSearch.objects.get()
    assert search.params == {"label": "politik_uang", "q": "amplop"}
    page = client_for(coordinator).get(reverse("intake:searches")).content.decode()
    assert "Amplop" in page and "label=politik_uang" in page
    assert "Label: Politik uang" in page or "Label: Vote buying" in page
    assert client_for(pokja_member).get(reverse("intake:searches")).status_code == 403


def test_it_refuses_to_save_a_search_without_a_filter_or_a_name(client_for, analyst, posts):
    client = client_for(analyst)
    client.post(reverse("intake:searches"), {"name": "Semua", "sort": "oldest"})
    client.post(reverse("intake:searches"), {"name": " ", "q": "amplop"})
    assert not SavedSearch.objects.exists()


def test_it_alerts_a_subscriber_once_when_a_new_post_matches_a_saved_search(client_for, analyst, coordinator, posts):
    from pantau.dashboards.alerts import check_alerts_for_posts
    from pantau.dashboards.models import Notification

    client_for(analyst).post(reverse("intake:searches"), {"name": "Amplop FB", "q": "amplop", "platform": "facebook"})
    search = SavedSearch.objects.get()
    client_for(coordinator).post(reverse("intake:search_subscribe", args=[search.pk]), {"action": "subscribe"})
    records = [
        Record(platform="facebook", post_id="100", text="amplop lagi malam ini", author_id="baru"),
        Record(platform="x", post_id="101", text="amplop di x", author_id="baru"),
    ]
    new_ids = save_records(records, "test", None, Summary())
    check_alerts_for_posts(new_ids)
    check_alerts_for_posts(new_ids)
    notes = Notification.objects.filter(user=coordinator)
    assert notes.count() == 1
    assert "Amplop FB" in notes.get().title
    assert not Notification.objects.filter(user=analyst).exists()  # saved it, did not subscribe


def test_it_stops_the_alerts_when_unsubscribed_and_lets_only_the_author_or_a_coordinator_delete(
    client_for, analyst, coordinator, make_user, posts
):
    from pantau.dashboards.models import WatchList

    other = make_user("analis2", "analyst")
    client_for(analyst).post(reverse("intake:searches"), {"name": "Suku", "q": "suku", "subscribe": "1"})
    search = SavedSearch.objects.get()
    assert WatchList.objects.filter(owner=analyst, saved_searches=search).exists()
    client_for(analyst).post(reverse("intake:search_subscribe", args=[search.pk]), {"action": "unsubscribe"})
    assert not WatchList.objects.exists()
    assert client_for(other).post(reverse("intake:search_delete", args=[search.pk])).status_code == 403
    assert client_for(coordinator).post(reverse("intake:search_delete", args=[search.pk])).status_code == 302
    assert not SavedSearch.objects.exists()
