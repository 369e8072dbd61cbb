"""Manual capture of one post, and the evidence attached to it."""

from django.db import transaction

from pantau.evidence.services import add_evidence
from pantau.lib.urls import normalize_url

from . import hooks
from .formats import Record
from .importer import Summary, natural_key, save_records
from .models import Post, PostEvidence


def attach_evidence(post, fileobj, *, original_name, user, ip="", source_url="") -> PostEvidence:
    item = add_evidence(
        fileobj,
        original_name=original_name,
        user=user,
        source_url=source_url or post.url,
        captured_from=f"web upload from {ip}" if ip else "web upload",
        note=f"post {post.pk}",
    )
    link, _ = PostEvidence.objects.get_or_create(
        post=post, item=item, defaults={"added_by": user, "added_from": (ip or "")[:255]}
    )
    return link


def capture_post(*, user, url, platform, account_id="", account_name="", text="", seen_at=None, files=(), ip=""):
    """Record one post seen by a person; the same post (however its link was copied) is updated, not doubled."""
    record = Record(
        platform=platform,
        url=url,
        text=text,
        author_id=account_id,
        author_name=account_name or account_id,
        posted_at=seen_at,
        raw={"captured_by": user.username if user else "", "from": ip},
    )
    existing = Post.objects.filter(url_key=normalize_url(url)).first() if normalize_url(url) else None
    with transaction.atomic():
        if existing is not None:
            post = existing
            changed = False
            if text and text != post.text:
                post.text, changed = text, True
            if changed:
                from .searchtext import index_text

                post.search_text = index_text(post.text)
                post.save(update_fields=["text", "search_text"])
        else:
            save_records([record], "manual", user, Summary())
            post = Post.objects.get(natural_key=natural_key(record))
        for upload in files:
            attach_evidence(post, upload, original_name=upload.name, user=user, ip=ip, source_url=url)
    hooks.posts_imported([post.pk])
    return post
