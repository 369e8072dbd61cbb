"""Detection's domain functions over the database: classify, review, risk, retrain, fact-checks."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any, cast

from django.db import connection, transaction
from django.db.models import Count, Exists, F, Max, OuterRef, Q
from django.utils import timezone

from pantau.core.rawsql import db_time_converter, key_chunks, key_in, merge_staged
from pantau.intake.models import Post
from pantau.intake.rows import dumps_json
from pantau.inventory.models import Account, Group
from pantau.inventory.risk import risk_score
from pantau.inventory.scores import write_risk_scores
from pantau.jobs.db import resumable_batch, retry_when_locked, with_ids
from pantau.jobs.parts import id_ranges
from pantau.lib.env import env_str

from . import engine, files, normalising
from .factchecks import FactCheckMatcher, fact_key
from .linear import SHIPPED_MODEL_DIR, LinearModel
from .models import Classification, FactCheck, Review, SlangEntry
from .taxonomy import LABELS

BATCH = 2000


# One detector per process, kept while its model, slang entries and fact-checks stay the same: building
# the fact-check matcher takes about 50 s at 100,000 claims, too long to repeat for every job.
_DETECTOR_CACHE: dict[tuple, engine.Detector] = {}


def office_detector() -> engine.Detector:
    """The detector with the office's slang entries and fact-checks (reads the database)."""
    extra = dict(SlangEntry.objects.values_list("slang", "standard"))
    latest = FactCheck.objects.aggregate(m=Max("id"), n=Count("id"))
    model_dir = files.active_model_dir()
    model_file = model_dir / "model.json"
    key = (
        str(model_dir),
        model_file.stat().st_mtime_ns if model_file.exists() else 0,
        tuple(sorted(extra.items())),
        latest["n"],
        latest["m"],
        # With the newest claim's own key: ids start again in a new database (a restore, a test).
        FactCheck.objects.order_by("-id").values_list("key", flat=True).first(),
    )
    if key not in _DETECTOR_CACHE:
        _DETECTOR_CACHE.clear()
        _DETECTOR_CACHE[key] = _build_office_detector(extra, latest)
    return _DETECTOR_CACHE[key]


def _build_office_detector(extra: dict, latest: dict, model_dir: Path | None = None) -> engine.Detector:
    detector = engine.load_detector(model_dir, extra_slang={k.lower(): v.lower() for k, v in extra.items()})
    # The matcher's entries are these rows with their normalised claim added.
    facts = cast(list[dict[str, Any]], list(FactCheck.objects.filter(is_false=True).values("id", "claim", "url")))
    for f in facts:
        f["normalised"] = detector.normalizer.normalize(f["claim"])
    detector.matcher = FactCheckMatcher(facts) if facts else None
    fc = f"/fc-{latest['n']}-{latest['m'] or 0}" if facts else ""
    slang = f"/slang-{len(extra)}" if extra else ""
    detector.office_version = f"{detector.version}{slang}{fc}"[:120]
    return detector


def classify_posts(posts, detector=None, progress=None, on_classified=None, with_risk=True) -> dict:
    """Classify `posts` (a queryset) in batches and store one Classification per post.

    `on_classified(post_ids)` is called once at the end, after every batch is committed. Then
    the risk scores of the posts' authors and groups, unless `with_risk` is off (a part of a big
    classification, whose follow-up does them once for all parts: `recompute_risk_of_posts`).
    """
    detector = detector or office_detector()
    version = getattr(detector, "office_version", detector.version)
    to_db_time = db_time_converter()
    ids = sorted(posts.order_by().values_list("pk", flat=True))  # in key order, like every writer of shared rows
    total, done, flagged = len(ids), 0, 0
    authors: set[int] = set()
    groups: set[int] = set()
    for start in range(0, total, BATCH):
        posts_read = Post.objects.values("pk", "text", "posted_at", "author_id", "group_id")
        chunk = with_ids(posts_read, ids[start : start + BATCH])
        results = detector.classify([p["text"] for p in chunk], [p["posted_at"] for p in chunk])
        now = to_db_time(timezone.now())
        rows = []
        for p, r in zip(chunk, results, strict=True):
            rows.append(_stored_row(p["pk"], r, version, now))
            flagged += bool([f for f in r["flagged"] if f != "positif"])
            if p["author_id"]:
                authors.add(p["author_id"])
            if p["group_id"]:
                groups.add(p["group_id"])
        retry_when_locked(partial(_store_classifications, rows))
        done += len(chunk)
        if progress:
            progress(done, total, f"{done}/{total}")
    if with_risk:
        recompute_risk_scores(authors, groups)
    if on_classified and ids:
        on_classified(ids)
    return {"classified": total, "flagged": flagged, "model_version": version}


