"""The shipped slang dictionaries against the shipped lexicons: no mapping may hide a lexicon word."""

import re

import pytest

from pantau.detection.lexicons import load_lexicons
from pantau.detection.normalising import build_normalizer, slang_kept

_WORD = re.compile(r"(?<![\\?])\b[a-z]{2,}\b")


def _words(source: str) -> set[str]:
    # Words inside a phrase the normaliser keeps as written are matched as written.
    for phrase in (k for k in slang_kept() if " " in k):
        source = re.sub(rf"\b{re.escape(phrase)}\b", " ", source)
    return set(_WORD.findall(source))


@pytest.fixture(scope="module")
def normalizer():
    return build_normalizer()


def test_it_has_no_slang_mapping_that_turns_a_lexicon_word_into_another(normalizer):
    lex = load_lexicons()
    sources = [p.regex.pattern for pats in lex.patterns.values() for p in pats]
    sources += [rx.pattern for rxs in lex.negatives.values() for rx in rxs] + [rx.pattern for rx in lex.campaign]
    lexicon_words = set().union(*map(_words, sources))
    harmful = sorted(
        f"{slang} -> {standard}"
        for slang, standard in normalizer.slang.items()
        if slang in lexicon_words
        and standard != slang
        # A pattern that names the word but not what it becomes can no longer match it.
        and any(slang in _words(s) and not set(standard.split()) <= _words(s) for s in sources)
    )
    assert harmful == [], "\n".join(harmful)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("si goblok itu", "si goblok itu"),
        ("bodo amat sama dia", "bodo amat sama dia"),
        ("amplop 100rb per KK", "amplop 100rb per kk"),
        ("pilih 02 dapat beras 10 kg", "pilih 02 dapat beras 10 kg"),
        ("uang Rp50 dan 10kg gula, 2jt", "uang rp50 dan 10kg gula 2jt"),
        ("dasar b0d0h", "dasar bodoh"),
        ("petahana kalah", "petahana kalah"),
    ],
)
def test_it_keeps_the_meaning_of_words_the_slang_dictionary_would_change(normalizer, text, expected):
    assert normalizer.normalize(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "amplop 100rb per KK asal coblos no 2 #TolakPolitikUang @budi https://x.co/a",
        "Gw GA suka\\npaslon2 bodo amat!! anak2 kampung",
        "",
    ],
)
def test_it_gives_each_token_its_span_in_the_original_text(normalizer, text):
    spans = normalizer.spans(text)
    assert [token for token, _, _ in spans] == normalizer.tokens(text)
    assert all(0 <= start < end <= len(text) for _, start, end in spans)


def test_it_spans_a_rewritten_word_with_what_the_post_wrote(normalizer):
    text = "Besok 100rb per KK, paslon jg"
    originals = {token: text[start:end] for token, start, end in normalizer.spans(text)}
    assert originals["pasangan calon"] == "paslon"
    assert originals["100rb"] == "100rb"
    assert originals["kk"] == "KK"
