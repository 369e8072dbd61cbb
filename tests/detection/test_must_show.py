"""Issue #17's "must show", through `pantau detect` as an office runs it."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

HOAX_CLAIM = "Tinta pemilu mengandung babi sehingga haram bagi umat Islam"
FLAGGED = {
    "Calon bupati itu tololnya minta ampun, dungunya kelihatan tiap debat": "penghinaan",
    "Si goblok itu mau jadi bupati lagi, malu dong": "penghinaan",
    "Kepala desa mengajak warga mendukung paslon nomor 2 di balai desa": "netralitas",
    "Ada amplop 200rb per KK asal coblos no 2, ambil di rumah pak RT": "politik_uang",
    "Dasar si Ahok goblok, tidak becus jadi gubernur": "penghinaan",
    "Kades Sumber Garunggung mengajak warga untuk mendukung paslon nomor urut 1": "netralitas",
    "Pilih nomor 2 nanti dapat amplop isi 150 ribu, sudah dibagi di rumah pak kades": "politik_uang",
    "Hati2 ya, tinta pemilu yg dipakai di TPS nanti katanya mengandung babi, haram buat umat Islam!!": "hoaks",
}
NOT_FLAGGED = [
    "Paslon 1 pemimpin yang amanah, terbukti membangun jalan desa",
    "Bawaslu menerima laporan dugaan penghinaan terhadap calon bupati",
    "Seekor anjing yang setia menjaga rumah tuannya setiap malam. Pesan moral dongeng ini: jadilah setia",
    "Selamat! Anda memenangkan hadiah uang 5 juta, transfer 200rb untuk biaya admin ke rekening kami",
    "Tolak politik uang, jangan terima amplop dari siapa pun",
    "Pak Ahok pemimpin yang tegas dan jujur, kerjanya nyata untuk rakyat",
    "Prabowo rendah hati dan mau mendengar warga, saya dukung",
    'BARITO TIMUR - Seorang warga dilaporkan ke Bawaslu karena menyebut calon bupati "goblok" di Facebook',
    "Dahulu kala ada seekor anjing dan seekor kancil di hutan. Anjing itu rakus sekali. Pesan moral dongeng ini: "
    "jangan serakah",
    "GIVEAWAY! Bagi-bagi saldo 100rb untuk 10 orang beruntung, follow dan share ya",
    "Mari kita lawan politik uang, jangan mau disuap amplop oleh siapa pun",
]


def detect(tmp_path, texts, *extra):
    posts = tmp_path / "posts.jsonl"
    posts.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    out = io.StringIO()
    call_command("detect", str(posts), "--workers", "1", *extra, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.fixture
def factchecks(tmp_path):
    path = tmp_path / "factchecks.csv"
    path.write_text(f'claim,rating,url\n"{HOAX_CLAIM}",Salah,https://cekfakta.example/tinta\n', encoding="utf-8")
    return path


def _own_words(text: str, phrase: str) -> bool:
    return phrase.startswith(("fact-check:", "(not flagged", "(weakened")) or phrase in " ".join(text.split())


def test_it_flags_the_violations_with_explanations_in_the_posts_own_words(tmp_path, factchecks):
    results = detect(tmp_path, list(FLAGGED), "--factchecks", str(factchecks))
    for (text, label), result in zip(FLAGGED.items(), results, strict=True):
        assert label in result["flagged"], text
        shown = result["explanation"][label]
        assert shown and all(_own_words(text, phrase) for phrase in shown), (text, shown)


def test_it_links_the_paraphrased_hoax_to_its_fact_check(tmp_path, factchecks):
    text = list(FLAGGED)[-1]
    result = detect(tmp_path, [text], "--factchecks", str(factchecks))[0]
    assert "https://cekfakta.example/tinta" in " ".join(result["explanation"]["hoaks"])


def test_it_does_not_guess_the_hoax_without_its_fact_check(tmp_path):
    assert "hoaks" not in detect(tmp_path, [list(FLAGGED)[-1]])[0]["flagged"]


def test_it_does_not_flag_praise_news_fables_scams_or_appeals(tmp_path, factchecks):
    results = detect(tmp_path, NOT_FLAGGED, "--factchecks", str(factchecks))
    assert [[lab for lab in r["flagged"] if lab != "positif"] for r in results] == [[]] * len(NOT_FLAGGED)


def test_it_reports_an_unreadable_fact_check_file(tmp_path):
    bad = tmp_path / "fc.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="fc.json"):
        detect(tmp_path, ["halo"], "--factchecks", str(bad))


@pytest.mark.django_db
def test_it_flags_the_paraphrased_hoax_in_stored_posts_after_the_office_imports_the_fact_check(make_post, factchecks):
    from pantau.detection import services
    from pantau.detection.factchecks import parse_file

    services.import_factchecks(parse_file(factchecks.name, factchecks.read_bytes()), source="test")
    post = make_post(list(FLAGGED)[-1])
    services.classify_new_posts()
    post.classification.refresh_from_db()
    assert post.classification.factcheck is not None
