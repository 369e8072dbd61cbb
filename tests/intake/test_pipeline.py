"""Reading a large file in a second process: the same posts, searchable, resumable, with the same refusals."""

import pytest

from pantau.intake.formats import FileRejected, Record
from pantau.intake.importer import Summary, import_file, save_records
from pantau.intake.models import ImportRun, Post
from pantau.intake.search import search_posts
from pantau.inventory.models import Account, Group
from tests.intake.test_import import write_jsonl

pytestmark = pytest.mark.django_db


def test_it_imports_the_same_rows_whether_read_in_a_second_process_or_not(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", 250)
    first = import_file(path, batch_size=40, parallel=True)
    assert (first.read, first.created, Post.objects.count()) == (250, 250, 250)
    assert (Account.objects.count(), Group.objects.count()) == (50, 5)
    copy = tmp_path / "b.jsonl"
    copy.write_bytes(path.read_bytes() + b"\n")  # another file (another run), the same rows
    again = import_file(copy, batch_size=40, parallel=False)
    assert (again.created, again.updated, again.skipped) == (0, 0, 250)


def test_it_finds_posts_by_their_words_after_a_bulk_import_and_after_a_capture(tmp_path):
    import_file(write_jsonl(tmp_path / "a.jsonl", 30, text="serangan fajar nomor {i}"), batch_size=7, parallel=True)
    assert search_posts(Post.objects.all(), "fajar").count() == 30
    # The full-text trigger is back after each batch: a post saved one by one is found too.
    save_records([Record(platform="web", post_id="x1", text="politik uang di desa")], "test", None, Summary())
    assert search_posts(Post.objects.all(), "uang").count() == 1
    assert search_posts(Post.objects.all(), "fajar uang").count() == 0


def test_it_finds_words_by_prefix_and_without_their_particle_and_imports_a_post_with_a_very_long_token():
    token = "a1" * 1600  # a 3,200-character run of letters and digits, as in a pasted link's query string
    texts = {"r1": "Rumahnya dibakar massa", "r2": "rumah itu milik Caleg", "r3": f"lihat {token} di sini"}
    records = [Record(platform="web", post_id=pid, text=text) for pid, text in texts.items()]
    assert len(save_records(records, "test", None, Summary())) == 3

    def found(query):
        return sorted(search_posts(Post.objects.all(), query).values_list("platform_post_id", flat=True))

    assert found("rumah") == ["r1", "r2"]
    assert found("rumahnya") == ["r1", "r2"]  # the particle goes from the query too
    assert found("cal") == ["r2"]
    assert found("lihat sini") == ["r3"]
    assert found("milik massa") == []


def test_it_resumes_from_the_checkpoint_when_reading_in_a_second_process(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", 100)
    import_file(path, batch_size=30, parallel=True)
    run = ImportRun.objects.get()
    ImportRun.objects.filter(pk=run.pk).update(status="running", records_done=60)
    Post.objects.filter(platform_post_id__in=[f"p{i}" for i in range(60, 100)]).delete()
    summary = import_file(path, batch_size=30, parallel=True)
    # The run's counts go on from where it stopped: 100 counted before, and the 40 read again are new.
    assert (summary.resumed_from, summary.created, Post.objects.count()) == (60, 140, 100)


def test_it_says_in_one_line_why_the_second_process_refused_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("PANTAU_IMPORT_MAX_LINE_BYTES", "1024")
    path = tmp_path / "posts.csv"
    path.write_text("text,url\n" + "halo,https://example.id/1\n" * 50 + "x" * 5000 + ",\n", encoding="utf-8")
    with pytest.raises(FileRejected, match="longer than 1024 bytes") as info:
        import_file(path, batch_size=10, parallel=True)
    assert "\n" not in str(info.value)
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED
