"""The dashboards API: watch lists, notifications and positive information."""

import pytest
from django.urls import reverse
from django.utils import timezone

from pantau.dashboards.models import Notification, PositiveMessage, WatchList

WATCH_LISTS = "/api/dashboards/watch-lists/"
NOTIFICATIONS = "/api/dashboards/notifications/"
POSITIVE = "/api/dashboards/positive/"


@pytest.fixture
def own_list(analyst, flagged_account):
    watch = WatchList.objects.create(name="Milik analis", owner=analyst, keywords="Sawit\nserangan fajar")
    watch.accounts.add(flagged_account)
    return watch


@pytest.fixture
def subscribed_list(coordinator, analyst):
    watch = WatchList.objects.create(name="Langganan", owner=coordinator, keywords="politik uang")
    watch.subscribers.add(analyst)
    return watch


@pytest.fixture
def strangers_list(coordinator):
    return WatchList.objects.create(name="Milik koordinator", owner=coordinator, high_severity=True)


def assert_field_error(response, field):
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["status"] == 400 and error["message"]
    assert field in error["fields"], error


@pytest.mark.parametrize("url", [WATCH_LISTS, NOTIFICATIONS, POSITIVE, f"{WATCH_LISTS}1/", f"{NOTIFICATIONS}1/"])
def test_it_refuses_anonymous_callers(api_client_for, db, url):
    response = api_client_for(None).get(url)
    assert response.status_code in (401, 403)
    assert response.json()["error"]["code"] == "not_authenticated"


@pytest.mark.parametrize("url", [f"{NOTIFICATIONS}read-all/", f"{NOTIFICATIONS}1/read/", WATCH_LISTS, POSITIVE])
def test_it_refuses_anonymous_changes(api_client_for, db, url):
    assert api_client_for(None).post(url, {}, format="json").status_code in (401, 403)


