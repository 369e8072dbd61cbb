"""Coordination over the database: signatures, the pair index, clusters and flagging.

After an import, coordination/hooks.py queues one "coordination.run" job for
every batch, and the job runs `run_coordination`: it hands the posts not yet
indexed (all posts when the parameters that decide pairs changed) to
`update_coordination(post_ids)`, which computes their signatures, compares
them only with the posts inside the time window around them, stores the
coordinated pairs it finds and rebuilds the clusters from the stored pairs.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import timedelta

import numpy as np
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from pantau.core.rawsql import db_time_converter, merge_staged
from pantau.intake.models import Post
from pantau.intake.rows import dumps_json
from pantau.inventory.models import Account, WatchStatus
from pantau.jobs.db import resumable_batch, with_ids
from pantau.lib.urls import normalize_url

from . import engine
from .models import Cluster, ClusterEdge, PostPair, PostSignature, Run

# Parameters that decide which pairs are stored; min_weight only decides which edges count.
PAIR_PARAMS = ("window", "similarity", "min_tokens", "kinds", "measure")
KEEP_RUNS = 10
MAX_INTERVALS = 50
CHUNK = 2000


def params_from(data: dict | None) -> engine.Params:
    data = dict(data or {})
    if "kinds" in data:
        data["kinds"] = tuple(data["kinds"])
    allowed = {"window", "similarity", "min_weight", "min_tokens", "kinds", "measure"}
    return engine.Params(**{k: v for k, v in data.items() if k in allowed})


def current_params() -> engine.Params:
    """The parameters of the latest run (the pair index is built with them), else the defaults."""
    latest = Run.objects.first()
    return params_from(latest.params if latest else None)


def normalised_links(links) -> list[str]:
    out = []
    for link in links or []:
        if isinstance(link, str) and link.strip():
            norm = normalize_url(link)
            if norm and norm not in out:
                out.append(norm)
    return out


SIGNATURE_COLUMNS = ["post_id", "text_hash", "tokens", "links", "posted_at", "computed_at"]
# What store_signatures reads of a post, in this order.
SIGNED_FIELDS = ("pk", "text", "links", "posted_at")


def store_signatures(posts) -> int:
    """Signatures of `posts` (tuples of SIGNED_FIELDS), replacing earlier ones: staged (COPY on
    PostgreSQL) and merged with one upsert, without Django's per-value preparation of bulk_create."""
    to_db_time = db_time_converter()
    now = to_db_time(timezone.now())
    rows = []
    signed: dict[str, tuple[str, int]] = {}  # campaigns repeat one text: its hash and tokens are worked out once
    for pk, text, links, posted_at in posts:
        if text not in signed:
            canon = engine.canonical(text)
            signed[text] = (hashlib.blake2b(canon.encode(), digest_size=8).hexdigest(), len(set(canon.split())))
        text_hash, tokens = signed[text]
        rows.append((pk, text_hash, tokens, dumps_json(normalised_links(links)), to_db_time(posted_at), now))
    with resumable_batch(), connection.cursor() as cursor:
        merge_staged(
            cursor,
            "coordination_signature_staging",
            PostSignature._meta.db_table,
            SIGNATURE_COLUMNS,
            rows,
            ("post_id",),
        )
    return len(rows)


def _intervals(times: list, window: timedelta) -> list[tuple]:
    """Time ranges around the new posts, merged, at most MAX_INTERVALS (over-fetching is harmless)."""
    times = sorted(times)
    ranges: list[list] = []
    for moment in times:
        lo, hi = moment - window, moment + window
        if ranges and lo <= ranges[-1][1]:
            ranges[-1][1] = hi
        else:
            ranges.append([lo, hi])
    while len(ranges) > MAX_INTERVALS:
        gaps = [ranges[k + 1][0] - ranges[k][1] for k in range(len(ranges) - 1)]
        k = gaps.index(min(gaps))
        ranges[k : k + 2] = [[ranges[k][0], ranges[k + 1][1]]]
    return [tuple(r) for r in ranges]


