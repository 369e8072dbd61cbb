"""Manual capture of one post, and the evidence attached to it."""

import re

from django.db import transaction

from pantau.core.seams import seams
from pantau.evidence.services import add_evidence
from pantau.inventory.bulk import upsert_groups
from pantau.inventory.counts import recount_posts
from pantau.inventory.models import Group
from pantau.lib.urls import normalize_url, post_id_of

from .formats import Record
from .importer import Summary, save_records
from .models import Post, PostEvidence
from .rows import natural_key
from .searchtext import index_text

# Links that name a group: facebook.com/groups/<id or slug>/..., t.me/<name>, chat.whatsapp.com/<code>.
GROUP_LINKS = {
    "facebook": (re.compile(r"facebook\.com/groups/([^/?#]+)"), "https://www.facebook.com/groups/{}"),
    "telegram": (re.compile(r"(?:t\.me|telegram\.me)/([^/?#]+)"), "https://t.me/{}"),
    "whatsapp": (re.compile(r"chat\.whatsapp\.com/([^/?#]+)"), "https://chat.whatsapp.com/{}"),
}


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


def existing_post(url: str, platform: str):
    """The post a link points at, however it was copied or imported (by its link or by its post id)."""
    key = normalize_url(url)
    if not key:
        return None
    post = Post.objects.filter(url_key=key).first()
    if post is not None:
        return post
    linked_platform, post_id = post_id_of(url)
    if not post_id or linked_platform != platform:
        return None
    # CrowdTangle keys Facebook posts as "<owner id>_<post id>".
    return (
        Post.objects.filter(platform=platform, platform_post_id=post_id).first()
        or Post.objects.filter(platform=platform, platform_post_id__endswith=f"_{post_id}").first()
    )


def _group_in_link(platform: str, text: str) -> str:
    pattern = GROUP_LINKS.get(platform, (None,))[0]
    match = pattern.search(text) if pattern and text else None
    return match.group(1)[:255] if match else ""


def resolve_group(platform: str, value: str, url: str = "") -> tuple[str, str, str]:
    """(group id, name, link) from what was chosen or typed (a known group's name, a group link, a new name),
    else from the post's own link (a Facebook group post's link names its group)."""
    value = (value or "").strip()
    typed_id = _group_in_link(platform, value)
    group_id = typed_id or _group_in_link(platform, url)
    name = "" if typed_id else value
    if group_id:
        known = Group.objects.filter(platform=platform, platform_id=group_id).first()
        return group_id, name or (known.name if known else ""), GROUP_LINKS[platform][1].format(group_id)
    if not value:
        return "", "", ""
    known = Group.objects.filter(platform=platform, name__iexact=value).first()
    if known is not None:
        return known.platform_id, known.name, known.url
    slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:200] or "group"
    return f"manual-{slug}", value[:255], ""


def capture_post(
    *,
    user,
    url,
    platform,
    account_id="",
    account_name="",
    text="",
    seen_at=None,
    posted_at=None,
    group="",
    files=(),
    ip="",
):
    """Record one post seen by a person; the same post (however its link was copied) gets the evidence, not a copy."""
    group_id, group_name, group_url = resolve_group(platform, group, url)
    with transaction.atomic():
        post = existing_post(url, platform)
        if post is not None:
            _complete(post, text=text, seen_at=seen_at, posted_at=posted_at, group=(group_id, group_name, group_url))
        else:
            record = Record(
                platform=platform,
                url=url,
                text=text,
                author_id=account_id,
                author_name=account_name or account_id,
                group_id=group_id,
                group_name=group_name,
                group_url=group_url,
                posted_at=posted_at,
                raw={"captured_by": user.username if user else "", "from": ip},
            )
            save_records([record], "manual", user, Summary())
            post = Post.objects.get(natural_key=natural_key(record))
            if seen_at:
                Post.objects.filter(pk=post.pk).update(seen_at=seen_at)
        for upload in files:
            attach_evidence(post, upload, original_name=upload.name, user=user, ip=ip, source_url=url)
    seams.posts_imported.notify([post.pk])
    return post


def _complete(post, *, text, seen_at, posted_at, group):
    """Fill what the capture knows and the post lacks; a newer text replaces the old one."""
    fields = []
    if text and text != post.text:
        post.text = text
        fields.append("text")
    if posted_at and not post.posted_at:
        post.posted_at = posted_at
        fields.append("posted_at")
    if seen_at and not post.seen_at:
        post.seen_at = seen_at
        fields.append("seen_at")
    if group[0] and post.group_id is None:
        ids = upsert_groups([(post.platform, group[0], group[1], group[2], post.posted_at)])
        post.group_id = ids.get((post.platform, group[0]))
        fields.append("group")
    if fields:
        post.search_text = index_text(post.text, post.author.name if post.author else "", _group_name(post))
        post.save(update_fields=[*fields, "search_text"])
    if "group" in fields:
        recount_posts(group_ids=[post.group_id])


def _group_name(post):
    return Group.objects.filter(pk=post.group_id).values_list("name", flat=True).first() or ""
