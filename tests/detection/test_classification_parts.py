"""A big classification is cut into parts that several workers take at once."""

import pytest

from pantau.detection import services
from pantau.detection.models import Classification
from pantau.jobs.models import Job, Status
from pantau.jobs.runner import start_job

pytestmark = pytest.mark.django_db(transaction=True)


def run_queue():
    from pantau.jobs.worker import run_worker

    run_worker(interval=0.05, batch=True, routines=False)


@pytest.fixture
def small_parts(settings):
    settings.PANTAU_CLASSIFY_PART_POSTS = 100


@pytest.mark.parametrize("batch", [services.BATCH, 7], ids=["one batch a part", "many batches a part"])
def test_it_cuts_a_classification_of_many_posts_into_parts_that_together_classify_every_post_once(
    make_post, small_parts, monkeypatch, batch
):
    monkeypatch.setattr(services, "BATCH", batch)
    for n in range(250):
        make_post(f"Pos nomor {n}: dasar goblok" if n % 3 == 0 else f"Selamat pagi warga nomor {n}")
    start_job("detection.classify", "Classify new posts")
    run_queue()
    jobs = list(Job.objects.filter(kind="detection.classify").order_by("pk"))
    assert [job.status for job in jobs] == [Status.DONE] * 5
    assert jobs[0].result["parts"] == 3
    parts = [job for job in jobs if "part" in job.params]
    assert sorted(job.result["classified"] for job in parts) == [50, 100, 100]
    assert Classification.objects.count() == 250
    assert Classification.objects.filter(severity__gt=0).count() == 84
    assert services.classify_new_posts()["classified"] == 0


def test_it_works_out_the_risk_score_of_an_author_in_every_part_once_the_last_part_has_ended(make_post, small_parts):
    from pantau.inventory.models import Account

    for n in range(250):
        make_post(f"Pos nomor {n}: dasar goblok" if n % 3 == 0 else f"Selamat pagi warga nomor {n}")
    start_job("detection.classify", "Classify new posts")
    run_queue()
    author = Account.objects.get(platform_id="acc-1")
    risk_job = Job.objects.get(kind="detection.classify", params__has_key="risk")
    last_part = Job.objects.filter(kind="detection.classify", params__has_key="part").order_by("-finished_at").first()
    assert risk_job.status == Status.DONE
    assert risk_job.started_at >= last_part.finished_at
    assert author.risk_score > 0
    assert services.recompute_risk_scores([author.pk], []) == 0  # already what every post of the author gives


def test_it_classifies_a_few_posts_in_one_job(make_post, small_parts):
    for n in range(40):
        make_post(f"Selamat pagi warga nomor {n}")
    start_job("detection.classify", "Classify new posts")
    run_queue()
    job = Job.objects.get(kind="detection.classify")
    assert (job.status, job.result["classified"]) == (Status.DONE, 40)


def test_it_leaves_out_posts_whose_part_is_already_queued(make_post, small_parts):
    posts = [make_post(f"Selamat pagi warga nomor {n}") for n in range(150)]
    taken = [(posts[0].pk, posts[99].pk)]
    parts = services.classification_parts(100, taken=taken)
    assert parts == [(posts[100].pk, posts[149].pk)]


def test_it_reuses_the_office_detector_until_a_fact_check_is_added(db):
    from pantau.detection.models import FactCheck

    first = services.office_detector()
    assert services.office_detector() is first
    FactCheck.objects.create(key="k1", claim="Kotak suara sudah dicoblos sebelum hari pemungutan")
    assert services.office_detector() is not first