def _stored_row(post_id: int, result: dict, version: str, now) -> tuple:
    """A detector's result as a row of STORED_COLUMNS (JSON as text, as both databases take it)."""
    return (
        post_id,
        dumps_json(result["labels"]),
        dumps_json(result["flagged"]),
        result["severity"],
        dumps_json(result["explanation"]),
        (result.get("factcheck") or {}).get("id"),
        version,
        now,
    )


# The columns of one stored result, in the order of _stored_row.
STORED_COLUMNS = [
    "post_id",
    "scores",
    "flagged",
    "severity",
    "explanation",
    "factcheck_id",
    "model_version",
    "created_at",
]


def _store_classifications(rows) -> None:
    """One batch's results, replacing any earlier ones of the same posts: staged (COPY on
    PostgreSQL) and merged with one upsert. Django's bulk_create prepared every value in Python
    and, on PostgreSQL, quoted each array it binds: more time than classifying the batch."""
    with resumable_batch(), connection.cursor() as cursor:
        merge_staged(
            cursor,
            "detection_classification_staging",
            Classification._meta.db_table,
            STORED_COLUMNS,
            rows,
            ("post_id",),
        )


def posts_needing_classification(version: str, part: tuple[int, int] | None = None):
    """The posts with no classification by `version` (none yet, or by another model); with `part`
    (first and last post id), only those of that range.

    An anti-join on the classification's own post id, bounded by the range on both sides: the
    left join it replaces read every classification of the table for each part on PostgreSQL.
    """
    current = Classification.objects.filter(post_id=OuterRef("pk"), model_version=version)
    posts = Post.objects.order_by()
    if part is not None:
        posts = posts.filter(pk__gte=part[0], pk__lte=part[1])
        current = current.filter(post_id__gte=part[0], post_id__lte=part[1])
    return posts.filter(~Exists(current))


def classify_new_posts(
    progress=None, on_classified=None, part: tuple[int, int] | None = None, with_risk: bool = True
) -> dict:
    """Classify every post without a current classification (none yet, or by another model).

    With `part` (first and last post id), only the posts of that range: one of the parts that
    `classification_parts` cut, which several workers classify at once.
    """
    detector = office_detector()
    posts = posts_needing_classification(detector.office_version, part)
    return classify_posts(posts, detector, progress, on_classified, with_risk)


