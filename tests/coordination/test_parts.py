"""A big coordination run is cut into parts that several workers take at once, with the same result."""

import pytest

from pantau.coordination import services
from pantau.coordination.models import PostPair, PostSignature, Run
from pantau.jobs.models import Job, Status
from pantau.jobs.runner import start_job

from .factories import campaign, post

pytestmark = pytest.mark.django_db(transaction=True)


def run_queue():
    from pantau.jobs.worker import run_worker

    run_worker(interval=0.05, batch=True, routines=False)


def plant():
    for number in range(8):
        text = f"Kampanye nomor {number}: jangan pilih paslon itu mereka mau mengusir warga kampung {number}"
        campaign(authors=(f"op{number}a", f"op{number}b", f"op{number}c"), bursts=4, text=text, start=number * 7200)
    for n in range(60):
        post(f"warga{n}", f"Cerita warga {n} tentang panen sawit dan harga pupuk di desa ke {n}", n * 997)


def outcome():
    pairs = set(PostPair.objects.values_list("kind", "post_a", "post_b"))
    run = Run.objects.first()
    clusters = {frozenset(c.accounts.values_list("platform_id", flat=True)) for c in run.clusters.all()}
    return pairs, clusters


@pytest.mark.parametrize("chunk", [services.CHUNK, 9], ids=["one chunk a part", "many chunks a part"])
def test_it_finds_in_parts_the_same_pairs_and_clusters_as_in_one_job(settings, monkeypatch, chunk):
    plant()
    settings.PANTAU_COORDINATION_PART_POSTS = 1000
    start_job("coordination.run", "Find coordinated accounts", {"full": True})
    run_queue()
    whole = outcome()
    assert len(whole[1]) == 8 and Job.objects.count() == 1

    monkeypatch.setattr(services, "CHUNK", chunk)
    settings.PANTAU_COORDINATION_PART_POSTS = 100
    start_job("coordination.run", "Find coordinated accounts", {"full": True})
    run_queue()
    jobs = list(Job.objects.order_by("pk"))[1:]
    assert [job.status for job in jobs] == [Status.DONE] * len(jobs)
    stages = [job.params.get("stage", "") for job in jobs]
    assert sorted(stages) == sorted(["", "pairs_split", "sign", "sign", "clusters", "pairs", "pairs"])
    assert outcome() == whole
    assert Run.objects.count() == 2  # the clusters were built once for the parted run
    assert sum(job.result.get("signed", 0) for job in jobs) == 156
    assert PostSignature.objects.count() == 156


def test_it_builds_the_clusters_only_after_the_last_part_ended(settings):
    plant()
    settings.PANTAU_COORDINATION_PART_POSTS = 100
    start_job("coordination.run", "Find coordinated accounts", {"full": True})
    run_queue()
    clusters = Job.objects.get(params__stage="clusters")
    pairs = Job.objects.filter(params__stage="pairs")
    assert clusters.started_at > max(job.finished_at for job in pairs)
    assert clusters.result["pairs"] == sum(job.result["pairs"] for job in pairs)
