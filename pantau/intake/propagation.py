"""Replies, quotes, retweets and forwards between imported posts (`PostReference`).

Saved with each import batch; a reference to a post not yet imported keeps
its key and is linked when that post arrives, in whichever order the files come.
A forward points at a channel's name, not a post, and is never linked.
"""

from django.db.models import OuterRef, Subquery

from .models import Post, PostReference


def save_references(keys: list[str], wanted: list) -> int:
    """Store the references of one batch and link those whose target is now known; returns how many were new.

    `keys` are the natural keys of the batch's posts, `wanted` the (natural key, references) of those that have any.
    """
    # Most imports carry no references and leave none waiting: one indexed lookup, nothing else.
    waiting = PostReference.objects.filter(target__isnull=True).exclude(kind=PostReference.Kind.FORWARD)
    if not wanted and not waiting.exists():
        return 0
    created = 0
    if wanted:
        pks = dict(Post.objects.filter(natural_key__in=[k for k, _ in wanted]).values_list("natural_key", "pk"))
        rows = [
            PostReference(post_id=pks[key], kind=kind, target_key=target[:400])
            for key, references in wanted
            if key in pks
            for kind, target in references
            if kind in PostReference.Kind.values
        ]
        created = len(PostReference.objects.bulk_create(rows, ignore_conflicts=True))
    targets = set(keys) | {t for _, references in wanted for _, t in references}
    if targets:
        waiting.filter(target_key__in=list(targets)).update(
            target=Subquery(Post.objects.filter(natural_key=OuterRef("target_key")).values("pk")[:1])
        )
    return created
