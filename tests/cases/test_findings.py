"""Findings (temuan) opened from posts, an account or a coordination cluster, and the pages that show them."""

import re

import pytest

from pantau.cases import services
from pantau.cases.models import Case

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign_posts(analyst):
    from pantau.detection.services import classify_posts
    from pantau.intake.models import Post
    from tests.coordination.factories import campaign

    posts = campaign()
    classify_posts(Post.objects.all())
    return posts


@pytest.fixture
def cluster(campaign_posts, analyst):
    from pantau.coordination.services import run_coordination

    return run_coordination(user=analyst, full=True).clusters.get()


def _label(post, *labels):
    from pantau.detection.models import Classification

    Classification.objects.update_or_create(
        post=post, defaults={"flagged": list(labels), "severity": 3, "model_version": "test"}
    )


class TestFromCluster:
    def test_it_proposes_the_cluster_and_its_posts_labels(self, client_for, analyst, cluster):
        for post in cluster.accounts.first().posts.all():
            _label(post, "sara", "kasar")
        body = client_for(analyst).get(f"/kasus/temuan/?cluster={cluster.pk}").content.decode()
        assert f"klaster koordinasi #{cluster.number}" in body
        assert re.search(r'value="sara"[^>]*checked', body), "the posts' violation is proposed"
        assert "UU 10/2016 Pasal 69 huruf b" in body

    def test_it_links_the_case_to_the_cluster_its_accounts_and_posts(self, client_for, analyst, cluster):
        response = client_for(analyst).post(
            "/kasus/temuan/",
            {
                "cluster": cluster.pk,
                "title": "Temuan klaster",
                "summary": "Akun-akun bergerak bersama.",
                "violations": ["sara"],
            },
        )
        case = Case.objects.get(title="Temuan klaster")
        assert response.status_code == 302 and case.origin == Case.Origin.FINDING
        assert list(case.clusters.all()) == [cluster]
        assert set(case.accounts.all()) == set(cluster.accounts.all())
        assert case.posts.count() > 0 and case.violations == ["sara"]

    def test_it_shows_the_case_on_the_cluster_post_and_account_pages(self, client_for, analyst, cluster):
        case = services.open_case(
            user=analyst,
            title="Temuan klaster",
            clusters=[cluster],
            accounts=list(cluster.accounts.all()),
            posts=list(cluster.accounts.first().posts.all()),
        )
        client = client_for(analyst)
        post = case.posts.first()
        for url in (f"/koordinasi/{cluster.pk}/", f"/posts/{post.pk}/", f"/inventaris/akun/{post.author_id}/"):
            body = client.get(url).content.decode()
            assert case.number in body, url


class TestFromPostsAndAccounts:
    def test_it_opens_a_finding_from_posts_chosen_on_the_list(self, client_for, analyst, campaign_posts):
        client = client_for(analyst)
        assert 'name="post"' in client.get("/posts/").content.decode()
        chosen = campaign_posts[:2]
        response = client.post(
            "/kasus/temuan/", {"post": [p.pk for p in chosen], "title": "Dua pos", "summary": "Ujaran SARA."}
        )
        case = Case.objects.get(title="Dua pos")
        assert response.status_code == 302
        assert set(case.posts.all()) == set(chosen)
        assert set(case.accounts.all()) == {p.author for p in chosen}

    def test_it_brings_an_accounts_flagged_posts(self, client_for, analyst, campaign_posts):
        account = campaign_posts[0].author
        _label(campaign_posts[0], "hoaks")
        body = client_for(analyst).get(f"/kasus/temuan/?account={account.pk}").content.decode()
        assert f"akun {account}" in body and "UU ITE Pasal 28 ayat (3)" in body

    def test_it_drops_a_label_an_analyst_rejected(self, analyst, campaign_posts):
        from pantau.cases.findings import proposed_violations
        from pantau.detection.models import Review

        post = campaign_posts[0]
        _label(post, "sara", "hasutan")
        Review.objects.create(post=post, label="hasutan", decision=Review.Decision.REJECTED, user=analyst)
        assert proposed_violations([post]) == [("sara", 1)]

    def test_it_ignores_posts_the_user_may_not_see(self, client_for, pokja_member, campaign_posts):
        assert client_for(pokja_member).get(f"/kasus/temuan/?post={campaign_posts[0].pk}").status_code == 403

    def test_it_ignores_ids_that_are_not_numbers(self, client_for, analyst, db):
        response = client_for(analyst).get("/kasus/temuan/?post=abc&cluster=%27")
        assert response.status_code == 200

    def test_it_shows_the_posts_and_their_evidence_on_the_case(self, client_for, analyst, campaign_posts):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from pantau.evidence.services import add_evidence
        from pantau.intake.models import PostEvidence
        from tests.reports.conftest import jpeg_bytes

        post = campaign_posts[0]
        item = add_evidence(SimpleUploadedFile("tangkapan.jpg", jpeg_bytes()), user=analyst, captured_from="capture")
        PostEvidence.objects.create(post=post, item=item, added_by=analyst)
        case = services.open_case(user=analyst, title="Temuan pos", posts=[post], accounts=[post.author])
        body = client_for(analyst).get(f"/kasus/{case.pk}/").content.decode()
        assert f"/posts/{post.pk}/" in body and item.sha256[:12] in body


def test_it_keeps_a_cluster_a_case_was_opened_from_when_old_runs_are_removed(analyst, cluster, monkeypatch):
    from pantau.coordination import services as coordination
    from pantau.coordination.models import Cluster

    case = services.open_case(user=analyst, title="Temuan klaster", clusters=[cluster])
    monkeypatch.setattr(coordination, "KEEP_RUNS", 1)
    coordination.run_coordination(user=analyst, full=True)
    coordination.run_coordination(user=analyst, full=True)
    assert Cluster.objects.filter(pk=cluster.pk).exists() and list(case.clusters.all()) == [cluster]
