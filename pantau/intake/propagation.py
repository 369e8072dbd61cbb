"""Replies, quotes, retweets and forwards between imported posts (`PostReference`).

Saved with each import batch; a reference to a post not yet imported keeps
its key and is linked when that post arrives, in whichever order the files come.
A forward points at a channel's name, not a post, and is never linked.
"""

from django.db.models import OuterRef, Subquery

from .models import Post, PostReference


def save_references(records) -> int:
    """Store the references of one batch and link those whose target is now known; returns how many were new."""
    from .importer import natural_key

    # Most imports carry no references and leave none waiting: one indexed lookup, nothing else.
    waiting = PostReference.objects.filter(target__isnull=True).exclude(kind=PostReference.Kind.FORWARD)
    if not any(r.references for r in records) and not waiting.exists():
        return 0
    keys = [natural_key(r) for r in records]
    wanted = [(key, r) for key, r in zip(keys, records, strict=True) if r.references]
    created = 0
    if wanted:
        pks = dict(Post.objects.filter(natural_key__in=[k for k, _ in wanted]).values_list("natural_key", "pk"))
        rows = [
            PostReference(post_id=pks[key], kind=kind, target_key=target[:400])
            for key, record in wanted
            if key in pks
            for kind, target in record.references
            if kind in PostReference.Kind.values
        ]
        created = len(PostReference.objects.bulk_create(rows, ignore_conflicts=True))
    targets = set(keys) | {t for _, r in wanted for _, t in r.references}
    if targets:
        waiting.filter(target_key__in=list(targets)).update(
            target=Subquery(Post.objects.filter(natural_key=OuterRef("target_key")).values("pk")[:1])
        )
    return created