class TestWatchLists:
    def test_it_lists_the_lists_the_caller_owns_or_subscribes_to(
        self, api_client_for, analyst, own_list, subscribed_list, strangers_list
    ):
        response = api_client_for(analyst).get(WATCH_LISTS)
        assert response.status_code == 200
        assert sorted(row["id"] for row in response.json()["results"]) == sorted([own_list.pk, subscribed_list.pk])

    def test_it_gives_keywords_as_a_list_and_accounts_by_id(self, api_client_for, analyst, own_list, flagged_account):
        row = api_client_for(analyst).get(f"{WATCH_LISTS}{own_list.pk}/").json()
        assert row["keywords"] == ["Sawit", "serangan fajar"]
        assert row["accounts"] == [flagged_account.pk] and row["owner"] == "analis"

    def test_it_creates_a_list_owned_by_the_caller_with_keywords_kept_as_lines(
        self, api_client_for, coordinator, flagged_account
    ):
        response = api_client_for(coordinator).post(
            WATCH_LISTS,
            {"name": "Politik uang", "accounts": [flagged_account.pk], "keywords": ["serangan fajar", " amplop "]},
            format="json",
        )
        assert response.status_code == 201, response.content
        watch = WatchList.objects.get(pk=response.json()["id"])
        assert watch.owner == coordinator and watch.keywords == "serangan fajar\namplop"
        assert list(watch.accounts.all()) == [flagged_account]

    def test_it_lets_the_owner_update_a_list(self, api_client_for, analyst, own_list, coordinator):
        response = api_client_for(analyst).patch(
            f"{WATCH_LISTS}{own_list.pk}/", {"keywords": ["hoaks"], "subscribers": [coordinator.pk]}, format="json"
        )
        own_list.refresh_from_db()
        assert response.status_code == 200
        assert own_list.keywords == "hoaks" and list(own_list.subscribers.all()) == [coordinator]

    def test_it_lets_the_owner_delete_a_list(self, api_client_for, analyst, own_list):
        assert api_client_for(analyst).delete(f"{WATCH_LISTS}{own_list.pk}/").status_code == 204
        assert not WatchList.objects.filter(pk=own_list.pk).exists()

    @pytest.mark.parametrize("method", ["get", "patch", "put", "delete"])
    def test_it_hides_another_users_list(self, api_client_for, analyst, strangers_list, method):
        response = getattr(api_client_for(analyst), method)(
            f"{WATCH_LISTS}{strangers_list.pk}/", {"name": "Diambil alih", "keywords": ["x"]}, format="json"
        )
        strangers_list.refresh_from_db()
        assert response.status_code == 404 and strangers_list.name == "Milik koordinator"

    def test_it_lets_a_subscriber_read_but_not_change_or_delete_a_list(self, api_client_for, analyst, subscribed_list):
        client = api_client_for(analyst)
        url = f"{WATCH_LISTS}{subscribed_list.pk}/"
        assert client.get(url).status_code == 200
        patched = client.patch(url, {"name": "Diubah pelanggan"}, format="json")
        assert patched.status_code == 403 and patched.json()["error"]["code"] == "permission_denied"
        assert client.delete(url).status_code == 403
        subscribed_list.refresh_from_db()
        assert subscribed_list.name == "Langganan"

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"keywords": ["x"]}, "name"),
            ({"name": "", "keywords": ["x"]}, "name"),
            ({"name": "x", "accounts": [999999]}, "accounts"),
            ({"name": "x", "groups": [999999]}, "groups"),
            ({"name": "x", "subscribers": [999999]}, "subscribers"),
            ({"name": "x", "keywords": "serangan fajar"}, "keywords"),
            ({"name": "x", "keywords": ["serangan\nfajar"]}, "keywords"),
            ({"name": "x", "keywords": [3]}, "keywords"),
            ({"name": "x", "high_severity": "sometimes"}, "high_severity"),
        ],
    )
    def test_it_names_the_field_of_bad_input(self, api_client_for, analyst, body, field):
        assert_field_error(api_client_for(analyst).post(WATCH_LISTS, body, format="json"), field)
        assert not WatchList.objects.exists()

    def test_it_refuses_an_account_that_is_only_watched(self, api_client_for, analyst, db):
        from pantau.inventory.models import Account

        plain = Account.objects.create(platform="facebook", platform_id="biasa", name="Akun biasa")
        response = api_client_for(analyst).post(WATCH_LISTS, {"name": "x", "accounts": [plain.pk]}, format="json")
        assert_field_error(response, "accounts")
        assert str(plain.pk) in response.json()["error"]["fields"]["accounts"][0]

    def test_it_requires_something_to_watch(self, api_client_for, analyst, db):
        response = api_client_for(analyst).post(WATCH_LISTS, {"name": "Kosong", "keywords": [" "]}, format="json")
        assert_field_error(response, "non_field_errors")

    def test_it_keeps_requiring_something_to_watch_on_a_partial_update(self, api_client_for, analyst, own_list):
        response = api_client_for(analyst).patch(
            f"{WATCH_LISTS}{own_list.pk}/", {"accounts": [], "keywords": []}, format="json"
        )
        assert_field_error(response, "non_field_errors")

    @pytest.mark.parametrize("role", ["pokja", "admin"])
    def test_it_refuses_roles_that_keep_no_watch_lists(self, api_client_for, users, role):
        client = api_client_for(users[role])
        assert client.get(WATCH_LISTS).status_code == 403
        assert client.post(WATCH_LISTS, {"name": "x", "keywords": ["x"]}, format="json").status_code == 403


@pytest.fixture
def inbox(analyst, coordinator):
    return {
        "unread": Notification.objects.create(user=analyst, title="Akun dipantau muncul", key="k1"),
        "read": Notification.objects.create(user=analyst, title="Sudah dibaca", key="k2", read_at=timezone.now()),
        "other": Notification.objects.create(user=coordinator, title="Rahasia koordinator", key="k3"),
    }


