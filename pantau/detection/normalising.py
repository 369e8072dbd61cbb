"""Detection's text before any rule or model reads it: the normaliser, the affixed forms, quoting back.

The normaliser itself (slang, leetspeak, elongations, spans) is
pantau/lib/normalize.py; this module builds it from detection's data (the
shipped and the office's slang, the phrases kept as written, the names that
are never rewritten), reads affixed forms of the lexicons' words as their base
word, and maps what matched back to the words the post itself wrote.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from pantau.lib.normalize import Normalizer, load_slang_csv
from pantau.regions.names import shipped_region_names

from .files import DATA_DIR, office_names_path, office_slang_path

# Indonesian clitics and affixes read off a lexicon word for matching: "tololnya" is "tolol".
CLITICS = ("nya", "mu", "ku", "lah", "kah")
# Derivations taken off only for words of these labels, where they keep the insult
# ("ketololan", "dibodohi"); on a verb of violence "di-" would turn a victim into the doer.
DERIVED_LABELS = ("penghinaan", "kasar")
DERIVATIONS = (("ke", "an"), ("di", ""), ("di", "i"), ("di", "in"), ("", "in"))


def protected_names() -> set[str]:
    """Names the normaliser only lower-cases: the regions' and those in data/protected_names.txt."""
    names = shipped_region_names()
    extra = DATA_DIR / "protected_names.txt"
    names.update(line.strip() for line in extra.read_text(encoding="utf-8").splitlines() if line.strip())
    return names


def slang_kept() -> list[str]:
    """Words and phrases the shipped slang dictionaries must not rewrite (data/slang_keep.txt)."""
    lines = (line.split("#", 1)[0] for line in (DATA_DIR / "slang_keep.txt").read_text(encoding="utf-8").splitlines())
    return [" ".join(line.lower().split()) for line in lines if line.strip()]


def build_normalizer(extra_slang: dict[str, str] | None = None) -> Normalizer:
    slang = load_slang_csv(DATA_DIR / "kamusalay.csv")
    slang.update(load_slang_csv(DATA_DIR / "slang_pantau.csv", encoding="utf-8"))
    kept = slang_kept()
    for word in ("user", "url", "rt", *(k for k in kept if " " not in k)):
        slang.pop(word, None)
    if office_slang_path().exists():
        slang.update(load_slang_csv(office_slang_path(), encoding="utf-8"))
    slang.update(extra_slang or {})
    return Normalizer(slang, protected_names(), kept)


def affixed_forms(words_of: dict[str, set[str]]) -> dict[str, str]:
    """Affixed form -> the word it is built on, for `words_of` (label -> the words its patterns name).

    A form that is itself a word of some pattern is left alone.
    """
    every = set().union(*words_of.values()) if words_of else set()
    base: dict[str, str] = {}
    for label, words in words_of.items():
        for word in words:
            if len(word) < 3:
                continue
            forms = [word + c for c in CLITICS]
            if label in DERIVED_LABELS:
                forms += [pre + word + suf for pre, suf in DERIVATIONS]
            base.update((form, word) for form in forms if form not in every)
    return base


