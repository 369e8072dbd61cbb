"""Fact-checkers' article lists (CSV, JSON, a WordPress feed) and what a hoax takes: a fact-check, never tone."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from pantau.detection import engine, services
from pantau.detection.factchecks import headline_claim, parse_file
from pantau.detection.models import Classification, FactCheck

ARTICLES_CSV = (
    "title,url,date,rating\n"
    '"[SALAH] Surat Edaran Bupati Meliburkan Sekolah agar Guru Ikut Kampanye",'
    "https://turnbackhoax.id/2024/10/01/salah-surat-edaran,2024-10-01,\n"
    '"Cek Fakta: Tidak Benar Server KPU Diretas untuk Menangkan Paslon 1",https://cekfakta.com/a/2,2024-10-02,\n'
    '"[KLARIFIKASI] Jadwal Pencoblosan Tetap 27 November",https://turnbackhoax.id/k,2024-10-03,\n'
)
# A WordPress feed as turnbackhoax.id publishes it (/wp-json/wp/v2/posts), HTML entities and all.
WORDPRESS = [
    {
        "date": "2024-10-05T09:12:00",
        "link": "https://turnbackhoax.id/2024/10/05/hoaks-tinta/",
        "title": {"rendered": "[HOAKS] &#8220;Tinta&#8221; Pemilu Mengandung Babi"},
    },
    {"date": "2024-10-06T10:00:00", "link": "https://turnbackhoax.id/x", "title": {"rendered": ""}},
]
PARAPHRASE = "Anak saya cerita, sekolah diliburkan lewat surat edaran bupati supaya para guru bisa ikut kampanye"


def test_it_reads_a_fact_checkers_article_list_in_csv():
    first, second, third = parse_file("cekfakta.csv", ARTICLES_CSV.encode())
    assert first["claim"] == "Surat Edaran Bupati Meliburkan Sekolah agar Guru Ikut Kampanye"
    assert (first["rating"], first["is_false"], str(first["date_published"])) == ("SALAH", True, "2024-10-01")
    assert first["url"].startswith("https://turnbackhoax.id/")
    assert second["claim"] == "Server KPU Diretas untuk Menangkan Paslon 1" and second["is_false"]
    assert third["rating"] == "KLARIFIKASI" and not third["is_false"]  # a clarification is no false claim


def test_it_reads_a_wordpress_feed_of_articles():
    (item,) = parse_file("feed.json", json.dumps(WORDPRESS).encode())
    assert item == {
        "claim": "“Tinta” Pemilu Mengandung Babi",
        "rating": "HOAKS",
        "is_false": True,
        "url": "https://turnbackhoax.id/2024/10/05/hoaks-tinta/",
        "publisher": "",
        "claimant": "",
        "date_published": item["date_published"],
    }
    assert str(item["date_published"]) == "2024-10-05"


def test_it_reads_an_article_list_under_items_and_counts_an_article_without_verdict_as_a_debunk():
    data = {"items": [{"judul": "Video Kotak Suara Dibakar Massa di Desa Jaar", "tautan": "https://x/1"}]}
    (item,) = parse_file("list.json", json.dumps(data).encode())
    assert item["claim"].startswith("Video Kotak Suara") and item["is_false"] and item["url"] == "https://x/1"


def test_it_names_the_columns_a_csv_needs():
    with pytest.raises(ValueError, match="'claim' \\(ClaimReview\\) or 'title' \\(article list\\)"):
        parse_file("x.csv", b"headline_text,link\na,b\n")


def test_it_takes_verdict_tags_off_a_headline():
    assert headline_claim("(DISINFORMASI) - Foto Surat Suara") == ("Foto Surat Suara", "DISINFORMASI")
    assert headline_claim("Benarkah Pemilih Boleh Mencoblos Dua Kali") == (
        "Benarkah Pemilih Boleh Mencoblos Dua Kali",
        "",
    )


def test_it_flags_a_paraphrased_hoax_after_its_article_list_is_imported(tmp_path, make_post):
    post = make_post(PARAPHRASE)
    services.classify_new_posts()
    assert "hoaks" not in Classification.objects.get(post=post).flagged
    path = tmp_path / "turnbackhoax.csv"
    path.write_text(ARTICLES_CSV, encoding="utf-8")
    out = io.StringIO()
    call_command("factcheck", "import", str(path), "--no-classify", stdout=out)
    assert "3 fact-check(s) added" in out.getvalue()
    services.classify_new_posts()
    c = Classification.objects.get(post=post)
    assert "hoaks" in c.flagged
    assert c.factcheck == FactCheck.objects.get(claim__startswith="Surat Edaran Bupati")
    assert any("turnbackhoax.id" in why for why in c.explanation["hoaks"])


def test_pantau_detect_flags_a_paraphrased_hoax_with_an_article_list(tmp_path):
    facts = tmp_path / "feed.json"
    facts.write_text(json.dumps(WORDPRESS), encoding="utf-8")
    posts = tmp_path / "posts.txt"
    posts.write_text("Tinta yang dipakai pemilu katanya mengandung babi, hati hati\nHarga sawit naik lagi\n")
    out = io.StringIO()
    call_command("detect", str(posts), "--factchecks", str(facts), stdout=out)
    hoax, other = (json.loads(line) for line in out.getvalue().splitlines())
    assert "hoaks" in hoax["flagged"] and hoax["factcheck"]["url"].endswith("hoaks-tinta/")
    assert "hoaks" not in other["flagged"]


def test_it_reports_a_file_with_no_fact_check(tmp_path):
    path = tmp_path / "empty.json"
    path.write_text(json.dumps([{"foo": 1}]), encoding="utf-8")
    with pytest.raises(CommandError, match="no fact-check found"):
        call_command("factcheck", "import", str(path), stdout=io.StringIO())


# Alarm, capitals, chain-message calls and outrage: the tone of many hoaxes, and of much else.
ALARMING = [
    "SEBARKAN!!! Berita penting, pemerintah menyembunyikan ini dari kita semua, viralkan sebelum dihapus!!!",
    "AWAS!!! GAWAT!!! Ini bukan main main, bapak ibu wajib tahu, bagikan ke semua grup",
    "Innalillahi, kejadian mengerikan, media tidak berani memberitakan, share sebanyak banyaknya",
    "BREAKING NEWS: rakyat dibohongi lagi!!! buka mata kalian, jangan diam saja",
    "Heboh! Fakta mengejutkan yang ditutupi, baca sampai habis sebelum di take down",
]


def test_it_never_guesses_a_hoax_from_tone_without_a_fact_check():
    detector = engine.load_detector()
    for text, result in zip(ALARMING, detector.classify(ALARMING), strict=True):
        assert result["labels"]["hoaks"] < 0.5, text
        assert "hoaks" not in result["flagged"], text
