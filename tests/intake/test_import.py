import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from pantau.intake.formats import FileRejected
from pantau.intake.importer import import_file
from pantau.intake.models import ImportRun, Post
from pantau.inventory.models import Account, Group

SAMPLES = Path(__file__).parent / "samples"
ROOT = Path(__file__).resolve().parents[2]


def write_jsonl(path, count, start=0, text="kampanye damai nomor {i}"):
    with open(path, "w") as handle:
        for i in range(start, start + count):
            row = {
                "id": f"p{i}",
                "platform": "facebook",
                "author_id": f"u{i % 50}",
                "author_name": f"U{i % 50}",
                "group_id": f"g{i % 5}",
                "group_name": f"Grup {i % 5}",
                "text": text.format(i=i),
                "created_at": "2024-10-01T10:00:00+07:00",
                "url": f"https://www.facebook.com/u{i % 50}/posts/{i}",
                "links": [],
            }
            handle.write(json.dumps(row) + "\n")
    return path


@pytest.mark.django_db
def test_it_imports_every_sample_into_posts_accounts_and_groups():
    for sample in sorted(p for p in SAMPLES.iterdir() if p.is_file()):
        summary = import_file(sample)
        assert summary.rejected == 0, sample.name
    assert Post.objects.count() == 29
    assert Account.objects.filter(platform="whatsapp", kind="phone").exists()
    assert Group.objects.filter(platform="telegram", name="Kanal Contoh Bartim").exists()


@pytest.mark.django_db
def test_it_adds_nothing_when_the_same_file_is_imported_twice(tmp_path):
    path = write_jsonl(tmp_path / "p.jsonl", 30)
    first = import_file(path)
    second = import_file(path)
    assert (first.created, second.created, second.skipped) == (30, 0, 30)
    assert Post.objects.count() == 30


@pytest.mark.django_db
def test_it_updates_changed_fields_on_reimport(tmp_path):
    import_file(write_jsonl(tmp_path / "a.jsonl", 5))
    summary = import_file(write_jsonl(tmp_path / "b.jsonl", 5, text="teks baru {i}"))
    assert (summary.created, summary.updated) == (0, 5)
    assert Post.objects.get(natural_key="facebook:p3").text == "teks baru 3"


@pytest.fixture
def rows_built(monkeypatch):
    """How many rows the import builds (rows.prepare): a line skipped before parsing builds none."""
    from pantau.intake import rows

    built = []
    prepare = rows.prepare
    monkeypatch.setattr(rows, "prepare", lambda record: built.append(record.line) or prepare(record))
    return built


@pytest.mark.django_db
def test_it_reimports_an_unchanged_file_without_building_its_rows(tmp_path, rows_built):
    path = write_jsonl(tmp_path / "a.jsonl", 30)
    import_file(path, batch_size=8)
    rows_built.clear()
    again = import_file(path, batch_size=8)
    assert (again.read, again.created, again.updated, again.skipped) == (30, 0, 0, 30)
    assert rows_built == []
    assert Post.objects.count() == 30


@pytest.mark.django_db
def test_it_parses_only_the_changed_line_of_a_reimported_file_and_updates_its_post(tmp_path, rows_built):
    path = write_jsonl(tmp_path / "a.jsonl", 30)
    import_file(path)
    lines = path.read_text().splitlines(keepends=True)
    lines[4] = lines[4].replace("kampanye damai nomor 4", "teks diubah")
    path.write_text("".join(lines))
    rows_built.clear()
    again = import_file(path)
    assert (again.updated, again.skipped, rows_built) == (1, 29, [5])
    assert Post.objects.get(natural_key="facebook:p4").text == "teks diubah"


