"""Detection's domain functions over the database: classify, review, risk, retrain, fact-checks."""

from __future__ import annotations

import json
import shutil
from functools import partial
from pathlib import Path

from django.db import transaction
from django.db.models import Count, F, Max, Q, Sum
from django.utils import timezone

from pantau.intake.models import Post
from pantau.inventory.models import Account, Group
from pantau.inventory.risk import risk_score
from pantau.jobs.db import retry_when_locked
from pantau.lib.env import env_str

from . import engine
from .factchecks import FactCheckMatcher, fact_key
from .linear import SHIPPED_MODEL_DIR, LinearModel
from .models import Classification, FactCheck, Review, SlangEntry
from .taxonomy import LABELS

BATCH = 2000
# Risk scores written per transaction: short, so an import waits little for the rows it shares.
RISK_WRITE_BATCH = 500


# One detector per process, kept while its model, slang entries and fact-checks stay the same: building
# the fact-check matcher takes about 50 s at 100,000 claims, too long to repeat for every job.
_DETECTOR_CACHE: dict[tuple, engine.Detector] = {}


def office_detector() -> engine.Detector:
    """The detector with the office's slang entries and fact-checks (reads the database)."""
    extra = dict(SlangEntry.objects.values_list("slang", "standard"))
    latest = FactCheck.objects.aggregate(m=Max("id"), n=Count("id"))
    model_dir = engine.active_model_dir()
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


def _build_office_detector(extra: dict, latest: dict) -> engine.Detector:
    detector = engine.load_detector(extra_slang={k.lower(): v.lower() for k, v in extra.items()})
    facts = list(FactCheck.objects.filter(is_false=True).values("id", "claim", "url"))
    for f in facts:
        f["normalised"] = detector.normalizer.normalize(f["claim"])
    detector.matcher = FactCheckMatcher(facts) if facts else None
    fc = f"/fc-{latest['n']}-{latest['m'] or 0}" if facts else ""
    slang = f"/slang-{len(extra)}" if extra else ""
    detector.office_version = f"{detector.version}{slang}{fc}"[:120]
    return detector


def classify_posts(posts, detector=None, progress=None, on_classified=None) -> dict:
    """Classify `posts` (a queryset) in batches and store one Classification per post.

    `on_classified(post_ids)` is called once at the end, after every batch is committed.
    """
    detector = detector or office_detector()
    version = getattr(detector, "office_version", detector.version)
    ids = sorted(posts.values_list("pk", flat=True))  # in key order, like every writer of shared rows
    total, done, flagged = len(ids), 0, 0
    authors: set[int] = set()
    groups: set[int] = set()
    for start in range(0, total, BATCH):
        chunk = list(
            Post.objects.filter(pk__in=ids[start : start + BATCH]).values(
                "pk", "text", "posted_at", "author_id", "group_id"
            )
        )
        results = detector.classify([p["text"] for p in chunk], [p["posted_at"] for p in chunk])
        objs = []
        for p, r in zip(chunk, results, strict=True):
            fc_id = (r.get("factcheck") or {}).get("id")
            objs.append(
                Classification(
                    post_id=p["pk"],
                    scores=r["labels"],
                    flagged=r["flagged"],
                    severity=r["severity"],
                    explanation=r["explanation"],
                    factcheck_id=fc_id,
                    model_version=version,
                    created_at=timezone.now(),
                )
            )
            flagged += bool([f for f in r["flagged"] if f != "positif"])
            if p["author_id"]:
                authors.add(p["author_id"])
            if p["group_id"]:
                groups.add(p["group_id"])
        retry_when_locked(
            lambda objs=objs: Classification.objects.bulk_create(
                objs,
                update_conflicts=True,
                unique_fields=["post"],
                update_fields=[
                    "scores",
                    "flagged",
                    "severity",
                    "explanation",
                    "factcheck",
                    "model_version",
                    "created_at",
                ],
            )
        )
        done += len(chunk)
        if progress:
            progress(done, total, f"{done}/{total}")
    recompute_risk_scores(authors, groups)
    if on_classified and ids:
        on_classified(ids)
    return {"classified": total, "flagged": flagged, "model_version": version}


def posts_needing_classification(version: str):
    return Post.objects.filter(Q(classification__isnull=True) | ~Q(classification__model_version=version))


def classify_new_posts(progress=None, on_classified=None, part: tuple[int, int] | None = None) -> dict:
    """Classify every post without a current classification (none yet, or by another model).

    With `part` (first and last post id), only the posts of that range: one of the parts that
    `classification_parts` cut, which several workers classify at once.
    """
    detector = office_detector()
    posts = posts_needing_classification(detector.office_version)
    if part is not None:
        posts = posts.filter(pk__gte=part[0], pk__lte=part[1])
    return classify_posts(posts, detector, progress, on_classified)


