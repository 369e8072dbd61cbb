"""Comment links keep the comment's id in their normal form (lib/urls.py COMMENT_PARAMS).

A stored post whose link names a comment (Facebook `comment_id`, YouTube `lc`) had the normal form of the
post it answers as its `url_key`, so a report of that post could be matched to the comment. Its
`url_key` is worked out again; its natural key is left as it is (it may be another post's reference).
"""

from django.db import migrations
from django.db.models import Q

BATCH = 2000


def forwards(apps, schema_editor):
    from pantau.lib.urls import normalize_url

    Post = apps.get_model("intake", "Post")
    comments = Post.objects.filter(Q(url__contains="comment_id=") | Q(url__contains="lc=")).only("pk", "url", "url_key")
    changed = []
    for post in comments.iterator(chunk_size=BATCH):
        url_key = normalize_url(post.url)[:2000]
        if url_key != post.url_key:
            post.url_key = url_key
            changed.append(post)
        if len(changed) >= BATCH:
            Post.objects.bulk_update(changed, ["url_key"])
            changed = []
    Post.objects.bulk_update(changed, ["url_key"])


class Migration(migrations.Migration):
    dependencies = [("intake", "0012_post_drop_pattern_indexes")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