class TestNotifications:
    @pytest.mark.parametrize("role", ["analyst", "coordinator", "pokja", "admin"])
    def test_it_lists_every_members_own_notifications_only(self, api_client_for, users, role):
        Notification.objects.create(user=users[role], title="Milik sendiri", key="mine")
        Notification.objects.create(user=users["other_pokja"], title="Milik orang lain", key="theirs")
        response = api_client_for(users[role]).get(NOTIFICATIONS)
        assert response.status_code == 200
        assert [row["title"] for row in response.json()["results"]] == ["Milik sendiri"]

    def test_it_lists_only_unread_ones_with_unread_1(self, api_client_for, analyst, inbox):
        rows = api_client_for(analyst).get(NOTIFICATIONS, {"unread": "1"}).json()["results"]
        assert [row["id"] for row in rows] == [inbox["unread"].pk]

    def test_it_lists_only_read_ones_with_unread_0(self, api_client_for, analyst, inbox):
        rows = api_client_for(analyst).get(NOTIFICATIONS, {"unread": "0"}).json()["results"]
        assert [row["id"] for row in rows] == [inbox["read"].pk]

    def test_it_names_a_bad_unread_filter(self, api_client_for, analyst, inbox):
        assert_field_error(api_client_for(analyst).get(NOTIFICATIONS, {"unread": "yes"}), "unread")

    def test_it_marks_one_notification_read(self, api_client_for, analyst, coordinator, db):
        first = Notification.objects.create(user=analyst, title="Satu", key="k1")
        second = Notification.objects.create(user=analyst, title="Dua", key="k2")
        response = api_client_for(analyst).post(f"{NOTIFICATIONS}{first.pk}/read/")
        first.refresh_from_db()
        second.refresh_from_db()
        assert response.status_code == 200 and response.json()["read_at"]
        assert first.read_at is not None and second.read_at is None

    def test_it_keeps_the_first_reading_time(self, api_client_for, analyst, inbox):
        before = inbox["read"].read_at
        api_client_for(analyst).post(f"{NOTIFICATIONS}{inbox['read'].pk}/read/")
        inbox["read"].refresh_from_db()
        assert inbox["read"].read_at == before

    def test_it_marks_all_of_the_callers_notifications_read(self, api_client_for, analyst, inbox):
        response = api_client_for(analyst).post(f"{NOTIFICATIONS}read-all/")
        assert response.status_code == 200 and response.json() == {"marked": 1}
        assert not Notification.objects.filter(user=analyst, read_at__isnull=True).exists()
        assert Notification.objects.get(pk=inbox["other"].pk).read_at is None

    @pytest.mark.parametrize("method", ["get", "post"])
    def test_it_hides_another_users_notification(self, api_client_for, analyst, inbox, method):
        url = f"{NOTIFICATIONS}{inbox['other'].pk}/" + ("read/" if method == "post" else "")
        assert getattr(api_client_for(analyst), method)(url).status_code == 404
        assert Notification.objects.get(pk=inbox["other"].pk).read_at is None

    def test_it_gives_each_notification_an_absolute_link(self, api_client_for, analyst, settings, db):
        settings.SITE_URL = "https://pantau.example.go.id"
        Notification.objects.create(user=analyst, title="Rapat", key="k1", url="/pokja/rapat/3/")
        Notification.objects.create(user=analyst, title="Pos", key="k2", url="https://www.facebook.com/p/1")
        rows = api_client_for(analyst).get(NOTIFICATIONS).json()["results"]
        assert {row["title"]: row["link"] for row in rows} == {
            "Rapat": "https://pantau.example.go.id/pokja/rapat/3/",
            "Pos": "https://www.facebook.com/p/1",
        }

    def test_it_does_not_let_callers_create_notifications(self, api_client_for, analyst, db):
        assert api_client_for(analyst).post(NOTIFICATIONS, {"title": "x"}, format="json").status_code == 405


