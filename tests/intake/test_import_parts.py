"""A big upload is imported in pieces that several workers take at once, with the counts of one import."""

import csv
import functools
import io
import threading
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

from pantau.intake import jobs as intake_jobs
from pantau.intake import parts
from pantau.intake.importer import import_file
from pantau.intake.models import Post
from pantau.jobs import files
from pantau.jobs.models import Job, Status
from pantau.jobs.runner import requeue_abandoned_jobs, run_job, start_job

POSTS = 3000
BROKEN = (700, 2300)  # file lines that are not JSON


def upload(lines: list[str], name="besar.jsonl") -> str:
    return files.save_upload(ContentFile(("\n".join(lines) + "\n").encode(), name=name))


def post_lines() -> list[str]:
    """POSTS posts, each of the first 100 twice (a re-shared export), and two broken lines."""
    lines = [
        f'{{"id": "p{n}", "platform": "facebook", "author_id": "u{n % 97}", "author_name": "U{n % 97}", '
        f'"text": "Kabar desa nomor {n} tentang jalan rusak", "created_at": "2024-10-{1 + n % 28:02d}T08:00:00+07:00"}}'
        for n in range(POSTS)
    ]
    lines += lines[:100]
    for line in BROKEN:
        lines.insert(line - 1, "{not json")
    return lines


def run_queue():
    from pantau.jobs.worker import run_worker

    run_worker(interval=0.05, batch=True, routines=False)


def import_parts():
    return Job.objects.filter(kind="intake.import", params__stage="part").order_by("pk")


def two_workers_take_the_parts():
    """Two workers, each taking whichever part is still queued, until none is."""

    def worker(name):
        try:
            while part := import_parts().filter(status=Status.QUEUED).first():
                run_job(part.pk, worker_id=name)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(name,)) for name in ("worker-a", "worker-b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)


def needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("several workers writing at once: PostgreSQL (SQLite has one writer)")


def test_it_cuts_a_csv_only_where_a_record_ends_even_with_line_breaks_in_quoted_cells(tmp_path):
    rows = [["text", "post_id"]] + [
        [f'baris "{n}"\nlanjut' if n % 3 == 0 else "x" * (n % 40), str(n)] for n in range(900)
    ]
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    path = tmp_path / "posts.csv"
    path.write_bytes(text.getvalue().encode())
    cut = parts.cut(path, "csv", 500)
    read_back = []
    with open(path, "rb") as source:
        for number, piece in enumerate(cut.pieces):
            target = tmp_path / f"piece{number}.csv"
            parts.write_piece(source, cut.header, piece, target)
            piece_rows = list(csv.reader(io.StringIO(target.read_text(), newline="")))
            assert piece_rows[0] == rows[0]  # every piece starts with the header
            read_back += piece_rows[1:]
    assert len(cut.pieces) > 10
    assert read_back == rows[1:]


@pytest.mark.django_db(transaction=True)
def test_two_workers_import_a_big_file_in_parts_with_the_counts_of_one_import(settings):
    needs_postgresql()
    settings.PANTAU_IMPORT_PART_BYTES = 20_000
    name = upload(post_lines())
    first = start_job("intake.import", "Import besar.jsonl", {"upload": name, "name": "besar.jsonl"})
    run_job(first.pk, worker_id="splitter")
    first.refresh_from_db()
    assert first.result["parts"] == import_parts().count() > 5
    two_workers_take_the_parts()
    run_queue()  # the finishing job, and the classification and coordination the batches queued
    assert Post.objects.count() == POSTS
    finish = Job.objects.get(params__stage="finish")
    assert finish.status == Status.DONE
    assert {key: finish.result[key] for key in ("read", "created", "skipped", "rejected")} == {
        "read": POSTS + 100 + 2,
        "created": POSTS,
        "skipped": 100,
        "rejected": 2,
    }
    # Problems name the line of the uploaded file, not of its piece.
    assert [problem.split(":")[0] for problem in finish.result["problems"]] == [f"line {n}" for n in BROKEN]
    assert {job.status for job in import_parts()} == {Status.DONE}
    assert {job.attempt_log[-1]["worker"] for job in import_parts()} == {"worker-a", "worker-b"}
    assert not default_storage.exists(name)  # the upload is deleted once every piece is in


class WorkerKilled(BaseException):
    """Stands for SIGKILL: nothing in the job catches it, so the job stays running under a dead worker."""


@pytest.mark.django_db(transaction=True)
def test_a_part_whose_worker_was_killed_is_resumed_from_its_checkpoint_by_another(settings, monkeypatch):
    needs_postgresql()
    settings.PANTAU_IMPORT_PART_BYTES = 200_000
    first = start_job("intake.import", "Import besar.jsonl", {"upload": upload(post_lines()), "name": "besar.jsonl"})
    run_job(first.pk, worker_id="splitter")
    victim = import_parts().first()
    batches = []

    def dies_after_two_batches(path, **options):
        def progress(done, total):
            batches.append(done)
            if len(batches) == 2:
                raise WorkerKilled
            options["progress"](done, total)

        return import_file(path, **options | {"progress": progress, "batch_size": 100})

    monkeypatch.setattr(intake_jobs, "import_file", dies_after_two_batches)
    with pytest.raises(WorkerKilled):
        run_job(victim.pk, worker_id="doomed")
    monkeypatch.setattr(intake_jobs, "import_file", functools.partial(import_file, batch_size=100))
    Job.objects.filter(pk=victim.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    assert requeue_abandoned_jobs() == 1
    two_workers_take_the_parts()
    run_queue()
    victim.refresh_from_db()
    assert victim.status == Status.DONE and victim.attempts == 2
    assert victim.result["resumed_from"] == 200  # the two committed batches were not read again
    assert Post.objects.count() == POSTS
    assert Job.objects.get(params__stage="finish").result["created"] == POSTS


@pytest.mark.django_db(transaction=True)
def test_a_part_run_again_adds_and_changes_nothing(settings):
    needs_postgresql()
    settings.PANTAU_IMPORT_PART_BYTES = 50_000
    first = start_job("intake.import", "Import besar.jsonl", {"upload": upload(post_lines()), "name": "besar.jsonl"})
    run_job(first.pk, worker_id="splitter")
    again = dict(import_parts().first().params)
    two_workers_take_the_parts()
    before = list(Post.objects.order_by("pk").values_list("pk", "text", "author_id", "posted_at"))
    # The same piece once more (the upload is kept until the finishing job has run).
    repeat = Job.objects.create(
        kind="intake.import", title="again", params={k: v for k, v in again.items() if k != "then"}
    )
    run_job(repeat.pk, worker_id="worker-c")
    repeat.refresh_from_db()
    assert repeat.status == Status.DONE
    assert repeat.result["created"] == repeat.result["updated"] == 0
    assert repeat.result["skipped"] == repeat.result["read"] - repeat.result["rejected"] > 0
    assert list(Post.objects.order_by("pk").values_list("pk", "text", "author_id", "posted_at")) == before


@pytest.mark.django_db
def test_a_small_upload_is_imported_by_one_job(settings):
    settings.PANTAU_IMPORT_PART_BYTES = 10_000_000
    job = start_job("intake.import", "Import kecil.jsonl", {"upload": upload(post_lines()[:50]), "name": "kecil.jsonl"})
    run_job(job.pk, worker_id="solo")
    job.refresh_from_db()
    assert job.result["created"] == 50 and "parts" not in job.result
