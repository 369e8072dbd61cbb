import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from pantau.core.seams import seams
from pantau.dashboards.alerts import check_alerts_for_posts, check_deadlines
from pantau.dashboards.models import Notification, WatchList


@pytest.fixture
def watch(analyst, flagged_account, coordinator):
    watch = WatchList.objects.create(name="Pantauan", owner=analyst, keywords="Sawit")
    watch.accounts.add(flagged_account)
    watch.subscribers.add(coordinator)
    return watch


def test_it_notifies_owner_and_subscribers_of_a_watched_account(watch, posts, analyst, coordinator):
    check_alerts_for_posts([posts[0].pk])
    assert set(Notification.objects.values_list("user", flat=True)) == {analyst.pk, coordinator.pk}


def test_it_matches_keywords_regardless_of_case(watch, posts):
    check_alerts_for_posts([posts[1].pk])
    assert "kata kunci: sawit" in Notification.objects.first().title


def test_it_notifies_no_one_twice(watch, posts):
    check_alerts_for_posts([p.pk for p in posts])
    first = Notification.objects.count()
    assert check_alerts_for_posts([p.pk for p in posts]) == 0 and Notification.objects.count() == first


def test_it_sends_the_alert_by_email(watch, posts, smtp_server):
    check_alerts_for_posts([posts[0].pk])
    assert sorted(message["X-Envelope-To"] for message in smtp_server) == [
        "analis@example.org",
        "koordinator@example.org",
    ]
    assert smtp_server[0]["Subject"].startswith("[Pantau] Pantauan")


def heavy_incitement(posts):
    """A high-severity rule as detection's: posts that call for pitting people against each other."""
    return [(p, "hasutan berat") for p in posts if "adu domba" in p.text]


def test_it_lets_detection_raise_high_severity_alerts(analyst, posts):
    WatchList.objects.create(name="Berat", owner=analyst, high_severity=True, email=False)
    seams.alert_rules.add(heavy_incitement)
    try:
        check_alerts_for_posts([p.pk for p in posts])
    finally:
        seams.alert_rules.remove(heavy_incitement)
    assert list(Notification.objects.values_list("title", flat=True)) == ["Berat: hasutan berat"]


def test_it_warns_the_owner_agency_of_a_near_deadline(action, pokja_member, other_pokja_member, coordinator):
    action.due_date = timezone.localdate() + timedelta(days=1)
    action.save()
    check_deadlines()
    users = set(Notification.objects.values_list("user", flat=True))
    assert pokja_member.pk in users and coordinator.pk in users and other_pokja_member.pk not in users


def test_it_does_not_warn_about_done_actions(action, pokja_member):
    action.status = "done"
    action.save()
    assert check_deadlines() == 0


def test_it_runs_from_the_command_line(watch, posts):
    out = io.StringIO()
    call_command("alerts", "run", stdout=out)
    assert "post alert" in out.getvalue() and Notification.objects.exists()