def _identity(url: str) -> str:
    return url


def update_coordination(post_ids, params: engine.Params | None = None, progress=None) -> dict:
    """Index these posts and store the coordinated pairs they form with posts in their window.

    Safe to call again with the same posts (pairs are unique). Returns counts.
    Call `rebuild_clusters` (or `run_coordination`) afterwards to refresh the clusters.
    """
    params = params or current_params()
    post_ids = list(post_ids)
    eligible = Post.objects.filter(author__isnull=False, posted_at__isnull=False)
    new_ids, times = [], []
    for start in range(0, len(post_ids), CHUNK):
        batch = list(eligible.filter(pk__in=post_ids[start : start + CHUNK]).values_list(*SIGNED_FIELDS))
        store_signatures(batch)
        new_ids += [p[0] for p in batch]
        times += [p[3] for p in batch]
        if progress:
            progress(len(new_ids), len(post_ids), "signatures")
    if not new_ids:
        return {"posts": 0, "pairs": 0}
    window = timedelta(seconds=params.window)
    query = Q()
    for lo, hi in _intervals(times, window):
        query |= Q(posted_at__range=(lo, hi))
    rows = list(
        PostSignature.objects.filter(query, post__author__isnull=False).values_list(
            "post_id", "post__author_id", "post__group_id", "post__text", "links", "posted_at"
        )
    )
    posts = _posts_from(rows)
    found = engine.find_pairs(posts, params, normalize=_identity)
    fresh = set(new_ids)
    is_new = np.fromiter((pk in fresh for pk in posts.ids), dtype=bool, count=len(posts.ids))
    pairs = _pairs_in(posts, found, lambda i, j: is_new[i] | is_new[j])
    _store_pairs(pairs)
    if progress:
        progress(len(post_ids), len(post_ids), "pairs")
    return {"posts": len(new_ids), "compared_with": len(rows), "pairs": len(pairs)}


PAIR_COLUMNS = ["kind", "post_a_id", "post_b_id", "account_a_id", "account_b_id"]


def _pairs_in(posts: engine.Posts, found: dict, keep) -> list[tuple]:
    """Rows of PAIR_COLUMNS for the pairs found where `keep` (a boolean array over pair ends i, j) holds."""
    pairs = []
    for kind, (i, j) in found.items():
        kept = keep(i, j)
        for x, y in zip(i[kept].tolist(), j[kept].tolist(), strict=True):
            (acc_a, post_a), (acc_b, post_b) = sorted(
                [(posts.authors[x], posts.ids[x]), (posts.authors[y], posts.ids[y])]
            )
            pairs.append((kind, post_a, post_b, acc_a, acc_b))
    return pairs


def _store_pairs(pairs: list[tuple]) -> None:
    """Staged (COPY on PostgreSQL), then one INSERT that keeps a pair already stored (pairs are unique).

    In key order: two workers storing the pairs across their ranges' border wait on each other's
    rows in one order, never in a deadlock."""
    with resumable_batch(), connection.cursor() as cursor:
        merge_staged(
            cursor, "coordination_pair_staging", PostPair._meta.db_table, PAIR_COLUMNS, pairs,
            ("kind", "post_a_id", "post_b_id"), replace=False,
        )  # fmt: skip


# Parts: a big run cut so that several workers share it (coordination/jobs.py). First the
# signatures of the posts waiting, by post id; then the pairs, by time range; then the clusters.


def waiting_posts(full: bool = False, params: engine.Params | None = None):
    """The posts a run must index: all eligible ones after clearing the index when `full` or when the
    pair parameters changed, else those without a signature. Returns (queryset, cleared)."""
    params = params or current_params()
    latest = Run.objects.first()
    same = latest is not None and all(latest.params.get(k) == params.as_dict().get(k) for k in PAIR_PARAMS)
    eligible = Post.objects.filter(author__isnull=False, posted_at__isnull=False)
    if full or not same:
        PostPair.objects.all().delete()
        PostSignature.objects.all().delete()
        return eligible, True
    return eligible.filter(~Exists(PostSignature.objects.filter(post_id=OuterRef("pk")))), False


