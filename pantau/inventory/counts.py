"""Each account's and group's number of posts, stored on the row so the lists can sort by it.

Sorting 20,000 accounts by a count of a million posts counted every post on
each request; the stored `post_count` is sorted like the other columns the
lists sort by, without an index of its own (one made every update of the row
write all of its indexes: migration 0006). An
import batch adds its new posts to it in the accounts' and groups' upsert
(`bulk.py`): recounting every author and group a batch touched read, at a
million posts, about as many index entries per batch as there were posts.
The nightly routine recounts every row set-based (one UPDATE with a COUNT
subquery per chunk of rows, each answered from the posts' (author, time) and
(group, time) indexes), which also corrects a row that lost a post to
another author on re-import. The lists show the exact count of the rows on
the page; the stored one orders them.
"""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from .models import Account, Group

CHUNK = 5000


def posts_model():
    """The posts model, reached through the accounts' reverse relation: inventory does not import intake."""
    return Account._meta.get_field("posts").related_model


def recount_posts(account_ids=None, group_ids=None) -> int:
    """Store the post count of these accounts and groups (all of them when neither is given); rows updated."""
    if account_ids is None and group_ids is None:
        account_ids = Account.objects.values_list("pk", flat=True)
        group_ids = Group.objects.values_list("pk", flat=True)
    updated = 0
    for model, field, ids in ((Account, "author", account_ids or []), (Group, "group", group_ids or [])):
        ids = sorted(set(ids) - {None})
        posts = posts_model().objects.filter(**{field: OuterRef("pk")}).order_by().values(field)
        count = Coalesce(Subquery(posts.annotate(n=Count("*")).values("n")), 0)
        for start in range(0, len(ids), CHUNK):
            updated += model.objects.filter(pk__in=ids[start : start + CHUNK]).update(post_count=count)
    return updated