class Quote:
    """Maps spans of a post's lexicon text back to the words the post itself wrote.

    The lexicon text has one word per word of the normalised text, which has
    the words of each token in turn; the normaliser gives each token's span in
    the original. The original's spans are worked out only when something is quoted.
    """

    def __init__(
        self,
        normalizer: Normalizer,
        original: str,
        tokens: list[str],
        text: str,
        model_tokens: list[str] | None = None,
        origin: list[int] | None = None,
    ) -> None:
        self.normalizer, self.original, self.tokens, self.text = normalizer, original, tokens, text
        # The tokens as the model read them (masked) and, when masking folded a name of several
        # words into one, the index in `tokens` of each; `text` may become the lexicon text.
        self.normalised = text
        self.model_tokens = model_tokens if model_tokens is not None else tokens
        self.origin = origin
        self._spans: tuple[list[tuple[str, int, int]], list[int]] | None = None
        self._positions: dict[str, list[int]] | None = None
        self._lower: str | None = None
        self._model_words: list[str] = []
        self._word_at: list[tuple[int, int]] | None = None
        self._normalised_words: list[str] = []
        self._terms: dict[str, str | None] = {}  # term -> quoted: labels of one post share many n-grams

    def _token_spans(self) -> tuple[list[tuple[str, int, int]], list[int]]:
        if self._spans is None:
            spans = self.normalizer.spans(self.original)
            if [t for t, _, _ in spans] != self.tokens:
                spans = []  # should not happen; quote the normalised text then
            word_token = [i for i, t in enumerate(self.tokens) for _ in t.split(" ")]
            self._spans = (spans, word_token)
        return self._spans

    def span(self, span: tuple[int, int]) -> str:
        a, b = span
        literal = self._literal(self.text[a:b])
        if literal:
            return literal
        first, last = self.text.count(" ", 0, a), self.text.count(" ", 0, max(a, b - 1))
        return self._words(first, last) or self.text[a:b][:80]

    def locate(self, span: tuple[int, int]) -> tuple[int, int] | None:
        """Where a span of the lexicon text stands in the post as written, or None if unknown."""
        a, b = span
        found = self._find(self.text[a:b])
        if found:
            return found
        spans, word_token = self._token_spans()
        first, last = self.text.count(" ", 0, a), self.text.count(" ", 0, max(a, b - 1))
        if not spans or last >= len(word_token):
            return None
        return spans[word_token[first]][1], spans[word_token[last]][2]

    def _literal(self, phrase: str) -> str | None:
        """The phrase as the post wrote it when the post has it word for word (most do: no mapping needed)."""
        found = self._find(phrase)
        return self.original[found[0] : found[1]][:80] if found else None

    def _find(self, phrase: str) -> tuple[int, int] | None:
        if self._lower is None:
            self._lower = self.original.lower()
        lower = self._lower
        if len(lower) != len(self.original):
            return None
        i = lower.find(phrase)
        if i >= 0:
            j = i + len(phrase)
        else:
            # Word for word with punctuation between ("itu, dungunya"): each word right after the last.
            words = phrase.split(" ")
            i = j = lower.find(words[0])
            if i < 0:
                return None
            j += len(words[0])
            for word in words[1:]:
                k = lower.find(word, j)
                if k < 0 or lower[j:k].strip(" ,;:-!?.\n\"'") or k == j:
                    return None
                j = k + len(word)
        if (i and lower[i - 1].isalnum()) or (j < len(lower) and lower[j].isalnum()):
            return None
        return i, j

    def _words(self, first: int, last: int) -> str | None:
        return self.words(first, last)

    def words(self, first: int, last: int, limit: int = 80) -> str | None:
        """The original text of words first..last of the lexicon text, or None if unknown."""
        spans, word_token = self._token_spans()
        if not spans or last >= len(word_token):
            return None
        start, end = spans[word_token[first]][1], spans[word_token[last]][2]
        return " ".join(self.original[start:end].split())[:limit]

    def _model_word_places(self) -> tuple[list[str], list[tuple[int, int]] | None]:
        """The words the model read, and for each the first and last word of the lexicon text it stands for."""
        if self.origin is None:  # token for token, and a masked token is one word: word for word
            return " ".join(self.model_tokens).split(" "), None
        word_starts = [0]
        for token in self.tokens:
            word_starts.append(word_starts[-1] + token.count(" ") + 1)
        origin: Sequence[int] = self.origin or range(len(self.model_tokens))
        ends = [*origin[1:], len(self.tokens)]
        words: list[str] = []
        places: list[tuple[int, int]] = []
        for token, start, end in zip(self.model_tokens, origin, ends, strict=True):
            parts = token.split(" ")
            if len(parts) == 1:
                words.append(token)
                places.append((word_starts[start], word_starts[end] - 1))
            else:  # a token of several words ("tidak tahu") is not masked: word for word
                for k, part in enumerate(parts):
                    words.append(part)
                    places.append((word_starts[start] + k, word_starts[start] + k))
        return words, places

    def term(self, term: str) -> str | None:
        """A model n-gram ("bodoh amat") quoted where its words stand in the post, else as it is.

        None for an n-gram only of placeholders the post does not show (never "_nama_" to a reader).
        """
        if term not in self._terms:
            self._terms[term] = self._term(term)
        return self._terms[term]

    def _term(self, term: str) -> str | None:
        words = term.split(" ")
        if self._positions is None:
            self._model_words, self._word_at = self._model_word_places()
            self._normalised_words = self.normalised.split(" ")
            positions: dict[str, list[int]] = {}
            for i, w in enumerate(self._model_words):
                positions.setdefault(w, []).append(i)
            self._positions = positions
        for i in self._positions.get(words[0], ()):
            j = i + len(words) - 1
            if self._model_words[i : j + 1] == words:
                first, last = (self._word_at[i][0], self._word_at[j][1]) if self._word_at else (i, j)
                # The normalised words at those places ("saya lihat" for "_persona_ lihat") are
                # usually the post's own, found without mapping every token back.
                said = " ".join(self._normalised_words[first : last + 1])
                return self._literal(said) or self._words(first, last) or _shown(term)
        return _shown(term)