def classification_parts(size: int, taken: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """Cut the posts waiting for classification into id ranges of at most `size` posts.

    Posts inside a range in `taken` (parts already queued or running) are left out, so
    a classification started while parts are still waiting does not do their work twice.
    """
    waiting = posts_needing_classification(office_detector().office_version)
    for first, last in taken:
        waiting = waiting.exclude(pk__gte=first, pk__lte=last)
    ids = list(waiting.order_by("pk").values_list("pk", flat=True))
    return [(ids[start], ids[min(start + size, len(ids)) - 1]) for start in range(0, len(ids), size)]


def start_classification(user=None):
    from pantau.jobs.runner import start_job

    return start_job("detection.classify", "Classify new posts", {}, user=user)


def recompute_risk_scores(account_ids=None, group_ids=None) -> int:
    """Risk of accounts (from their posts) and groups (from the posts in them) on the one scale of
    pantau/inventory/risk.py.

    With no ids given, every account and group. Works in chunks so a
    million posts stay within SQLite's parameter limit, and writes in short
    transactions that lock rows in primary-key order (as the import does), so
    the two never deadlock on PostgreSQL.
    """
    if account_ids is None and group_ids is None:
        account_ids = Account.objects.values_list("pk", flat=True)
        group_ids = Group.objects.values_list("pk", flat=True)
    changed = 0
    for model, field, ids in ((Account, "author", account_ids or []), (Group, "group", group_ids or [])):
        ids = sorted(set(ids))
        for start in range(0, len(ids), 5000):
            changed += _recompute_chunk(model, field, ids[start : start + 5000])
    return changed


def _recompute_chunk(model, field: str, ids) -> int:
    """`field` is the Post field that points at `model` (author or group)."""
    key = f"post__{field}"
    rows = model.objects.filter(pk__in=ids)

    def per_row(queryset, value):
        return dict(queryset.filter(**{f"{key}__in": rows}).values(key).annotate(v=value).values_list(key, "v"))

    sums = per_row(Classification.objects, Sum("severity"))
    classified = per_row(Classification.objects, Count("id"))
    confirmed = per_row(Review.objects.filter(decision=Review.Decision.CONFIRMED), Count("id"))
    rejected = per_row(Review.objects.filter(decision=Review.Decision.REJECTED), Count("id"))
    changed = []
    for row in rows.only("pk", "risk_score"):
        risk = risk_score(
            sums.get(row.pk) or 0, classified.get(row.pk, 0), confirmed.get(row.pk, 0), rejected.get(row.pk, 0)
        )
        if risk != row.risk_score:
            row.risk_score = risk
            changed.append(row)
    for start in range(0, len(changed), RISK_WRITE_BATCH):
        retry_when_locked(partial(_write_risk, model, changed[start : start + RISK_WRITE_BATCH]))
    return len(changed)


def _write_risk(model, rows) -> None:
    """One set-based UPDATE of risk scores, its rows locked first in primary-key order."""
    with transaction.atomic():
        list(model.objects.filter(pk__in=[row.pk for row in rows]).order_by("pk").select_for_update().values_list("pk"))
        model.objects.bulk_update(rows, ["risk_score"])


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


def review_examples():
    from .training import MODEL_LABELS, REVIEW_WEIGHT, Example

    latest: dict[tuple[int, str], str] = {}
    for post_id, label, decision in Review.objects.order_by("created_at").values_list("post_id", "label", "decision"):
        if label in MODEL_LABELS:
            latest[(post_id, label)] = decision
    by_post: dict[int, dict[str, int]] = {}
    for (post_id, label), decision in latest.items():
        by_post.setdefault(post_id, {})[label] = int(decision == Review.Decision.CONFIRMED)
    texts = dict(Post.objects.filter(pk__in=list(by_post)).values_list("pk", "text"))
    return [Example(texts[pid], labels, REVIEW_WEIGHT) for pid, labels in by_post.items() if pid in texts]


def train_model(data_path, out_dir: Path | None = None, with_reviews=False, progress=print, version=None, folds=5):
    """Train on the base data (plus reviews), save under out_dir (default PANTAU_HOME/models/VERSION)."""
    from .training import data_fingerprint, read_dataset, train

    data_path = Path(data_path)
    examples = read_dataset(data_path)
    reviews = review_examples() if with_reviews else []
    normalizer = engine.build_normalizer()
    meta = {
        "version": version,
        "data": {
            "name": "Ibrohim & Budi (2019) id-multi-label-hate-speech-and-abusive-language-detection",
            "license": "CC BY-NC-SA 4.0",
            "path": str(data_path.resolve()),
            "sha256_16": data_fingerprint(data_path),
            "rows": len(examples),
            "reviews": len(reviews),
        },
    }
    model = train(examples + reviews, normalizer.tokens, folds=folds, progress=progress, meta=meta)
    target = out_dir or engine.models_dir() / model.version
    model.save(target)
    return model, target


def active_metrics() -> dict:
    return LinearModel.load(engine.active_model_dir()).meta


def list_models() -> list[dict]:
    out = []
    active = engine.active_model_dir()
    shipped = json.loads((SHIPPED_MODEL_DIR / "model.json").read_text())
    out.append(dict(shipped, location="shipped", active=active == SHIPPED_MODEL_DIR))
    root = engine.models_dir()
    if root.exists():
        for d in sorted(root.iterdir()):
            if (d / "model.json").exists():
                meta = json.loads((d / "model.json").read_text())
                out.append(dict(meta, location=str(d), active=d == active))
    return out


def activate_model(version: str) -> Path:
    root = engine.models_dir()
    if version in ("shipped", "default"):
        (root / "ACTIVE").unlink(missing_ok=True)
        engine.default_detector.cache_clear()
        return SHIPPED_MODEL_DIR
    target = root / version
    if not (target / "model.json").exists() or "/" in version or ".." in version:
        raise FileNotFoundError(f"no model {version!r} in {root}")
    LinearModel.load(target)  # refuse a broken model before switching
    root.mkdir(parents=True, exist_ok=True)
    (root / "ACTIVE").write_text(version + "\n", encoding="utf-8")
    engine.default_detector.cache_clear()
    return target


def delete_model(version: str) -> None:
    target = engine.models_dir() / version
    if target.exists() and target != engine.active_model_dir():
        shutil.rmtree(target)


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