class TestNotificationPages:
    def test_it_shows_the_unread_count(self, client_for, analyst, db):
        Notification.objects.create(user=analyst, title="Akun dipantau muncul", key="k1")
        content = client_for(analyst).get(reverse("dashboards:notifications")).content.decode()
        assert "Akun dipantau muncul" in content and "1 " in content

    def test_it_marks_notifications_read(self, client_for, analyst, db):
        Notification.objects.create(user=analyst, title="x", key="k1")
        client_for(analyst).post(reverse("dashboards:notifications_read"))
        assert not Notification.objects.filter(read_at__isnull=True).exists()

    def test_it_shows_no_one_elses_notifications(self, client_for, analyst, pokja_member):
        Notification.objects.create(user=analyst, title="Rahasia analis", key="k1")
        assert b"Rahasia analis" not in client_for(pokja_member).get(reverse("dashboards:notifications")).content

    def test_it_pages_through_many_notifications(self, client_for, analyst, db):
        Notification.objects.bulk_create(
            Notification(user=analyst, title=f"Catatan {i:03d}", key=f"k{i}") for i in range(120)
        )
        client = client_for(analyst)
        first = client.get(reverse("dashboards:notifications")).content.decode()
        last = client.get(reverse("dashboards:notifications"), {"page": 3}).content.decode()
        assert "Catatan 119" in first and "Catatan 069" not in first and "page=2" in first
        assert "Catatan 000" in last and "Catatan 119" not in last

    def test_it_marks_every_notification_read_not_only_the_first_page(self, client_for, analyst, db):
        Notification.objects.bulk_create(Notification(user=analyst, title="x", key=f"k{i}") for i in range(120))
        client = client_for(analyst)
        response = client.post(reverse("dashboards:notifications_read"), follow=True)
        assert not Notification.objects.filter(read_at__isnull=True).exists()
        assert "120 notifikasi ditandai sudah dibaca." in response.content.decode()
        assert "0 belum dibaca" in response.content.decode()

    def test_it_keeps_the_unread_count_right_when_one_is_read(self, client_for, analyst, coordinator, db):
        mine = [Notification.objects.create(user=analyst, title=f"n{i}", key=f"k{i}") for i in range(3)]
        Notification.objects.create(user=coordinator, title="lain", key="k0")
        client = client_for(analyst)
        response = client.post(reverse("dashboards:notifications_read"), {"id": mine[0].pk, "page": "2"})
        assert response["Location"] == reverse("dashboards:notifications") + "?page=2"
        assert "2 belum dibaca" in client.get(reverse("dashboards:notifications")).content.decode()
        assert Notification.objects.filter(user=coordinator, read_at__isnull=True).count() == 1

    def test_it_shows_the_unread_ones_only_when_asked(self, client_for, analyst, db):
        Notification.objects.create(user=analyst, title="Sudah lama", key="k1", read_at=timezone.now())
        Notification.objects.create(user=analyst, title="Baru masuk", key="k2")
        content = client_for(analyst).get(reverse("dashboards:notifications"), {"unread": "1"}).content.decode()
        assert "Baru masuk" in content and "Sudah lama" not in content

    def test_it_does_not_mark_someone_elses_notification_read(self, client_for, analyst, coordinator, db):
        theirs = Notification.objects.create(user=coordinator, title="lain", key="k0")
        client_for(analyst).post(reverse("dashboards:notifications_read"), {"id": theirs.pk})
        theirs.refresh_from_db()
        assert theirs.read_at is None

    def test_it_answers_a_bad_notification_id_with_a_message(self, client_for, analyst, db):
        response = client_for(analyst).post(reverse("dashboards:notifications_read"), {"id": "abc"}, follow=True)
        assert response.status_code == 200 and "Notifikasi itu tidak ada." in response.content.decode()

    @pytest.mark.parametrize("name", ["dashboards:notifications", "dashboards:watch_lists"])
    def test_it_sends_anonymous_visitors_to_login(self, client_for, db, name):
        assert client_for(None).get(reverse(name)).status_code == 302


class TestWatchListPage:
    def test_it_creates_a_watch_list(self, client_for, analyst, flagged_account):
        client_for(analyst).post(
            reverse("dashboards:watch_lists"),
            {"name": "Akun ditandai", "accounts": [flagged_account.pk], "keywords": "serangan fajar", "email": "on"},
        )
        assert WatchList.objects.get().owner == analyst

    def test_it_requires_something_to_watch(self, client_for, analyst, db):
        client_for(analyst).post(reverse("dashboards:watch_lists"), {"name": "Kosong"})
        assert not WatchList.objects.exists()

    def test_it_refuses_pokja_members(self, client_for, pokja_member):
        assert client_for(pokja_member).get(reverse("dashboards:watch_lists")).status_code == 403

    def test_it_offers_only_the_riskiest_groups_and_takes_any_other_by_its_handle(self, client_for, analyst, db):
        from pantau.dashboards.forms import OFFERED
        from pantau.inventory.models import Group

        Group.objects.bulk_create(
            [Group(platform="facebook", platform_id=f"grup-{i}", name=f"Grup {i}", risk_score=i) for i in range(150)]
        )
        page = client_for(analyst).get(reverse("dashboards:watch_lists")).content.decode()
        groups = re.search(r'<select name="groups".*?</select>', page, re.S).group(0)
        assert groups.count("<option") == OFFERED and ">Grup 149<" in groups and ">Grup 3<" not in groups
        client_for(analyst).post(
            reverse("dashboards:watch_lists"), {"name": "Sepi", "groups": [Group.objects.get(name="Grup 149").pk],
                                                "more_groups": "GRUP-3\n", "email": "on"},
        )  # fmt: skip
        assert sorted(WatchList.objects.get().groups.values_list("name", flat=True)) == ["Grup 149", "Grup 3"]

    def test_it_names_a_handle_that_may_not_be_watched(self, client_for, analyst, db):
        response = client_for(analyst).post(
            reverse("dashboards:watch_lists"), {"name": "Salah", "more_accounts": "tidak-ada", "keywords": "x"}
        )
        assert "Tidak ada di daftar yang dapat dipantau: tidak-ada" in response.content.decode()
        assert not WatchList.objects.exists()

    def test_it_keeps_a_chosen_group_beyond_the_offered_ones_on_a_form_with_errors(self, client_for, analyst, db):
        from pantau.inventory.models import Group

        Group.objects.bulk_create(
            [Group(platform="facebook", platform_id=f"grup-{i}", name=f"Grup {i}", risk_score=i) for i in range(150)]
        )
        low = Group.objects.get(name="Grup 0")
        page = client_for(analyst).post(reverse("dashboards:watch_lists"), {"groups": [low.pk]}).content.decode()
        assert f'<option value="{low.pk}" selected>Grup 0</option>' in page

    def test_it_refuses_deleting_someone_elses_list(self, client_for, watch, coordinator):
        response = client_for(coordinator).post(reverse("dashboards:watch_list_delete", args=[watch.pk]))
        assert response.status_code == 404 and WatchList.objects.exists()