def _shown(term: str) -> str | None:
    return None if any(w in PLACEHOLDERS for w in term.split(" ")) else term


# What the model reads in place of names, places, mentions and personal pronouns: who is named
# (or addressed, "lu" or "anda") must not carry the decision, only what is said of them.
NAME, PLACE, PERSON = "_nama_", "_tempat_", "_persona_"
PLACEHOLDERS = frozenset((NAME, PLACE, PERSON))
MENTION = "user"  # what the normaliser makes of an @handle
PRONOUNS = (
    "aku saya gue gua kami kita kamu anda engkau kau lu lo elu loe dia ia beliau mereka kalian ente ane"
).split()


def _listed(path: Path) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def person_names() -> list[str]:
    """The shipped list (data/person_names.txt) and the office's candidates (PANTAU_HOME/names.txt)."""
    names = _listed(DATA_DIR / "person_names.txt")
    if office_names_path().exists():
        names += _listed(office_names_path())
    return names


def place_names() -> list[str]:
    return sorted(shipped_region_names()) + _listed(DATA_DIR / "place_names.txt")


class Masker:
    """Replaces names, places, mentions and pronouns by placeholders, a name of several words by one.

    "Ridwan Kamil" and "Ahok" both read one `_nama_`, so swapping one name for
    another leaves the model's input the same.
    """

    def __init__(self, names: Iterable[str], places: Iterable[str], pronouns: Iterable[str] = PRONOUNS) -> None:
        self.single: dict[str, str] = dict.fromkeys(pronouns, PERSON)
        self.single[MENTION] = NAME
        self.multi: dict[str, list[tuple[list[str], str]]] = {}
        for entries, placeholder in ((places, PLACE), (names, NAME)):
            for entry in entries:
                words = entry.lower().split()
                if len(words) == 1:
                    self.single[words[0]] = placeholder
                elif words:
                    self.multi.setdefault(words[0], []).append((words, placeholder))
        for longest_first in self.multi.values():
            longest_first.sort(key=lambda e: -len(e[0]))  # the longest name first
        self._multi_first = frozenset(self.multi)

    def mask(self, tokens: list[str]) -> list[str]:
        return self.mask_with_origin(tokens)[0]

    def mask_with_origin(self, tokens: list[str]) -> tuple[list[str], list[int] | None]:
        """The masked tokens and, when a name of several words was folded into one, the index
        in `tokens` of each masked token (None when they stand at the same places)."""
        single = self.single
        if self._multi_first.isdisjoint(tokens):
            return list(map(single.get, tokens, tokens)), None  # get(token, default=token), at C speed
        out: list[str] = []
        origin: list[int] = []
        i = 0
        while i < len(tokens):
            token, width = tokens[i], 1
            shown = single.get(token, token)
            for words, placeholder in self.multi.get(token, ()):
                if tokens[i : i + len(words)] == words:
                    shown, width = placeholder, len(words)
                    break
            out.append(shown)
            origin.append(i)
            i += width
        return out, (origin if len(out) != len(tokens) else None)


def build_masker() -> Masker:
    return Masker(person_names(), place_names())


def model_tokenizer(normalizer: Normalizer, masker: Masker | None) -> Callable[[str], list[str]]:
    """text -> the tokens the model reads (masked when the model was trained masked)."""
    if masker is None:
        return normalizer.tokens
    return lambda text: masker.mask(normalizer.tokens(text))
