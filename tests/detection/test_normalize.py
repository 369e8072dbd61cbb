import pytest

from pantau.lib.normalize import Normalizer, load_slang_csv

SLANG = {
    "mf": "maaf",
    "gw": "gue",
    "ga": "tidak",
    "bgt": "banget",
    "anjg": "anjing",
    "paku": "paku bumi",
    "awang": "awan",
}


@pytest.fixture
def norm():
    return Normalizer(SLANG, protected=["Awang", "Dusun Timur"])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Gw GA suka", "gue tidak suka"),
        ("bangeeet", "banget"),
        ("maaaaf ya", "maaf ya"),
        ("dasar 4njing", "dasar anjing"),
        ("b0d0h", "bodoh"),
        ("anak2 kampung", "anak anak kampung"),
        ("cek https://example.org/a?b=1 sekarang", "cek url sekarang"),
        ("halo @budi_123 apa kabar", "halo user apa kabar"),
        ("#TolakPolitikUang sekarang", "tolak politik uang sekarang"),
        ("USER USER jangan URL", "user user jangan url"),
        ("lucu \\xf0\\x9f\\x98\\x82\\nhaha", "lucu haha"),
    ],
)
def test_it_normalises_informal_indonesian(norm, text, expected):
    assert norm.normalize(text) == expected


def test_it_keeps_capitalised_names_inside_a_sentence(norm):
    assert norm.normalize("Kami dari Paku datang") == "kami dari paku datang"


def test_it_applies_the_dictionary_to_lower_case_words(norm):
    assert norm.normalize("kami dari paku datang") == "kami dari paku bumi datang"


def test_it_keeps_protected_place_names_even_in_lower_case(norm):
    assert norm.normalize("warga awang dan dusun timur") == "warga awang dan dusun timur"


def test_it_keeps_acronyms(norm):
    assert norm.normalize("Saya lapor ke KPU") == "saya lapor ke kpu"


def test_it_returns_nothing_for_empty_text(norm):
    assert norm.normalize("") == ""


def test_it_reads_the_shipped_slang_dictionary():
    from pantau.detection.files import DATA_DIR

    slang = load_slang_csv(DATA_DIR / "kamusalay.csv")
    assert len(slang) > 10_000
    assert slang["jgn"] == "jangan"


def test_the_shipped_dictionary_reads_banjar_the_language_of_the_regencys_markets():
    from pantau.detection.normalising import build_normalizer

    assert build_normalizer().normalize("Ulun kada handak, calon bungul haja") == "saya tidak mau calon bodoh saja"