def _posts_in(group, n, text="Warga Bersuara hari ini", first=0):
    from datetime import UTC, datetime, timedelta

    from pantau.intake.models import Post

    start = datetime(2024, 10, 1, 3, tzinfo=UTC)
    return Post.objects.bulk_create(
        Post(
            natural_key=f"burst:{text}:{i}", platform="facebook", text=f"{text} {i}", group=group,
            posted_at=start + timedelta(hours=i), url=f"https://www.facebook.com/groups/g1/permalink/{1000 + i}/",
        )
        for i in range(first, first + n)
    )  # fmt: skip


@pytest.fixture
def group_watch(analyst, coordinator, posts):
    watch = WatchList.objects.create(name="Grup rawan", owner=analyst)
    watch.groups.add(posts[1].group)
    watch.subscribers.add(coordinator)
    return watch


class TestOncePerPost:
    def test_it_alerts_no_one_again_when_every_post_is_reclassified_twice(self, analyst, posts, flagged_account):
        from pantau.core.seams import seams
        from pantau.detection.services import classify_posts
        from pantau.intake.models import Post

        watch = WatchList.objects.create(name="Semua", owner=analyst, keywords="sawit\nadu domba", high_severity=True)
        watch.accounts.add(flagged_account)
        burst = _posts_in(None, 10, text="Ayo adu domba warga desa sebelah")  # a digest: its key is new every run
        check_alerts_for_posts([p.pk for p in posts + burst])  # at import
        classify_posts(Post.objects.all(), on_classified=seams.posts_classified.notify)
        after_first = list(Notification.objects.values_list("key", flat=True))
        assert any(key.startswith("digest:") for key in after_first)
        for _ in range(2):
            classify_posts(Post.objects.all(), on_classified=seams.posts_classified.notify)
        assert list(Notification.objects.values_list("key", flat=True)) == after_first

    def test_it_alerts_a_post_once_although_it_matches_a_watch_in_three_ways(self, analyst, posts, flagged_account):
        watch = WatchList.objects.create(name="Berat", owner=analyst, keywords="adu domba", high_severity=True)
        watch.accounts.add(flagged_account)
        seams.alert_rules.add(heavy_incitement)
        try:
            check_alerts_for_posts([posts[0].pk])
            check_alerts_for_posts([posts[0].pk])
        finally:
            seams.alert_rules.remove(heavy_incitement)
        assert list(Notification.objects.values_list("title", flat=True)) == [
            f"Berat: akun dipantau: {flagged_account}"
        ]

    def test_it_alerts_once_per_watch_when_two_watches_match(self, analyst, posts, group_watch):
        WatchList.objects.create(name="Sawit", owner=analyst, keywords="sawit")
        check_alerts_for_posts([posts[1].pk])
        titles = sorted(Notification.objects.filter(user=analyst).values_list("title", flat=True))
        assert titles == ["Grup rawan: grup dipantau: Warga Bersuara", "Sawit: kata kunci: sawit"]

    def test_it_skips_a_post_another_worker_delivered_meanwhile(self, analyst, posts, group_watch, monkeypatch):
        from pantau.dashboards import alerts
        from pantau.dashboards.models import AlertDelivery

        real = AlertDelivery.objects.bulk_create

        def racing(rows, **options):
            # The other worker's row lands between this run's look-up and its insert.
            AlertDelivery.objects.create(source=rows[0].source, user=rows[0].user, post_id=rows[0].post_id, run="x")
            return real(rows, **options)

        monkeypatch.setattr(AlertDelivery.objects, "bulk_create", racing)
        assert alerts._claim(alerts.watch_source_key(group_watch.pk), analyst, [posts[1].pk], "mine") == set()

    def test_it_forgets_the_deliveries_of_a_deleted_watch(self, posts, group_watch):
        from pantau.dashboards.models import AlertDelivery

        check_alerts_for_posts([posts[1].pk])
        assert AlertDelivery.objects.exists()
        group_watch.delete()
        assert not AlertDelivery.objects.exists()


