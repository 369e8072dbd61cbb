"""The database side: signatures, the incremental pair index, clusters, flagging, the job."""

import pytest

from pantau.coordination import engine
from pantau.coordination.models import Cluster, PostPair, PostSignature, Run
from pantau.coordination.services import flag_cluster_accounts, rebuild_clusters, run_coordination, update_coordination
from pantau.inventory.models import Account

from .factories import TEXT, account, campaign, post

pytestmark = pytest.mark.django_db


def test_it_clusters_a_planted_campaign():
    campaign()
    post("bystander", "Harga sawit turun lagi semoga bupati terpilih memperhatikan petani")
    run = run_coordination()
    [cluster] = run.clusters.all()
    assert sorted(a.platform_id for a in cluster.accounts.all()) == ["op1", "op2", "op3"]
    assert (cluster.size, cluster.weight, cluster.kinds) == (3, 6, ["co_similar"])


def test_it_stores_a_signature_per_post():
    made = campaign(bursts=1)
    update_coordination([p.pk for p in made])
    assert PostSignature.objects.count() == 3
    assert PostSignature.objects.get(pk=made[0].pk).tokens == len(set(engine.canonical(TEXT).split()))


def test_it_compares_new_posts_with_stored_ones_incrementally():
    first = campaign(bursts=1)
    run_coordination()
    assert Cluster.objects.filter(run=Run.objects.first()).count() == 0  # one act per pair so far
    second = campaign(bursts=1, start=86400)
    stats = update_coordination([p.pk for p in second])
    assert stats["posts"] == 3 and stats["compared_with"] == 3  # the first burst is a day away
    rebuild_clusters(engine.Params())
    assert Run.objects.first().clusters.get().size == 3
    assert PostPair.objects.count() == 6 and len(first) == 3


def test_it_is_idempotent_when_posts_are_indexed_twice():
    made = campaign()
    update_coordination([p.pk for p in made])
    update_coordination([p.pk for p in made])
    assert PostPair.objects.count() == 6


def test_it_reindexes_everything_when_the_window_changes():
    campaign()
    run_coordination(engine.Params(window=900))
    run_coordination(engine.Params(window=30))
    assert PostPair.objects.count() == 0 and Run.objects.first().params["window"] == 30


def test_it_finds_the_same_link_in_the_database():
    for day in range(2):
        post("a", "satu", day * 86400, links=["https://m.facebook.com/groups/1/permalink/2/?ref=share"])
        post("b", "dua", day * 86400 + 20, links=["https://www.facebook.com/groups/1/permalink/2"])
    run = run_coordination()
    assert run.clusters.get().kinds == ["co_link"]


def test_flagging_puts_accounts_in_the_inventory_as_ditandai(analyst):
    campaign()
    cluster = run_coordination().clusters.get()
    confirmed = account("op3")
    confirmed.status = "terkonfirmasi"
    confirmed.save()
    assert flag_cluster_accounts(cluster, analyst) == 2
    statuses = dict(Account.objects.values_list("platform_id", "status"))
    assert statuses == {"op1": "ditandai", "op2": "ditandai", "op3": "terkonfirmasi"}
    assert f"/koordinasi/{cluster.pk}/" in Account.objects.get(platform_id="op3").notes
    cluster.refresh_from_db()
    assert cluster.flagged_by == analyst


def test_the_job_runs_the_analysis(analyst):
    from pantau.jobs.models import Job
    from pantau.jobs.runner import run_job

    campaign()
    job = Job.objects.create(
        kind="coordination.run", title="t", params={"window": 900, "full": True}, created_by=analyst
    )
    job = run_job(job.pk)
    assert job.status == "done", job.result
    assert Run.objects.first().clusters.count() == 1


def test_the_command_runs_on_the_database():
    from io import StringIO

    from django.core.management import call_command

    campaign()
    out = StringIO()
    call_command("coordination", stdout=out)
    assert "1 clusters" in out.getvalue()


def test_the_demo_is_idempotent():
    from io import StringIO

    from pantau.coordination import demo

    campaign()
    demo.load(StringIO(), {})
    demo.load(StringIO(), {})
    assert Run.objects.count() == 1


def test_flagging_records_who_and_why_in_the_accounts_status_history(analyst):
    campaign()
    cluster = run_coordination().clusters.get()
    flag_cluster_accounts(cluster, analyst)
    change = Account.objects.get(platform_id="op1").status_changes.get()
    assert (change.old_status, change.new_status, change.changed_by) == ("dipantau", "ditandai", analyst)
    assert f"klaster #{cluster.number}" in change.reason and f"/koordinasi/{cluster.pk}/" in change.reason
