"""Pages, exports and the API: analysts and coordinators only."""

import pytest

from pantau.coordination.services import run_coordination
from pantau.inventory.models import Account

from .factories import campaign

pytestmark = pytest.mark.django_db

ALLOWED = ["analyst", "coordinator"]
REFUSED = ["pokja", "other_pokja", "admin"]


@pytest.fixture
def cluster():
    campaign()
    return run_coordination().clusters.get()


def pages(cluster):
    return [
        "/koordinasi/",
        f"/koordinasi/{cluster.pk}/",
        f"/koordinasi/{cluster.pk}/ekspor.csv",
        f"/koordinasi/{cluster.pk}/ekspor.gexf",
        f"/koordinasi/{cluster.pk}/ekspor.graphml",
    ]


class TestPages:
    @pytest.mark.parametrize("role", ALLOWED)
    def test_it_shows_every_page_to_analysis_roles(self, users, client_for, cluster, role):
        client = client_for(users[role])
        assert [client.get(url).status_code for url in pages(cluster)] == [200] * 5

    @pytest.mark.parametrize("role", REFUSED)
    def test_it_refuses_other_roles(self, users, client_for, cluster, role):
        client = client_for(users[role])
        assert [client.get(url).status_code for url in pages(cluster)] == [403] * 5

    def test_it_sends_anonymous_visitors_to_login(self, client_for, cluster):
        client = client_for(None)
        assert all(client.get(url).status_code == 302 for url in pages(cluster))

    def test_it_lists_clusters_with_their_accounts(self, analyst, client_for, cluster):
        html = client_for(analyst).get("/koordinasi/").content.decode()
        assert f"/koordinasi/{cluster.pk}/" in html and "Op1" in html

    def test_it_shows_the_network_data_evidence_and_inventory_links(self, analyst, client_for, cluster):
        html = client_for(analyst).get(f"/koordinasi/{cluster.pk}/").content.decode()
        op1 = Account.objects.get(platform_id="op1")
        assert 'id="cluster-graph" type="application/json"' in html
        assert f"/inventaris/akun/{op1.pk}/" in html
        assert "mengusir suku kita" in html
        assert "<script>" not in html

    def test_it_exports_the_cluster_as_csv(self, analyst, client_for, cluster):
        body = client_for(analyst).get(f"/koordinasi/{cluster.pk}/ekspor.csv").content.decode()
        assert body.splitlines()[0].startswith("account_a,account_b,kind") and "op1,op2,co_similar,2" in body

    def test_it_answers_404_for_an_unknown_export_format(self, analyst, client_for, cluster):
        assert client_for(analyst).get(f"/koordinasi/{cluster.pk}/ekspor.pdf").status_code == 404


class TestFlag:
    def test_it_flags_the_cluster_accounts(self, analyst, client_for, cluster):
        response = client_for(analyst).post(f"/koordinasi/{cluster.pk}/tandai/")
        assert response.status_code == 302
        assert set(Account.objects.values_list("status", flat=True)) == {"ditandai"}

    @pytest.mark.parametrize("role", REFUSED)
    def test_it_refuses_other_roles(self, users, client_for, cluster, role):
        assert client_for(users[role]).post(f"/koordinasi/{cluster.pk}/tandai/").status_code == 403
        assert set(Account.objects.values_list("status", flat=True)) == {"dipantau"}

    def test_it_refuses_anonymous_visitors(self, client_for, cluster):
        assert client_for(None).post(f"/koordinasi/{cluster.pk}/tandai/").status_code == 302
        assert set(Account.objects.values_list("status", flat=True)) == {"dipantau"}

    def test_it_refuses_get(self, analyst, client_for, cluster):
        assert client_for(analyst).get(f"/koordinasi/{cluster.pk}/tandai/").status_code == 405


class TestRun:
    def test_it_starts_a_job(self, coordinator, client_for, django_capture_on_commit_callbacks):
        from pantau.jobs.models import Job

        with django_capture_on_commit_callbacks(execute=False):
            response = client_for(coordinator).post("/koordinasi/jalankan/")
        job = Job.objects.get()
        assert job.kind == "coordination.run" and response["Location"] == f"/jobs/{job.pk}/"

    @pytest.mark.parametrize("role", REFUSED)
    def test_it_refuses_other_roles(self, users, client_for, role):
        assert client_for(users[role]).post("/koordinasi/jalankan/").status_code == 403

    def test_it_refuses_anonymous_visitors(self, client_for):
        assert client_for(None).post("/koordinasi/jalankan/").status_code == 302


class TestApi:
    def test_it_lists_the_latest_clusters(self, analyst, api_client_for, cluster):
        data = api_client_for(analyst).get("/api/coordination/clusters/").json()
        items = data["results"] if isinstance(data, dict) and "results" in data else data
        assert [c["id"] for c in items] == [cluster.pk] and items[0]["edges"][0]["weight"] == 2

    def test_it_shows_one_cluster(self, coordinator, api_client_for, cluster):
        assert api_client_for(coordinator).get(f"/api/coordination/clusters/{cluster.pk}/").json()["size"] == 3

    @pytest.mark.parametrize("role", [*REFUSED, None])
    def test_it_refuses_others(self, users, api_client_for, cluster, role):
        client = api_client_for(users[role] if role else None)
        assert client.get("/api/coordination/clusters/").status_code in (401, 403)
        assert client.get(f"/api/coordination/clusters/{cluster.pk}/").status_code in (401, 403)


def test_the_menu_offers_coordination_to_analysts_only(users, client_for):
    assert "/koordinasi/" in client_for(users["analyst"]).get("/").content.decode()
    assert "/koordinasi/" not in client_for(users["pokja"]).get("/").content.decode()