class TestDigests:
    def test_it_makes_one_digest_of_300_new_posts_in_a_watched_group(
        self, group_watch, posts, analyst, coordinator, smtp_server
    ):
        burst = _posts_in(posts[1].group, 300)
        assert check_alerts_for_posts([p.pk for p in burst]) == 2  # one for the owner, one for the subscriber
        for user in (analyst, coordinator):
            (note,) = Notification.objects.filter(user=user)
            assert note.title == "Grup rawan: 300 postingan baru di grup Warga Bersuara"
            assert note.url == f"/posts/?group={posts[1].group_id}&from=2024-10-01&to=2024-10-13"
        assert len(smtp_server) == 2
        assert f"http://127.0.0.1:8000/posts/?group={posts[1].group_id}&from=2024-10-01" in smtp_server[0].get_payload()

    def test_it_sends_a_few_new_posts_one_by_one(self, group_watch, posts, analyst, settings):
        settings.PANTAU_ALERT_DIGEST_AFTER = 5
        burst = _posts_in(posts[1].group, 5)
        check_alerts_for_posts([p.pk for p in burst])
        titles = set(Notification.objects.filter(user=analyst).values_list("title", flat=True))
        assert titles == {"Grup rawan: grup dipantau: Warga Bersuara"}
        assert Notification.objects.filter(user=analyst).count() == 5

    def test_it_makes_one_digest_per_watched_thing(self, group_watch, posts, analyst, settings):
        settings.PANTAU_ALERT_DIGEST_AFTER = 2
        group_watch.keywords = "panen"
        group_watch.save()
        burst = _posts_in(posts[1].group, 4) + _posts_in(None, 3, text="Panen raya")
        check_alerts_for_posts([p.pk for p in burst])
        titles = sorted(Notification.objects.filter(user=analyst).values_list("title", flat=True))
        assert titles == [
            "Grup rawan: 3 postingan baru dengan kata kunci “panen”",
            "Grup rawan: 4 postingan baru di grup Warga Bersuara",
        ]

    def test_it_sends_no_second_digest_for_the_same_posts(self, group_watch, posts, analyst):
        burst = _posts_in(posts[1].group, 40)
        check_alerts_for_posts([p.pk for p in burst])
        more = _posts_in(posts[1].group, 5, first=40)
        check_alerts_for_posts([p.pk for p in burst] + [p.pk for p in more])
        titles = list(Notification.objects.filter(user=analyst).order_by("pk").values_list("title", flat=True))
        assert (
            titles
            == [
                "Grup rawan: 40 postingan baru di grup Warga Bersuara",
                "Grup rawan: grup dipantau: Warga Bersuara",
            ]
            + ["Grup rawan: grup dipantau: Warga Bersuara"] * 4
        )

    def test_it_adds_the_next_batch_of_a_burst_to_the_unread_digest(self, group_watch, posts, analyst, smtp_server):
        first = _posts_in(posts[1].group, 40)
        check_alerts_for_posts([p.pk for p in first])
        check_alerts_for_posts([p.pk for p in _posts_in(posts[1].group, 30, first=40)])  # the next import batch
        (note,) = Notification.objects.filter(user=analyst)
        assert note.title == "Grup rawan: 70 postingan baru di grup Warga Bersuara"
        assert note.url.endswith("&from=2024-10-01&to=2024-10-04")
        assert len([m for m in smtp_server if "analis" in m["X-Envelope-To"]]) == 1

    def test_it_starts_a_new_digest_once_the_last_one_was_read(self, group_watch, posts, analyst):
        check_alerts_for_posts([p.pk for p in _posts_in(posts[1].group, 40)])
        Notification.objects.update(read_at=timezone.now())
        check_alerts_for_posts([p.pk for p in _posts_in(posts[1].group, 30, first=40)])
        titles = list(Notification.objects.filter(user=analyst).order_by("pk").values_list("title", flat=True))
        assert titles == [
            "Grup rawan: 40 postingan baru di grup Warga Bersuara",
            "Grup rawan: 30 postingan baru di grup Warga Bersuara",
        ]


class TestAlertLinks:
    def test_it_mails_the_post_link_as_it_is(self, watch, posts, smtp_server):
        link = "https://www.facebook.com/groups/123/permalink/456/"
        posts[0].url = link
        posts[0].save()
        check_alerts_for_posts([posts[0].pk])
        body = smtp_server[0].get_payload()
        assert link in body.split() and "8000https" not in body

    def test_it_links_a_post_without_a_web_link_to_its_page(self, watch, posts, smtp_server):
        posts[0].url = ""
        posts[0].save()
        check_alerts_for_posts([posts[0].pk])
        assert f"http://127.0.0.1:8000/posts/{posts[0].pk}/" in smtp_server[0].get_payload().split()