def sign_posts_between(first: int, last: int, progress=None) -> int:
    """Signatures of the eligible posts with ids in [first, last] that have none yet."""
    # An anti-join bounded on both sides: a left join read every signature of the table per part on PostgreSQL.
    signed = PostSignature.objects.filter(post_id=OuterRef("pk"), post_id__gte=first, post_id__lte=last)
    waiting = Post.objects.filter(author__isnull=False, posted_at__isnull=False, pk__gte=first, pk__lte=last)
    waiting = waiting.filter(~Exists(signed)).order_by("pk")
    done = 0
    ids = list(waiting.values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        rows = with_ids(Post.objects.values(*SIGNED_FIELDS), ids[start : start + CHUNK])
        done += store_signatures([tuple(row[f] for f in SIGNED_FIELDS) for row in rows])
        if progress:
            progress(done, len(ids), "signatures")
    return done


def time_ranges(size: int, first: int, last: int) -> list[tuple[str, str]]:
    """The times of the signed posts with ids in [first, last], cut into consecutive ranges of about
    `size` of them, as ISO times [from, to)."""
    signed = PostSignature.objects.filter(post_id__gte=first, post_id__lte=last)
    times = list(signed.order_by("posted_at").values_list("posted_at", flat=True))
    starts = [times[k] for k in range(0, len(times), size)]
    ends = [*starts[1:], times[-1] + timedelta(seconds=1)] if times else []
    return [(a.isoformat(), b.isoformat()) for a, b in zip(starts, ends, strict=True)]


def pairs_between(start: str, end: str, params: engine.Params | None = None, progress=None) -> dict:
    """Store the coordinated pairs with at least one post in [start, end), comparing with the posts
    inside the window around it. Two neighbouring ranges may both find a pair across their border:
    pairs are unique, so storing it twice keeps one."""
    from django.utils.dateparse import parse_datetime

    params = params or current_params()
    lo, hi = parse_datetime(start), parse_datetime(end)
    if lo is None or hi is None:
        raise ValueError(f"not a time range: {start!r} to {end!r}")
    window = timedelta(seconds=params.window)
    rows = list(
        PostSignature.objects.filter(posted_at__gte=lo - window, posted_at__lt=hi + window, post__author__isnull=False)
        .order_by("posted_at", "pk")
        .values_list("post_id", "post__author_id", "post__group_id", "post__text", "links", "posted_at")
    )
    if progress:
        progress(0, 2, "pairs")
    posts = _posts_from(rows)
    found = engine.find_pairs(posts, params, normalize=_identity)
    inside = (posts.times >= lo.timestamp()) & (posts.times < hi.timestamp())
    pairs = _pairs_in(posts, found, lambda i, j: inside[i] | inside[j])
    _store_pairs(pairs)
    if progress:
        progress(2, 2, "pairs")
    return {"posts": int(inside.sum()), "compared_with": len(rows), "pairs": len(pairs)}


def _posts_from(rows) -> engine.Posts:
    return engine.Posts(
        ids=[r[0] for r in rows],
        authors=[r[1] for r in rows],
        times=np.fromiter((r[5].timestamp() for r in rows), dtype=np.float64, count=len(rows)),
        texts=[r[3] for r in rows],
        links=[r[4] for r in rows],
        groups=[r[2] for r in rows],
    )


def rebuild_clusters(params: engine.Params, user=None, stats: dict | None = None) -> Run:
    """Clusters from the stored pairs: edges of at least min_weight acts, connected accounts."""
    rows = (
        PostPair.objects.values("kind", "account_a", "account_b")
        .annotate(weight=Count("id"))
        .filter(weight__gte=params.min_weight)
    )
    edges = [engine.Edge(r["kind"], r["account_a"], r["account_b"], r["weight"], []) for r in rows]
    wanted = {(e.kind, e.a, e.b): e for e in edges}
    if wanted:
        accounts = {e.a for e in edges}
        evidence = PostPair.objects.filter(account_a__in=accounts).order_by("post_a__posted_at", "pk")
        for kind, a, b, pa, pb in evidence.values_list("kind", "account_a", "account_b", "post_a", "post_b").iterator():
            edge = wanted.get((kind, a, b))
            if edge is not None and len(edge.evidence) < params.max_evidence:
                edge.evidence.append((pa, pb))
    groups = engine.clusters_from_edges(edges)
    with transaction.atomic():
        run = Run.objects.create(
            params=params.as_dict() | {"min_weight": params.min_weight},
            stats=(stats or {}) | {"clusters": len(groups), "edges": len(edges)},
            created_by=user,
        )
        cluster_of = {}
        for number, members in enumerate(groups, 1):
            cluster = Cluster.objects.create(run=run, number=number, size=len(members), weight=0, kinds=[])
            cluster.accounts.set(members)
            for account in members:
                cluster_of[account] = cluster
        weights: defaultdict[int, int] = defaultdict(int)
        kinds: defaultdict[int, set[str]] = defaultdict(set)
        ClusterEdge.objects.bulk_create(
            [
                ClusterEdge(
                    cluster=cluster_of[e.a],
                    kind=e.kind,
                    account_a_id=e.a,
                    account_b_id=e.b,
                    weight=e.weight,
                    evidence=[list(p) for p in e.evidence],
                )
                for e in edges
            ],
            batch_size=1000,
        )
        for e in edges:
            weights[cluster_of[e.a].pk] += e.weight
            kinds[cluster_of[e.a].pk].add(e.kind)
        for cluster in set(cluster_of.values()):
            cluster.weight = weights[cluster.pk]
            cluster.kinds = sorted(kinds[cluster.pk])
            cluster.save(update_fields=["weight", "kinds"])
        old = Run.objects.exclude(pk=run.pk).order_by("-created_at", "-pk")[KEEP_RUNS - 1 :]
        # Runs whose clusters were flagged, or that a case was opened from (cases.Case.clusters), are kept.
        expired = Run.objects.filter(pk__in=[r.pk for r in old]).exclude(clusters__flagged_at__isnull=False)
        expired.exclude(clusters__cases__isnull=False).delete()
    return run


def run_coordination(params: engine.Params | None = None, user=None, full: bool = False, progress=None) -> Run:
    """Index the posts not yet indexed (all of them when the pair parameters changed) and rebuild clusters."""
    params = params or current_params()
    waiting, _cleared = waiting_posts(full, params)
    stats = update_coordination(list(waiting.values_list("pk", flat=True)), params, progress)
    return rebuild_clusters(params, user, stats)


def flag_cluster_accounts(cluster: Cluster, user) -> int:
    """Put a cluster's accounts in the inventory as flagged (ditandai), with the cluster as evidence.

    Accounts further along the workflow (confirmed, followed up, closed) keep
    their status; every account gets the note. Returns how many changed status.
    """
    from pantau.inventory.services import change_status

    stamp = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    kinds = ", ".join(cluster.kinds)
    reason = (
        f"Koordinasi: klaster #{cluster.number} ({cluster.size} akun, {cluster.weight} aksi "
        f"terkoordinasi: {kinds}) /koordinasi/{cluster.pk}/"
    )
    note = f"[{stamp}] {reason} — ditandai oleh {user.get_username()}"
    changed = 0
    with transaction.atomic():
        for account in Account.objects.select_for_update().filter(coordination_clusters=cluster):
            if account.status == WatchStatus.WATCHED:
                # The inventory's workflow records who, when and why in the status history.
                change_status(account, WatchStatus.FLAGGED, user, reason)
                changed += 1
            account.notes = f"{account.notes}\n{note}".strip()
            account.save(update_fields=["notes", "updated_at"])
        cluster.flagged_at = timezone.now()
        cluster.flagged_by = user
        cluster.save(update_fields=["flagged_at", "flagged_by"])
    return changed