@pytest.mark.django_db
def test_it_keeps_the_last_line_of_a_post_when_an_earlier_line_of_the_file_changes_it(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", 3)
    first, last = write_jsonl(tmp_path / "b.jsonl", 1, text="versi lama"), path.read_text().splitlines()[0]
    path.write_text(first.read_text() + last + "\n")  # the post p0 twice: "versi lama", then its stored text
    import_file(path)
    import_file(path)
    assert Post.objects.get(natural_key="facebook:p0").text == "kampanye damai nomor 0"


@pytest.mark.django_db
def test_it_recognises_a_post_by_its_normalised_url_without_an_id(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("platform,url,text\nfacebook,https://m.facebook.com/groups/1/posts/2/?mibextid=x,halo\n")
    import_file(path)
    path.write_text("platform,url,text\nfacebook,https://www.facebook.com/groups/1/posts/2,halo\n")
    assert import_file(path).skipped == 1
    assert Post.objects.count() == 1


@pytest.mark.django_db
def test_it_reports_the_line_of_a_bad_row_and_imports_the_rest(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("platform,post_id,text\nfacebook,1,a\nmyspace,2,b\nfacebook,3,c\n")
    summary = import_file(path)
    assert (summary.created, summary.rejected) == (2, 1)
    assert summary.as_dict()["problems"] == ["line 3: unknown platform 'myspace'"]


@pytest.mark.django_db
def test_it_calls_the_post_import_hooks_with_new_post_ids(tmp_path, monkeypatch):
    from pantau.core.seams import seams

    seen = []

    def receiver(post_ids):
        seen.extend(post_ids)

    monkeypatch.setattr(seams.posts_imported, "contributions", [])
    seams.posts_imported.add(receiver)
    import_file(write_jsonl(tmp_path / "a.jsonl", 3))
    assert sorted(seen) == sorted(Post.objects.values_list("pk", flat=True))


@pytest.mark.django_db
def test_it_keeps_each_accounts_and_groups_post_count_exact_over_imports(tmp_path):
    import_file(write_jsonl(tmp_path / "a.jsonl", 250), batch_size=40)
    import_file(write_jsonl(tmp_path / "a.jsonl", 250), batch_size=40)  # the same posts: nothing added
    import_file(write_jsonl(tmp_path / "b.jsonl", 30, start=240), batch_size=40)  # 10 known, 20 new
    for model, field in ((Account, "author"), (Group, "group")):
        for row in model.objects.all():
            assert row.post_count == Post.objects.filter(**{field: row}).count(), row.platform_id
    assert Account.objects.get(platform_id="u0").post_count == 6


@pytest.mark.django_db
def test_it_resumes_from_the_checkpoint_of_an_unfinished_run(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", 10)
    import_file(path, batch_size=4)
    run = ImportRun.objects.get()
    ImportRun.objects.filter(pk=run.pk).update(status="running", records_done=8)
    summary = import_file(path, batch_size=4)
    assert summary.resumed_from == 8
    assert Post.objects.count() == 10


@pytest.mark.django_db
def test_the_command_prints_a_summary(tmp_path, capsys):
    call_command("import", str(write_jsonl(tmp_path / "a.jsonl", 4)), "--no-progress")
    out = capsys.readouterr().out
    assert "read 4, created 4, updated 0, skipped as duplicates 0, rejected 0" in out


@pytest.mark.django_db
def test_the_command_fails_with_one_line_for_a_png(tmp_path, capsys):
    path = tmp_path / "a.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    with pytest.raises(CommandError, match="could not be imported"):
        call_command("import", str(path), "--no-progress")
    assert "PNG" in capsys.readouterr().err


@pytest.mark.django_db
def test_it_refuses_a_file_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("PANTAU_IMPORT_MAX_FILE_BYTES", "1024")
    path = write_jsonl(tmp_path / "a.jsonl", 100)
    with pytest.raises(FileRejected, match="over the import limit"):
        import_file(path)


@pytest.mark.django_db(transaction=True)
def test_it_ends_with_exactly_the_file_after_a_sigkill_and_a_rerun(tmp_path):
    db = tmp_path / "home"
    db.mkdir()
    env = {**os.environ, "PANTAU_HOME": str(db), "DATABASE_URL": ""}
    env.pop("DATABASE_URL")
    path = write_jsonl(tmp_path / "big.jsonl", 20000)
    pantau = [sys.executable, "-m", "pantau"]
    subprocess.run([*pantau, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    count_sql = (
        "import sqlite3,sys;"
        "print(sqlite3.connect(sys.argv[1]).execute('select count(*) from intake_post').fetchone()[0])"
    )

    def count():
        out = subprocess.run(
            [sys.executable, "-c", count_sql, str(db / "pantau.sqlite3")], capture_output=True, text=True
        )
        return int(out.stdout.strip() or 0)

    process = subprocess.Popen(
        [*pantau, "import", str(path), "--no-progress", "--batch-size", "1000"], env=env, cwd=ROOT
    )
    deadline = time.monotonic() + 60
    while count() < 3000 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
    process.send_signal(signal.SIGKILL)
    process.wait()
    # A file this size is read in a second process (pipeline.py): it must not outlive the import.
    deadline = time.monotonic() + 10
    while _processes_reading(path) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_reading(path) == []
    partial = count()
    assert 0 < partial < 20000
    rerun = subprocess.run(
        [*pantau, "import", str(path), "--no-progress"], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert rerun.returncode == 0, rerun.stderr
    assert "resumed after" in rerun.stdout
    assert count() == 20000


def _processes_reading(path) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and str(path).encode() in (proc / "cmdline").read_bytes():
                found.append(int(proc.name))
        except OSError:
            continue
    return found
