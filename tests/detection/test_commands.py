import io
import json

import pytest
from django.core.management import CommandError, call_command


def run(*args, stdin=None, monkeypatch=None):
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_it_detects_plain_lines_in_order(tmp_path):
    path = tmp_path / "in.txt"
    path.write_text("dasar goblok kamu\nSelamat pagi warga Bartim\nBesok ada serangan fajar\n", encoding="utf-8")
    lines = run("detect", str(path)).splitlines()
    results = [json.loads(line) for line in lines]
    assert len(results) == 3
    assert "kasar" in results[0]["flagged"]
    assert results[1]["flagged"] == []
    assert "politik_uang" in results[2]["flagged"]
    assert set(results[0]) >= {"labels", "flagged", "severity", "explanation"}


def test_it_detects_jsonl_with_times(tmp_path):
    path = tmp_path / "in.jsonl"
    rows = [
        {"text": "Coblos paslon nomor 2 ya!", "created_at": "2024-11-25T10:00:00+07:00"},
        {"text": "Coblos paslon nomor 2 ya!", "created_at": "2024-11-05T10:00:00+07:00"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    first, second = [json.loads(line) for line in run("detect", str(path)).splitlines()]
    assert "luar_jadwal" in first["flagged"]
    assert "luar_jadwal" not in second["flagged"]


def pantau_detect(tmp_path, *args):
    """`pantau detect` in its own process, as an operator runs it.

    Its workers are forked; forking the test process itself (which holds the
    browser tests' threads) could copy a lock some thread held and hang.
    """
    import os
    import subprocess
    import sys

    env = dict(os.environ, PANTAU_HOME=str(tmp_path / "home"))
    return subprocess.run(
        [sys.executable, "-m", "pantau", "detect", *args], capture_output=True, text=True, env=env, timeout=300
    )


def test_it_keeps_order_across_batches_and_workers(tmp_path):
    path = tmp_path / "in.txt"
    texts = ["dasar goblok" if i % 3 == 0 else f"selamat pagi {i}" for i in range(50)]
    path.write_text("\n".join(texts) + "\n", encoding="utf-8")
    done = pantau_detect(tmp_path, str(path), "--batch", "7", "--workers", "2")
    assert done.returncode == 0, done.stderr
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert [bool(r["flagged"]) for r in results] == [i % 3 == 0 for i in range(50)]


def test_it_reports_bad_json_in_one_line(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "ok"}\n{"text": \n', encoding="utf-8")
    with pytest.raises(CommandError, match="line 2"):
        run("detect", str(path))


def test_it_reports_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        run("detect", str(tmp_path / "nope.txt"))


def test_it_shows_the_model_card_metrics():
    out = run("model", "show")
    assert "ujaran_kebencian" in out
    assert "macro-F1" in out


def test_it_refuses_training_without_data(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run("model", "train", "--data", str(tmp_path / "missing.csv"))


@pytest.mark.django_db
def test_it_imports_and_exports_claimreview(tmp_path):
    doc = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": "Kotak suara sudah dicoblos duluan",
        "url": "https://example.org/fc/1",
        "author": {"@type": "Organization", "name": "Cek Fakta"},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 1,
            "worstRating": 1,
            "bestRating": 5,
            "alternateName": "Salah",
        },
        "datePublished": "2024-11-20",
    }
    path = tmp_path / "fc.json"
    path.write_text(json.dumps([doc]), encoding="utf-8")
    assert "1 fact-check(s) added" in run("factcheck", "import", str(path), "--no-classify")
    assert "0 fact-check(s) added, 1 already there" in run("factcheck", "import", str(path), "--no-classify")
    exported = json.loads(run("factcheck", "export"))
    assert exported[0]["claimReviewed"] == "Kotak suara sudah dicoblos duluan"
    assert exported[0]["@type"] == "ClaimReview"


@pytest.mark.django_db
def test_it_imports_fact_checks_from_csv(tmp_path):
    path = tmp_path / "fc.csv"
    path.write_text(
        "claim,rating,url\nKPU curang,Salah,https://example.org/2\nJalan dibangun,Benar,https://example.org/3\n"
    )
    assert "2 fact-check(s) added" in run("factcheck", "import", str(path), "--no-classify")
    from pantau.detection.models import FactCheck

    assert list(FactCheck.objects.filter(is_false=True).values_list("claim", flat=True)) == ["KPU curang"]


def test_it_names_the_bad_line_when_a_worker_parses_it(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("".join('{"text": "ok"}\n' for _ in range(8)) + '{"text": \n', encoding="utf-8")
    done = pantau_detect(tmp_path, str(path), "--batch", "3", "--workers", "2")
    assert done.returncode != 0 and "line 9" in done.stderr


def test_the_pantau_command_detects_without_touching_a_database(tmp_path):
    import os
    import subprocess
    import sys

    path = tmp_path / "in.txt"
    path.write_text("dasar goblok kamu\nSelamat pagi\n", encoding="utf-8")
    home = tmp_path / "home"
    env = dict(os.environ, PANTAU_HOME=str(home), DATABASE_URL="postgresql://nobody@127.0.0.1:1/none")
    done = subprocess.run(
        [sys.executable, "-m", "pantau", "detect", str(path)], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert ["kasar" in json.loads(line)["flagged"] for line in done.stdout.splitlines()] == [True, False]
    assert not list(home.glob("*.sqlite3"))
