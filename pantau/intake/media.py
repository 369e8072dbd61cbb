"""The pictures and files of a ZIP export "with media", kept as evidence of the posts that carry them."""

from django.conf import settings

from pantau.evidence.services import add_evidence

from .models import Post, PostEvidence

MAX_MEDIA_PER_POST = 20


def attach_media(source, attachments, user=None) -> int:
    """Attach the files named by each post of a batch, `[(natural key, names)]`, found in the export.

    One missing (or over the upload limit) is noted, not an error.
    """
    wanted = dict(attachments)
    if not wanted:
        return 0
    posts = {p.natural_key: p for p in Post.objects.filter(natural_key__in=list(wanted))}
    attached = missing = 0
    for key, names in wanted.items():
        post = posts.get(key)
        if post is None:
            continue
        for name in names[:MAX_MEDIA_PER_POST]:
            handle = source.open_media(name, max_bytes=settings.PANTAU_MAX_UPLOAD_BYTES)
            if handle is None:
                missing += 1
                continue
            with handle:
                item = add_evidence(
                    handle,
                    original_name=name,
                    user=user,
                    source_url=post.url,
                    captured_from=f"export {source.name}"[:255],
                    note=f"post {post.pk}",
                )
            PostEvidence.objects.get_or_create(post=post, item=item, defaults={"added_by": user})
            attached += 1
    if missing:
        source.note("some attachments named in the chat are not in the ZIP file or are over the upload limit")
    return attached