class TestPositiveInformation:
    @pytest.mark.parametrize("role", ["analyst", "coordinator"])
    def test_it_lists_and_reads_messages_for_the_analysis_roles(self, api_client_for, users, role):
        message = PositiveMessage.objects.create(title="Ayo lapor", body="b", answers="cluster:12")
        client = api_client_for(users[role])
        assert [row["id"] for row in client.get(POSITIVE).json()["results"]] == [message.pk]
        row = client.get(f"{POSITIVE}{message.pk}/").json()
        assert row["title"] == "Ayo lapor" and row["answers"] == ["cluster:12"]

    def test_it_records_a_clarification_with_posts_by_id_or_link(self, api_client_for, analyst, posts, flagged_account):
        response = api_client_for(analyst).post(
            POSITIVE,
            {
                "kind": "clarification",
                "title": "Klarifikasi jadwal",
                "body": "Pemungutan suara tetap 27 November.",
                "spread_at": "2024-10-20T10:00:00+07:00",
                "reach": 1200,
                "posts": [posts[0].pk, posts[1].url],
                "accounts": [flagged_account.pk],
                "answers": ["cluster:12", "kasus:3"],
            },
            format="json",
        )
        assert response.status_code == 201, response.content
        message = PositiveMessage.objects.get()
        assert message.created_by == analyst and message.answers == "cluster:12\nkasus:3"
        assert set(message.posts.all()) == {posts[0], posts[1]} and list(message.accounts.all()) == [flagged_account]
        assert sorted(response.json()["posts"]) == sorted([posts[0].pk, posts[1].pk])

    def test_it_lets_another_analyst_update_a_message(self, api_client_for, analyst, coordinator, db):
        message = PositiveMessage.objects.create(title="Ayo lapor", body="b", created_by=analyst)
        response = api_client_for(coordinator).patch(f"{POSITIVE}{message.pk}/", {"reach": 800}, format="json")
        message.refresh_from_db()
        assert response.status_code == 200 and message.reach == 800 and message.created_by == analyst

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"body": "b"}, "title"),
            ({"title": "t"}, "body"),
            ({"title": "t", "body": "b", "kind": "rumour"}, "kind"),
            ({"title": "t", "body": "b", "posts": ["https://facebook.com/p/none"]}, "posts"),
            ({"title": "t", "body": "b", "posts": [{"id": 1}]}, "posts"),
            ({"title": "t", "body": "b", "url": "not a link"}, "url"),
            ({"title": "t", "body": "b", "reach": -5}, "reach"),
            ({"title": "t", "body": "b", "accounts": [999999]}, "accounts"),
        ],
    )
    def test_it_names_the_field_of_bad_input(self, api_client_for, analyst, body, field):
        assert_field_error(api_client_for(analyst).post(POSITIVE, body, format="json"), field)
        assert not PositiveMessage.objects.exists()

    @pytest.mark.parametrize("role", ["pokja", "admin"])
    def test_it_refuses_roles_outside_the_analysis(self, api_client_for, users, role):
        message = PositiveMessage.objects.create(title="Ayo lapor", body="b")
        client = api_client_for(users[role])
        assert client.get(POSITIVE).status_code == 403
        assert client.get(f"{POSITIVE}{message.pk}/").status_code == 403
        assert client.post(POSITIVE, {"title": "t", "body": "b"}, format="json").status_code == 403

    def test_it_does_not_delete_messages(self, api_client_for, analyst, db):
        message = PositiveMessage.objects.create(title="Ayo lapor", body="b")
        assert api_client_for(analyst).delete(f"{POSITIVE}{message.pk}/").status_code == 405
        assert PositiveMessage.objects.filter(pk=message.pk).exists()


class TestUnreadBadge:
    BADGE = 'class="badge badge-bad nav-badge">'

    def test_it_shows_the_number_of_unread_notifications_in_the_menu(self, client_for, analyst, inbox):
        Notification.objects.create(user=analyst, title="Lagi", key="k4")
        content = client_for(analyst).get(reverse("core:home")).content.decode()
        assert f"{self.BADGE}2<" in content

    def test_it_shows_it_on_every_page_of_the_layout(self, client_for, pokja_member, db):
        Notification.objects.create(user=pokja_member, title="Tenggat", key="k1")
        content = client_for(pokja_member).get(reverse("jobs:list")).content.decode()
        assert f"{self.BADGE}1<" in content

    def test_it_disappears_when_everything_is_read(self, client_for, analyst, inbox):
        client = client_for(analyst)
        client.post(reverse("dashboards:notifications_read"))
        assert self.BADGE not in client.get(reverse("core:home")).content.decode()

    def test_it_costs_one_query(self, analyst, inbox, django_assert_num_queries):
        from pantau.core.nav import menu_for

        with django_assert_num_queries(1):
            badges = [badge for _, _, badge in menu_for(analyst) if badge]
        assert badges == [1]
