"""Facebook links fold to one form per post (story.php?story_fbid=ID): recompute the stored keys."""

from django.db import migrations

from pantau.lib.urls import normalize_url


def recompute(apps, schema_editor):
    Post = apps.get_model("intake", "Post")
    changed = []
    for post in Post.objects.filter(url__icontains="facebook").only("pk", "url", "url_key").iterator(chunk_size=2000):
        key = normalize_url(post.url)[:2000]
        if key != post.url_key:
            post.url_key = key
            changed.append(post)
        if len(changed) >= 2000:
            Post.objects.bulk_update(changed, ["url_key"])
            changed = []
    if changed:
        Post.objects.bulk_update(changed, ["url_key"])


class Migration(migrations.Migration):
    dependencies = [("intake", "0006_post_seen_at")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
