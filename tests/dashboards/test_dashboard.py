from datetime import UTC

import pytest
from django.urls import reverse

from pantau.core.seams import seams


def test_it_shows_the_trend_platform_and_kecamatan_map_to_an_analyst(client_for, analyst, posts):
    response = client_for(analyst).get(reverse("dashboards:dashboard"))
    content = response.content.decode()
    assert response.status_code == 200
    for key in ("trend", "platform", "kecamatan", "risky", "actions", "positive"):
        assert f'id="panel-{key}"' in content
    assert "band-campaign" in content and 'class="region' in content


def test_it_shows_a_pokja_member_only_the_action_panel(client_for, pokja_member, posts):
    content = client_for(pokja_member).get(reverse("dashboards:dashboard")).content.decode()
    assert 'id="panel-actions"' in content and 'id="panel-trend"' not in content


def test_it_draws_bars_per_kecamatan_without_boundaries(client_for, analyst, posts):
    from pantau.regions.models import Region

    Region.objects.update(boundary=None)
    content = client_for(analyst).get(reverse("dashboards:dashboard")).content.decode()
    assert 'class="region' not in content and "Dusun Timur" in content


def test_it_lets_another_app_add_a_panel(client_for, analyst, db):
    from pantau.people.roles import ANALYSIS_ROLES

    def open_cases(user):
        return "<p>3 kasus</p>"

    seams.panels.add(open_cases, "cases", "Kasus terbuka", ANALYSIS_ROLES)
    try:
        assert b"3 kasus" in client_for(analyst).get(reverse("dashboards:dashboard")).content
    finally:
        seams.panels.remove(open_cases)


def test_it_sends_anonymous_visitors_to_login(client_for, db):
    assert client_for(None).get(reverse("dashboards:dashboard")).status_code == 302


class TestPositiveInformation:
    def test_it_records_a_clarification_linked_to_posts_and_accounts(self, client_for, analyst, posts, flagged_account):
        from pantau.dashboards.models import PositiveMessage

        response = client_for(analyst).post(
            reverse("dashboards:positive"),
            {
                "kind": "clarification",
                "title": "Klarifikasi jadwal",
                "body": "Pemungutan suara tetap 27 November.",
                "channel": "Facebook Bawaslu",
                "spread_at": "2024-10-20T10:00",
                "reach": "1200",
                "accounts": [flagged_account.pk],
                "post_refs": f"{posts[0].pk}\n{posts[1].url}",
                "answers": "cluster:12",
            },
        )
        message = PositiveMessage.objects.get()
        assert response.status_code == 302
        assert set(message.posts.all()) == {posts[0], posts[1]} and list(message.accounts.all()) == [flagged_account]
        assert message.answer_list() == ["cluster:12"]

    def test_it_rejects_unknown_posts(self, client_for, analyst, db):
        from pantau.dashboards.models import PositiveMessage

        client_for(analyst).post(
            reverse("dashboards:positive"), {"kind": "education", "title": "x", "body": "y", "post_refs": "999"}
        )
        assert not PositiveMessage.objects.exists()

    def test_it_shows_it_on_the_dashboard_beside_the_trend(self, client_for, analyst, posts):
        from datetime import datetime

        from pantau.dashboards.models import PositiveMessage

        PositiveMessage.objects.create(
            title="Ayo lapor", body="b", reach=500, spread_at=datetime(2024, 11, 2, tzinfo=UTC)
        )
        content = client_for(analyst).get(reverse("dashboards:dashboard")).content.decode()
        assert "Ayo lapor" in content and "marker-dot" in content

    @pytest.mark.parametrize("role", ["pokja", "admin"])
    def test_it_refuses_roles_outside_the_analysis(self, client_for, users, role):
        assert client_for(users[role]).get(reverse("dashboards:positive")).status_code == 403

    def test_it_sends_anonymous_visitors_to_login(self, client_for, db):
        assert client_for(None).get(reverse("dashboards:positive")).status_code == 302
