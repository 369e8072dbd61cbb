"""The cluster page draws its network in the browser without breaking the CSP."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_draws_the_cluster_network(page, login_as, analyst):
    from pantau.coordination.services import run_coordination
    from tests.coordination.factories import campaign

    campaign()
    cluster = run_coordination().clusters.get()
    login_as(analyst)
    page.goto(f"/koordinasi/{cluster.pk}/")
    page.wait_for_selector("#cluster-network[data-ready='1'] canvas", timeout=10000)
    assert page.get_by_role("heading", name=f"Klaster #{cluster.number}").is_visible()
    assert [e for e in page.csp_errors if "Content Security Policy" in e] == []


def test_it_flags_a_cluster_from_its_page(page, login_as, analyst):
    from pantau.coordination.services import run_coordination
    from pantau.inventory.models import Account
    from tests.coordination.factories import campaign

    campaign()
    cluster = run_coordination().clusters.get()
    login_as(analyst)
    page.goto(f"/koordinasi/{cluster.pk}/")
    page.get_by_role("button", name="Tandai akun-akun ini di inventaris").click()
    page.wait_for_load_state()
    assert page.get_by_text("3 akun ditandai di inventaris.").is_visible()
    assert set(Account.objects.values_list("status", flat=True)) == {"ditandai"}
