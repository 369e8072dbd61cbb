"""List filters are checked before they reach the database: a bad one is a 400 naming it."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "name", "value"),
    [
        ("/api/posts/", "platform", "myspace"),
        ("/api/posts/", "platform", "a\x00b"),
        ("/api/posts/", "q", "a\x00b"),
        ("/api/accounts/", "status", "hilang"),
        ("/api/accounts/", "q", "a\x00"),
        ("/api/accounts/", "kind", "\x00"),
        ("/api/groups/", "platform", "\x00"),
        ("/api/coordination/clusters/", "run", "99999999999999999999999"),
        ("/api/coordination/clusters/", "run", "x"),
    ],
)
def test_it_answers_400_for_a_bad_filter(client_for, coordinator, path, name, value):
    response = client_for(coordinator).get(path, {name: value})
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == [name]


def test_it_still_filters_by_a_good_value(client_for, analyst):
    from pantau.inventory.models import Account

    Account.objects.create(platform="facebook", platform_id="a", name="Akun A")
    Account.objects.create(platform="tiktok", platform_id="b", name="Akun B")
    client = client_for(analyst)
    names = [a["name"] for a in client.get("/api/accounts/", {"platform": "tiktok", "q": "akun"}).json()["results"]]
    assert names == ["Akun B"]
    assert client.get("/api/accounts/", {"platform": ""}).json()["count"] == 2