def classification_parts(size: int, taken: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Cut the posts waiting for classification into id ranges of at most `size` posts.

    Posts inside a range in `taken` (parts already queued or running) are left out, so
    a classification started while parts are still waiting does not do their work twice.
    """
    waiting = posts_needing_classification(office_detector().office_version)
    for first, last in taken:
        waiting = waiting.exclude(pk__gte=first, pk__lte=last)
    return id_ranges(list(waiting.order_by("pk").values_list("pk", flat=True)), size)


def start_classification(user=None):
    from pantau.jobs.runner import start_job

    return start_job("detection.classify", "Classify new posts", {}, user=user)


def recompute_risk_scores(account_ids=None, group_ids=None) -> int:
    """Risk of accounts (from their posts) and groups (from the posts in them) on the one scale of
    pantau/inventory/risk.py.

    With no ids given, every account and group. The posts of many accounts are read in one
    grouped query on PostgreSQL (in chunks on SQLite, for its parameter limit): a chunk each read
    the whole posts table there, so the follow-up of a million posts read it 26 times.
    inventory's write_risk_scores stores them (short transactions, rows locked in key order).
    """
    if account_ids is None and group_ids is None:
        account_ids = Account.objects.values_list("pk", flat=True)
        group_ids = Group.objects.values_list("pk", flat=True)
    changed = 0
    for model, field, ids in ((Account, "author_id", account_ids or []), (Group, "group_id", group_ids or [])):
        for chunk in key_chunks(sorted(set(ids))):
            changed += write_risk_scores(model, _risks(field, chunk))
    return changed


def recompute_risk_of_posts(first: int, last: int) -> int:
    """The risk scores of the authors and groups of the posts with ids in [first, last]; how many changed."""
    posts = Post.objects.filter(pk__gte=first, pk__lte=last).order_by()  # no order: DISTINCT would add its column
    authors = posts.filter(author__isnull=False).values_list("author_id", flat=True).distinct()
    groups = posts.filter(group__isnull=False).values_list("group_id", flat=True).distinct()
    return recompute_risk_scores(list(authors), list(groups))


def _risks(field: str, ids: list[int]) -> dict[int, float]:
    """The risk of each of `ids`, whose posts point at it by `field` (author_id or group_id).

    Two grouped queries on the posts' own column (no join with the accounts or groups): the
    classifications' severities summed and counted, then the analysts' decisions counted.
    """
    qn = connection.ops.quote_name
    posts = qn(Post._meta.db_table)
    owner = f"p.{qn(field)}"
    where, keys = key_in(owner, ids, "bigint")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {owner}, SUM(c.severity), COUNT(*) FROM {qn(Classification._meta.db_table)} c "
            f"JOIN {posts} p ON p.id = c.post_id WHERE {where} GROUP BY {owner}",
            keys,
        )
        classified = {pk: (points, n) for pk, points, n in cursor.fetchall()}
        cursor.execute(
            f"SELECT {owner}, SUM(CASE WHEN r.decision = %s THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN r.decision = %s THEN 1 ELSE 0 END) FROM {qn(Review._meta.db_table)} r "
            f"JOIN {posts} p ON p.id = r.post_id WHERE {where} GROUP BY {owner}",
            [Review.Decision.CONFIRMED, Review.Decision.REJECTED, *keys],
        )
        decisions = {pk: (confirmed, rejected) for pk, confirmed, rejected in cursor.fetchall()}
    risks = {}
    for pk in ids:
        points, posts_counted = classified.get(pk, (0, 0))
        risks[pk] = risk_score(points or 0, posts_counted, *decisions.get(pk, (0, 0)))
    return risks


def review_queue(label: str | None = None):
    """Classified posts with a flag nobody has decided on yet, most severe and riskiest first."""
    qs = (
        Classification.objects.filter(severity__gt=0)
        .select_related("post", "post__author", "post__group")
        .order_by("-severity", F("post__author__risk_score").desc(nulls_last=True), "-post__posted_at", "-pk")
    )
    if label:
        qs = qs.filter(flagged_with(label))
    reviewed = Review.objects.values("post_id")
    return qs.exclude(post_id__in=reviewed)


def flagged_with(label: str, prefix: str = "") -> Q:
    """A filter for classifications (or, with prefix "classification__", posts) flagged with `label`."""
    if _json_contains_supported():
        return Q(**{f"{prefix}flagged__contains": [label]})
    # SQLite: the JSON list as text holds the quoted label
    return Q(**{f"{prefix}flagged__icontains": f'"{label}"'})


def _json_contains_supported() -> bool:
    from django.db import connection

    return connection.features.supports_json_field_contains


def record_review(post, label: str, decision: str, user) -> Review:
    if label not in LABELS:
        raise ValueError(f"unknown label {label!r}")
    if decision not in Review.Decision.values:
        raise ValueError(f"unknown decision {decision!r}")
    review = Review.objects.create(post=post, label=label, decision=decision, user=user)
    recompute_risk_scores([post.author_id] if post.author_id else [], [post.group_id] if post.group_id else [])
    return review


MAX_BULK_REVIEWS = 500


@transaction.atomic
def record_reviews(items, decision: str, user) -> list[Review]:
    """One decision on many (post, label) pairs at once, the review queue's bulk action.

    Every label is checked before anything is saved, and risk scores are
    recomputed once for all the accounts and groups touched.
    """
    if decision not in Review.Decision.values:
        raise ValueError(f"unknown decision {decision!r}")
    items = list(dict.fromkeys((post, label) for post, label in items))
    if not items:
        raise ValueError("nothing chosen")
    if len(items) > MAX_BULK_REVIEWS:
        raise ValueError(f"at most {MAX_BULK_REVIEWS} decisions at once")
    unknown = sorted({label for _post, label in items if label not in LABELS})
    if unknown:
        raise ValueError(f"unknown label {unknown[0]!r}")
    reviews = Review.objects.bulk_create(
        [Review(post=post, label=label, decision=decision, user=user) for post, label in items]
    )
    recompute_risk_scores(
        {post.author_id for post, _label in items if post.author_id},
        {post.group_id for post, _label in items if post.group_id},
    )
    return reviews


# --- models: train, retrain, activate -------------------------------------------------------


SHIPPED_TRAINING_DATA = Path(__file__).resolve().parent / "data" / "re_dataset.csv.gz"


def training_data_path(explicit: str | None = None) -> Path:
    """The base data to retrain on: the one asked for, PANTAU_TRAINING_DATA, else the copy shipped in the package."""
    chosen = explicit or env_str("PANTAU_TRAINING_DATA")
    if chosen:
        path = Path(chosen)
        if not path.is_file():
            raise FileNotFoundError(f"no training data at {path}")
        return path
    return SHIPPED_TRAINING_DATA


# Every HOLD_BACK-th reviewed post (by a hash of its id, so it stays held back in every
# retraining) is kept out of training: the candidate is compared with the active model on it.
HOLD_BACK = 5


def is_held_back(post_id: int) -> bool:
    return int(hashlib.sha256(str(post_id).encode()).hexdigest(), 16) % HOLD_BACK == 0


def review_examples():
    """The analysts' latest decision on every (post, label), as one example per post, every label included."""
    from .training import REVIEW_WEIGHT, Example

    latest: dict[tuple[int, str], str] = {}
    for post_id, label, decision in Review.objects.order_by("created_at", "id").values_list(
        "post_id", "label", "decision"
    ):
        latest[(post_id, label)] = decision
    by_post: dict[int, dict[str, int]] = {}
    for (post_id, label), decision in latest.items():
        by_post.setdefault(post_id, {})[label] = int(decision == Review.Decision.CONFIRMED)
    posts = {p["pk"]: p for p in Post.objects.filter(pk__in=list(by_post)).values("pk", "text", "posted_at")}
    return [
        Example(posts[pid]["text"], labels, REVIEW_WEIGHT, "review", pid, posts[pid]["posted_at"])
        for pid, labels in sorted(by_post.items())
        if pid in posts
    ]


def train_model(
    data_path,
    out_dir: Path | None = None,
    with_reviews=False,
    progress=print,
    version=None,
    folds=5,
    cross_source=False,
    check_posts: Path | None = None,
):
    """Train on the base data (plus the reviews not held back), save under out_dir (default
    PANTAU_HOME/models/VERSION). With reviews, the candidate is compared with the active model
    (comparison.py) and the result stored in its model.json; with `cross_source`, the figures of
    training.cross_source; with `check_posts` (JSON lines of text and expected labels, written by
    the project), the whole detector's confusion by label on them. Every model directory gets its card."""
    from . import comparison, modelcard
    from .training import cross_source as measure_cross_source
    from .training import data_fingerprint, read_dataset, train

    data_path = Path(data_path)
    examples = read_dataset(data_path)
    reviews = review_examples() if with_reviews else []
    held = [e for e in reviews if is_held_back(e.post_id)]
    trained_on = [e for e in reviews if not is_held_back(e.post_id)]
    normalizer = normalising.build_normalizer()
    tokenize = normalising.model_tokenizer(normalizer, normalising.build_masker())
    meta = {
        "version": version,
        "masked": True,
        "data": {
            "name": "Ibrohim & Budi (2019) id-multi-label-hate-speech-and-abusive-language-detection",
            "license": "CC BY-NC-SA 4.0",
            "path": str(data_path.resolve()),
            "sha256_16": data_fingerprint(data_path),
            "rows": len(examples),
            "reviews": len(trained_on),
            "reviews_held_back": len(held),
        },
    }
    model = train(examples + trained_on, tokenize, folds=folds, progress=progress, meta=meta)
    if cross_source:
        model.meta["cross_source"] = measure_cross_source(examples, tokenize, model.thresholds, progress=progress)
    target = out_dir or files.models_dir() / model.version
    model.save(target)
    if check_posts:
        model.meta["project_posts"] = dict(
            comparison.on_decisions(engine.load_detector(target), read_check_posts(check_posts)),
            path=Path(check_posts).name,
        )
    if with_reviews:
        old_dir = files.active_model_dir()
        items = [(e.text, e.posted_at, e.labels) for e in held]
        old_detector, new_detector = _comparison_detectors(old_dir, target)
        old_eval = comparison.on_decisions(old_detector, items)
        new_eval = comparison.on_decisions(new_detector, items)
        model.meta["comparison"] = comparison.compare(LinearModel.load(old_dir).meta, model.meta, old_eval, new_eval)
    model.save(target)
    modelcard.write(json.loads((target / "model.json").read_text()), target / "MODEL_CARD.md")
    return model, target


def _comparison_detectors(old_dir: Path, new_dir: Path) -> tuple[engine.Detector, engine.Detector]:
    """Two detectors as the office runs them (its slang and fact-checks), with the models of the two
    directories; the fact-check matcher is built once and shared."""
    extra = dict(SlangEntry.objects.values_list("slang", "standard"))
    old = _build_office_detector(extra, FactCheck.objects.aggregate(m=Max("id"), n=Count("id")), old_dir)
    new = engine.load_detector(new_dir, extra_slang={k.lower(): v.lower() for k, v in extra.items()})
    new.matcher = old.matcher
    return old, new


def read_check_posts(path) -> list[tuple[str, None, dict[str, int]]]:
    """Posts with expected labels (JSON lines: text, labels): every label is a decision, present or absent."""
    items = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            items.append((row["text"], None, {lab: int(lab in row["labels"]) for lab in LABELS}))
    return items


def active_metrics() -> dict:
    return LinearModel.load(files.active_model_dir()).meta


def list_models() -> list[dict]:
    out = []
    active = files.active_model_dir()
    shipped = json.loads((SHIPPED_MODEL_DIR / "model.json").read_text())
    out.append(dict(shipped, location="shipped", active=active == SHIPPED_MODEL_DIR))
    root = files.models_dir()
    if root.exists():
        for d in sorted(root.iterdir()):
            if (d / "model.json").exists():
                meta = json.loads((d / "model.json").read_text())
                out.append(dict(meta, location=str(d), active=d == active))
    return out


def activate_model(version: str) -> Path:
    """Make a stored model the active one; a candidate worse than the model it was compared with
    is refused (ValueError with the reasons)."""
    from .comparison import describe_in_english, refusal

    root = files.models_dir()
    if version in ("shipped", "default"):
        (root / "ACTIVE").unlink(missing_ok=True)
        engine.default_detector.cache_clear()
        return SHIPPED_MODEL_DIR
    target = root / version
    if not (target / "model.json").exists() or "/" in version or ".." in version:
        raise FileNotFoundError(f"no model {version!r} in {root}")
    reasons = refusal(LinearModel.load(target).meta)  # and a broken model is refused before switching
    if reasons:
        raise ValueError(f"{version} is not offered for activation: " + "; ".join(map(describe_in_english, reasons)))
    root.mkdir(parents=True, exist_ok=True)
    (root / "ACTIVE").write_text(version + "\n", encoding="utf-8")
    engine.default_detector.cache_clear()
    return target


def compare_metrics(old: dict, new: dict) -> list[dict]:
    rows = []
    for label in sorted(set(old.get("metrics", {})) | set(new.get("metrics", {}))):
        o, n = old.get("metrics", {}).get(label, {}), new.get("metrics", {}).get(label, {})
        rows.append(
            {
                "label": label,
                "old_precision": o.get("precision"),
                "new_precision": n.get("precision"),
                "old_recall": o.get("recall"),
                "new_recall": n.get("recall"),
                "old_macro_f1": o.get("macro_f1_at_0_5"),
                "new_macro_f1": n.get("macro_f1_at_0_5"),
            }
        )
    return rows


# --- fact-checks ------------------------------------------------------------------------------


def import_factchecks(items: list[dict], source: str, user=None) -> tuple[int, int]:
    created = existing = 0
    for item in items:
        _, was_created = FactCheck.objects.get_or_create(
            key=fact_key(item["claim"], item["url"]), defaults=dict(item, source=source, created_by=user)
        )
        created += was_created
        existing += not was_created
    return created, existing
