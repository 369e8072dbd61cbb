"""Every page in Indonesian: no English string of the project's catalogue, no raw key.

The pages are those of the role matrix (tests/core/role_matrix.py), asked as
the coordinator (who opens the most) and as the public, over the role
matrix's world plus finished jobs of every kind and a high-severity alert.
A page fails when its visible text holds a msgid of one of the project's .po
files whose Indonesian differs (the string was not translated where it is
shown: a stored English title, a label built without gettext, a missing
`translate`), or a raw key: a taxonomy label key, a model choice's stored
value instead of its name, a job kind, or a Python dict or list printed as
such. The failure lists each page and each string, so a new page's gaps are
found at once.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.urls import reverse

from tests.core import role_matrix as matrix
from tests.core.test_role_matrix import ask, world  # noqa: F401
from tests.reports.conftest import fresh_rate_limits, kecamatan, make_report  # noqa: F401

ROOT = Path(__file__).resolve().parents[2] / "pantau"
SHOWN_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")
PYTHON_VALUE = re.compile(r"[\[{]\s*'\w+'\s*[:,\]]|\{'\w+'")
IDENTIFIER = re.compile(r"[a-z][a-z0-9]*(?:[_.][a-z0-9]+)+")  # politik_uang, in_review, detection.retrain
WORD = re.compile(r"[a-z][a-z0-9]*")


class VisibleText(HTMLParser):
    """The text a person reads: text between tags and the attributes shown as text, never scripts.

    Each piece says whether it is inside <code>: a key shown as code is shown as a key on purpose
    (the model page names the training file's columns), so only English is looked for there.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[tuple[str, bool]] = []
        self._hidden = self._code = 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("script", "style")
        self._code += tag == "code"
        for name, value in attrs:
            if name in SHOWN_ATTRIBUTES and value:
                self.pieces.append((value, False))

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1
        if tag == "code" and self._code:
            self._code -= 1

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self._hidden:
            self.pieces.append((text, self._code > 0))


def visible_text(html: str) -> list[tuple[str, bool]]:
    parser = VisibleText()
    parser.feed(html)
    return parser.pieces


def catalogue() -> dict[str, tuple[str, str]]:
    """msgid -> (app, Indonesian) for every translated string whose Indonesian differs from its English."""
    strings = {}
    for po_path in sorted(ROOT.glob("*/locale/id/LC_MESSAGES/django.po")):
        app = po_path.parts[-5]
        for entry in polib.pofile(str(po_path)):
            if entry.obsolete or "fuzzy" in entry.flags or not entry.msgstr:
                continue
            if entry.msgstr.strip().lower() != entry.msgid.strip().lower():
                strings[entry.msgid] = (app, entry.msgstr)
    return strings


def _phrase(msgid: str):
    """A pattern for a msgid of several words found inside a longer text (placeholders match anything)."""
    parts = PLACEHOLDER.split(msgid)
    literal = " ".join(" ".join(parts).split())
    if len(literal.split()) < 2:
        return None  # one word (or only placeholders): matched only as a whole text, below
    pattern = r".+?".join(re.escape(" ".join(part.split())) for part in parts)
    return re.compile(rf"(?<!\w){pattern}(?!\w)")


def raw_keys() -> set[str]:
    """Stored values that must never be shown as such: label keys, choice values, job kinds."""
    from pantau.detection.taxonomy import LABELS
    from pantau.jobs.registry import job_kinds

    keys = set(LABELS) | set(job_kinds())
    for model in apps.get_models():
        if not model.__module__.startswith("pantau."):
            continue
        for field in model._meta.get_fields():
            for value, label in getattr(field, "flatchoices", None) or []:
                if isinstance(value, str) and WORD.fullmatch(value.replace("_", "a").replace(".", "a")):
                    if str(label).strip().lower() != value.lower():
                        keys.add(value)
    return keys


class Checker:
    """`names`: data that may equal a key, such as the username "admin", and is not one there."""

    def __init__(self, names=()):
        self.strings = catalogue()
        self.exact = {" ".join(msgid.split()): msgid for msgid in self.strings}
        self.phrases = [(msgid, p) for msgid in self.strings if (p := _phrase(msgid))]
        keys = raw_keys()
        self.spelled = {k for k in keys if IDENTIFIER.fullmatch(k)}  # unmistakable anywhere in a text
        self.words = keys - self.spelled - set(names)  # ordinary words too ("hoaks", "done"): only whole texts

    def problems(self, html: str) -> list[str]:
        found = []
        for piece, as_code in visible_text(html):
            bare = piece.strip(" :·,.()")
            if bare in self.exact:
                found.append(self._english(self.exact[bare]))
            found += [self._english(msgid) for msgid, pattern in self.phrases if pattern.search(piece)]
            if as_code:
                continue
            # A word key alone, or in a list after a colon ("keparahan tinggi: hasutan, hoaks"),
            # but not inside a sentence, where "hoaks" is just a word of the post.
            found += [f"raw key {s!r} in {piece[:80]!r}" for s in _segments(piece) if s in self.words]
            found += [f"raw key {key!r} in {piece[:80]!r}" for key in self.spelled if _contains(piece, key)]
            if PYTHON_VALUE.search(piece):
                found.append(f"Python value {piece[:120]!r}")
        return sorted(set(found))

    def _english(self, msgid: str) -> str:
        app, indonesian = self.strings[msgid]
        return f"English {msgid!r} (pantau/{app}: {indonesian!r})"


def _segments(text: str) -> set[str]:
    return {segment.strip(" .()") for segment in re.split(r"[:;,·|]", text)}


def _contains(text: str, key: str) -> bool:
    return re.search(rf"(?<![\w/.-]){re.escape(key)}(?![\w/-]|\.\w)", text) is not None


# --- the world: the role matrix's, with a finished job of every kind and a high-severity alert


@pytest.fixture
def pages_world(world, users):  # noqa: F811
    from pantau.dashboards.alerts import check_alerts_for_posts
    from pantau.dashboards.models import WatchList
    from pantau.intake.models import Post
    from pantau.jobs.models import Job, Status

    coordinator = users["coordinator"]
    watch = WatchList.objects.create(name="Keparahan tinggi", owner=coordinator, high_severity=True, email=False)
    watch.subscribers.add(coordinator) if hasattr(watch, "subscribers") else None
    check_alerts_for_posts(Post.objects.values_list("pk", flat=True))
    jobs = {}
    for kind, title, result, message in FINISHED_JOBS:
        job = Job.objects.create(
            kind=kind, title=title, status=Status.DONE, result=result, message=message, created_by=coordinator
        )
        jobs[kind] = job.pk
    failed = Job.objects.create(
        kind="intake.import", title="Import rusak.csv", status=Status.FAILED, message="bad file", created_by=coordinator
    )
    return {**world, "jobs": jobs, "failed_job": failed.pk}


# Results as each kind's handler returns them (see the apps' jobs.py), titles as they were stored.
FINISHED_JOBS = [
    ("detection.classify", "Classify new posts", {"classified": 120, "flagged": 31, "model_version": "2024.10-1"}, ""),
    (
        "detection.retrain",
        "Retrain the detection model",
        {
            "version": "2024.11-2",
            "location": "/var/pantau/models/2024.11-2",
            "old_version": "2024.10-1",
            "comparison": [
                {
                    "label": "hasutan",
                    "old_precision": 0.8,
                    "new_precision": 0.85,
                    "old_recall": 0.6,
                    "new_recall": 0.7,
                    "old_macro_f1": 0.7,
                    "new_macro_f1": 0.75,
                },
                {
                    "label": "politik_uang",
                    "old_precision": None,
                    "new_precision": 0.9,
                    "old_recall": None,
                    "new_recall": 0.5,
                    "old_macro_f1": None,
                    "new_macro_f1": 0.64,
                },
            ],
        },
        "final fit",
    ),  # fmt: skip
    (
        "intake.import",
        "Import ekspor.csv",
        {"format": "generic_csv", "rows": 10, "created": 8, "existing": 2, "errors": [], "batches": 1},
        "ekspor.csv",
    ),
    ("coordination.run", "Coordination analysis", {"run": 1, "posts": 40, "clusters": 2, "edges": 5}, ""),
    ("documents.generate", "Laporan inventaris (PDF)", {"download": "/dokumen/unduh/1/", "file": "a.pdf"}, "a.pdf"),
]


def pages(world) -> list[tuple[str, str]]:  # noqa: F811
    """(key, url) of every page asked with GET, plus the pages only reached with a query or by mistake."""
    found = [
        (key, reverse(key, args=world[obj] if obj else ()))
        for key, (obj, _roles, method) in sorted(matrix.PAGES.items())
        if method == matrix.GET
    ]
    found += [(f"jobs:detail {kind}", reverse("jobs:detail", args=[pk])) for kind, pk in world["jobs"].items()]
    found += [("jobs:detail failed", reverse("jobs:detail", args=[world["failed_job"]]))]
    found += [("reports:status with a code", f"{reverse('reports:status')}?kode={world['_code']}")]
    found += [("404", "/tidak-ada/"), ("public 404", "/lapor/tidak-ada/")]
    return found


@pytest.mark.parametrize("role", [matrix.COORDINATOR, matrix.ADMIN, matrix.ANON])
def test_it_shows_every_page_in_indonesian_without_raw_keys(users, pages_world, role, settings):
    settings.DEBUG = False
    checker = Checker(names={user.username for user in users.values()})
    problems, seen = [], 0
    for key, url in pages(pages_world):
        response, body = ask(users.get(role), "GET", url)
        if not response.get("Content-Type", "").startswith("text/html") or response.status_code in (301, 302):
            continue
        seen += 1
        problems += [f"{role} GET {url} [{key}]: {problem}" for problem in checker.problems(body)]
    assert seen > {matrix.COORDINATOR: 50, matrix.ADMIN: 10}.get(role, 5), f"only {seen} pages rendered"
    assert not problems, "\n".join(problems)


# --- the checker itself: it must find what it is for


def test_it_finds_an_english_string_of_the_catalogue_and_a_raw_key():
    checker = Checker()
    html = (
        "<h2>Result</h2><dl><dt>comparison</dt><dd>[{'label': 'hasutan'}]</dd></dl>"
        "<p>Label: politik_uang</p><span class='badge'>in_review</span><td>hoaks</td>"
        "<p>3 account(s) flagged in the inventory.</p><li>Pantauan: keparahan tinggi: kasar, netralitas</li>"
    )
    problems = "\n".join(checker.problems(html))
    assert "English 'Result'" in problems and "Python value" in problems
    assert "raw key 'politik_uang'" in problems and "raw key 'hoaks'" in problems
    assert "English '%(count)d account(s) flagged in the inventory.'" in problems
    assert "raw key 'kasar'" in problems and "raw key 'netralitas'" in problems


def test_it_lets_indonesian_text_and_words_inside_sentences_pass():
    checker = Checker()
    html = (
        "<h2>Hasil</h2><p>Unggahan ini berisi hoaks, jangan percaya: sebarkan klarifikasi.</p>"
        "<a href='/x'>Politik uang</a>"
        "<script>var status = 'in_review';</script><p>https://www.facebook.com/info_tamiang</p>"
        "<li>Politik uang (<code>politik_uang</code>)</li>"
    )
    assert checker.problems(html) == []
