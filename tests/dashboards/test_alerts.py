import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from pantau.dashboards.alerts import POST_ALERT_RULES, check_alerts_for_posts, check_deadlines
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


def test_it_lets_detection_raise_high_severity_alerts(analyst, posts):
    WatchList.objects.create(name="Berat", owner=analyst, high_severity=True, email=False)
    POST_ALERT_RULES.append(lambda found: [(p, "hasutan berat") for p in found if "adu domba" in p.text])
    try:
        check_alerts_for_posts([p.pk for p in posts])
    finally:
        POST_ALERT_RULES.pop()
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

    def test_it_refuses_deleting_someone_elses_list(self, client_for, watch, coordinator):
        response = client_for(coordinator).post(reverse("dashboards:watch_list_delete", args=[watch.pk]))
        assert response.status_code == 404 and WatchList.objects.exists()
