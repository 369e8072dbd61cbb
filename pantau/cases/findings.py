"""Findings (temuan) from the office's own monitoring: what a case opened from posts, an account or a cluster
links to, and the violations the posts' labels suggest (the analyst confirms them on the form)."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from pantau.coordination.access import clusters_for
from pantau.intake.access import posts_for
from pantau.intake.models import PostEvidence
from pantau.inventory.access import accounts_for

from . import domain

# A finding names the posts it is about; a cluster of thousands of acts is represented by its evidence sample.
MAX_POSTS = 200


@dataclass
class Sources:
    """What the analyst chose (`chosen_*` ids, carried by the form) and everything that follows from it."""

    chosen_posts: list[int] = field(default_factory=list)
    chosen_accounts: list[int] = field(default_factory=list)
    chosen_clusters: list[int] = field(default_factory=list)
    posts: list = field(default_factory=list)
    accounts: list = field(default_factory=list)
    clusters: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.posts or self.accounts or self.clusters)


def _ids(values) -> list[int]:
    return sorted({int(v) for v in values if str(v).isdigit()})[:MAX_POSTS]


def sources_for(user, post_ids=(), account_ids=(), cluster_ids=()) -> Sources:
    """The posts, accounts and clusters `user` may see among those chosen, with what they bring along:
    a cluster its accounts and the posts of its evidence, an account its flagged posts, a post its author."""
    clusters = list(clusters_for(user).filter(pk__in=_ids(cluster_ids)).prefetch_related("accounts", "edges"))
    accounts = {a.pk: a for a in accounts_for(user).filter(pk__in=_ids(account_ids))}
    chosen_accounts = list(accounts)
    post_keys = list(_ids(post_ids))
    for cluster in clusters:
        accounts.update({a.pk: a for a in cluster.accounts.all()})
        post_keys += [pk for edge in cluster.edges.all() for pair in edge.evidence for pk in pair]
    visible = posts_for(user).select_related("author", "classification")
    posts = {p.pk: p for p in visible.filter(pk__in=list(dict.fromkeys(post_keys))[:MAX_POSTS])}
    if chosen_accounts and len(posts) < MAX_POSTS:
        flagged = visible.filter(author__in=chosen_accounts, classification__severity__gt=0).order_by("-posted_at")
        posts.update({p.pk: p for p in flagged[: MAX_POSTS - len(posts)]})
    authors = {p.author_id for p in posts.values() if p.author_id} - set(accounts)
    accounts.update({a.pk: a for a in accounts_for(user).filter(pk__in=authors)})
    return Sources(
        chosen_posts=_ids(post_ids),
        chosen_accounts=chosen_accounts,
        chosen_clusters=[c.pk for c in clusters],
        posts=sorted(posts.values(), key=lambda p: (p.posted_at is None, p.posted_at, p.pk)),
        accounts=list(accounts.values()),
        clusters=clusters,
    )


def proposed_violations(posts) -> list[tuple[str, int]]:
    """(violation label, number of posts) from the posts' flagged labels that are violations, most posts first.

    An analyst's latest review of a label on a post overrides the model: rejected labels are dropped,
    confirmed ones added.
    """
    from pantau.detection.models import Classification, Review

    ids = [p.pk for p in posts]
    labels = {c.post_id: set(c.flagged) for c in Classification.objects.filter(post_id__in=ids)}
    seen = set()
    for review in Review.objects.filter(post_id__in=ids).order_by("-created_at", "-pk"):
        if (review.post_id, review.label) in seen:
            continue
        seen.add((review.post_id, review.label))
        chosen = labels.setdefault(review.post_id, set())
        if review.decision == Review.Decision.REJECTED:
            chosen.discard(review.label)
        else:
            chosen.add(review.label)
    counts = Counter(label for found in labels.values() for label in found if label in domain.VIOLATION_BY_LABEL)
    order = [v.label for v in domain.VIOLATIONS]
    return sorted(counts.items(), key=lambda item: (-item[1], order.index(item[0])))


def default_title(sources: Sources) -> str:
    if sources.clusters:
        cluster = sources.clusters[0]
        return f"Temuan: klaster koordinasi #{cluster.number} ({cluster.size} akun)"
    if sources.chosen_accounts and sources.accounts:
        return f"Temuan: akun {sources.accounts[0]}"
    if sources.posts:
        return f"Temuan: {len(sources.posts)} pos ({', '.join(str(a) for a in sources.accounts[:3]) or '-'})"
    return ""


def default_summary(sources: Sources) -> str:
    lines = [f"- {_when(p)} · {p.author or '-'}: {p.text[:200] or p.url}" for p in sources.posts[:20]]
    more = len(sources.posts) - 20
    return "\n".join(lines + ([f"- ... dan {more} pos lainnya"] if more > 0 else []))


def _when(post) -> str:
    return timezone.localtime(post.posted_at).strftime("%d-%m-%Y %H:%M") if post.posted_at else "-"


def evidence_of(posts) -> dict[int, list]:
    """The evidence items kept for each post (post id -> items), for the case page and its documents."""
    rows: dict[int, list] = {}
    for link in PostEvidence.objects.filter(post__in=posts).select_related("item").order_by("pk"):
        rows.setdefault(link.post_id, []).append(link.item)
    return rows
