"""Election labels on the kinds of text real posts contain: positives and the near misses next to them."""

import pytest

from pantau.detection.engine import default_detector


@pytest.fixture(scope="module")
def detector():
    return default_detector()


def flagged(detector, text):
    return detector.classify([text])[0]["flagged"]


@pytest.mark.parametrize(
    "text",
    [
        "Kepala desa mengajak warga mendukung paslon nomor 2",
        "Kades ajak warga dukung paslon 02 di pertemuan RT tadi malam",
        "Pak camat minta semua perangkat desa memenangkan calon nomor urut 1",
        "Oknum ASN di kantor dinas berfoto pose dua jari bersama tim sukses",
        "Babinsa mengarahkan warga supaya coblos 3 besok",
        "Kepala desa Tampa bersama perangkat desa hadir di kampanye paslon 2 pakai seragam dinas",
        "Camat terlihat ikut kampanye calon nomor urut 1 di lapangan Tamiang Layang",
        "Deklarasi dukungan paslon 3 dihadiri beberapa orang berseragam dinas pemda",
    ],
)
def test_it_flags_officials_asking_support_for_a_numbered_candidate(detector, text):
    assert "netralitas" in flagged(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "Bawaslu mengingatkan kepala desa agar tidak mengajak warga mendukung paslon nomor berapa pun",
        "ASN dilarang ikut kampanye, netralitas harus dijaga sampai hari pencoblosan",
        "Kepala desa mengajak warga gotong royong membersihkan jalan desa",
        "Lurah mengajak warga datang ke TPS dan menggunakan hak pilih",
        "Warga mendukung paslon nomor 2 karena programnya jelas",
        "Camat hadir di rapat koordinasi pengamanan kampanye bersama Polres dan KPU",
        "ASN dilarang hadir di kampanye paslon mana pun, apalagi memakai seragam dinas",
    ],
)
def test_it_does_not_flag_neutrality_reminders_or_officials_doing_their_job(detector, text):
    assert "netralitas" not in flagged(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "amplop 200rb per KK asal coblos no 2",
        "uang 100rb per KK buat yg coblos nomor 1",
        "pilih 02 dapat beras 10 kg",
        "Coblos nomor 3 nanti langsung dikasih sembako dan 50rb",
        "Pilih paslon 2 nanti dapat proyek jalan desa, sudah dijanjikan timses",
        "Kalian semua dapat kerjaan di kabupaten, makanya pilih calon kita",
        "Ada pembagian beras 5 kg di posko, syaratnya coblos nomor 2 besok",
    ],
)
def test_it_flags_money_or_goods_tied_to_a_vote_without_the_words_serangan_fajar(detector, text):
    assert "politik_uang" in flagged(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "Tolak politik uang, jangan terima amplop dari siapa pun",
        "Jangan mau terima amplop 100rb per orang, itu politik uang",
        "Selamat! Anda memenangkan hadiah uang 5 juta, transfer 200rb untuk biaya admin",
        "GIVEAWAY! Pilih nomor 1 sampai 5 di kolom komentar, pemenang dapat uang 500rb",
        "Pemkab bagikan beras 10 kg per KK untuk korban banjir di Ampah",
        "Kakak minjem uang 200rb ke adik, sampai sekarang belum dibalikin",
        "Lowongan kerja: dapat pekerjaan tetap dengan gaji 4 juta, kirim lamaran ke email kami",
    ],
)
def test_it_does_not_flag_giveaways_scams_aid_or_appeals_as_vote_buying(detector, text):
    assert "politik_uang" not in flagged(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "Si penista agama itu jangan sampai jadi bupati",
        "si goblok itu mau jadi bupati lagi",
        "Calon bupati itu tololnya minta ampun",
        "Goblok calon kayak gitu masih berani maju",
    ],
)
def test_it_flags_epithets_and_insults_of_candidates(detector, text):
    assert "penghinaan" in flagged(detector, text)


@pytest.mark.parametrize(
    "text",
    [
        "Seekor anjing yang setia menjaga rumah tuannya setiap malam. Pesan moral dongeng ini: jadilah setia",
        "Bawaslu menerima laporan dugaan penghinaan terhadap calon bupati",
        "Paslon 1 pemimpin yang amanah, terbukti membangun jalan desa",
        "bodo amat sama urusan politik, aku mau kerja aja",
        "Khotbah Jumat: jangan menghina sesama, jangan sebut saudaramu bodoh atau kafir",
    ],
)
def test_it_does_not_flag_fables_news_of_reports_or_praise_as_insults(detector, text):
    assert {"kasar", "penghinaan", "ujaran_kebencian"}.isdisjoint(flagged(detector, text))
