"""What the hosted scrapers' comment actors (Apify) write: one item a comment, under a Facebook post, an
Instagram post or a TikTok video.

- Facebook Comments Scraper: `commentUrl` (`?comment_id=`, and `reply_comment_id=` for a reply),
  `facebookUrl` (the post), `text`, `date`, `profileName`, `profileUrl`, `profileId`, `threadingDepth`,
  replies nested in `comments`. Its `facebookId` is the page's, not the commenter's.
- Instagram Comments Scraper: `id`, `text`, `timestamp`, `ownerUsername` (or `owner{username,id}`),
  `commentUrl` (`/p/<code>/c/<id>/`), replies nested in `replies`.
- TikTok Comments Scraper: `cid`, `text`, `createTimeISO`/`createTime`, `uniqueId`, `uid`,
  `videoWebUrl` (the video), `repliesToId` (the comment a reply answers).

Each comment is a post of the person who wrote it, with a "reply" reference to the post, video or
comment it answers (linked when that one is imported too, propagation.py).
"""

import base64
import binascii
import re
from urllib.parse import parse_qsl, urlsplit

from pantau.lib.urls import post_id_of

from .base import Record, clean, dict_at, first_of, links_of, time_of

FB_GROUP = re.compile(r"facebook\.com/groups/([^/?#]+)")
INSTAGRAM_COMMENT_URL = re.compile(r"^https://(?:www\.)?instagram\.com/(?:p|reel)/[\w-]+/c/\d+/?$")
# A nested reply of a nested reply... is flattened; deeper than this is a hostile item, not a thread.
MAX_DEPTH = 10


def comment_kind(item: dict) -> str:
    """Which comment scraper wrote `item`, or ''."""
    comment_url = str(item.get("commentUrl") or "")
    if "facebookUrl" in item and "postId" not in item and ({"commentUrl", "threadingDepth", "profileName"} & set(item)):
        return "facebook-comment"
    if "cid" in item and ("videoWebUrl" in item or "repliesToId" in item or "uniqueId" in item):
        return "tiktok-comment"
    if "shortCode" not in item and ("instagram.com/" in comment_url or "ownerProfilePicUrl" in item):
        return "instagram-comment"
    return ""


def facebook_comment(item: dict) -> list[Record]:
    return list(_facebook_thread(item, clean(item.get("facebookUrl") or item.get("inputUrl"), 2000), "", 0))


def _facebook_thread(item: dict, post_url: str, parent_key: str, depth: int):
    comment_url = clean(item.get("commentUrl"), 2000)
    params = dict(parse_qsl(urlsplit(comment_url).query))
    comment_id = params.get("reply_comment_id") or params.get("comment_id") or _graph_comment_id(item.get("id"))
    if not parent_key:
        if params.get("reply_comment_id") and params.get("comment_id"):
            parent_key = f"facebook:{params['comment_id']}"
        else:
            platform, post_id = post_id_of(post_url)
            parent_key = f"facebook:{post_id}" if platform == "facebook" and post_id else ""
    text = clean(item.get("text"))
    group = FB_GROUP.search(post_url)
    record = Record(
        platform="facebook",
        post_id=clean(comment_id, 255),
        url=comment_url,
        text=text,
        author_id=_facebook_profile(item),
        author_name=clean(item.get("profileName"), 255),
        author_url=clean(item.get("profileUrl"), 1000),
        posted_at=time_of(first_of(item, ("date", "timestamp"))),
        links=links_of([], text),
        raw={k: v for k, v in item.items() if k != "comments"},
        references=[("reply", parent_key)] if parent_key else [],
    )
    if group:
        record.group_id = group.group(1)
        record.group_url = f"https://www.facebook.com/groups/{group.group(1)}"
    yield record
    key = f"facebook:{record.post_id}" if record.post_id else ""
    for reply in _nested(item, "comments", depth):
        yield from _facebook_thread(reply, post_url, key, depth + 1)


def _graph_comment_id(value) -> str:
    """The comment's own id from the scraper's `id`: base64 of "comment:<post id>_<comment id>"."""
    text = clean(value, 400)
    try:
        decoded = base64.b64decode(text + "=" * (-len(text) % 4), validate=True).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return text
    if decoded.startswith("comment:"):
        return decoded.removeprefix("comment:").rsplit("_", 1)[-1]
    return text


def _facebook_profile(item: dict) -> str:
    """The commenter's id, the most lasting first: a profile's number (of a `profile.php?id=` or
    `/people/<name>/<number>` link, or the scraper's own when it is one), else the profile's name in
    its link, else the scraper's id ("pfbid...", which Facebook can change between scrapes)."""
    url = clean(item.get("profileUrl"), 1000)
    parts = urlsplit(url)
    segments = [segment for segment in parts.path.split("/") if segment]
    profile_id = clean(item.get("profileId"), 255)
    number = dict(parse_qsl(parts.query)).get("id", "") if segments[-1:] == ["profile.php"] else ""
    if not number and segments[:1] == ["people"] and segments[-1].isdigit():
        number = segments[-1]
    if number or profile_id.isdigit():
        return (number or profile_id)[:255]
    if "facebook.com" in parts.netloc and len(segments) == 1 and segments[0] != "profile.php":
        return segments[0][:255]
    return profile_id


def instagram_comment(item: dict) -> list[Record]:
    return list(_instagram_thread(item, "", "", 0))


def _instagram_thread(item: dict, parent_key: str, parent_url: str, depth: int):
    owner = dict_at(item, "owner")
    username = clean(item.get("ownerUsername") or owner.get("username"), 255)
    text = clean(item.get("text"))
    comment_id = clean(item.get("id") or item.get("pk"), 255)
    record = Record(
        platform="instagram",
        post_id=comment_id,
        url=clean(item.get("commentUrl"), 2000) or _instagram_reply_url(parent_url, comment_id),
        text=text,
        author_id=username or clean(owner.get("id") or item.get("ownerId"), 255),
        author_name=clean(owner.get("full_name") or username, 255),
        author_url=f"https://www.instagram.com/{username}/" if username else "",
        posted_at=time_of(first_of(item, ("timestamp", "createdAt"))),
        links=links_of([], text),
        raw={k: v for k, v in item.items() if k != "replies"},
        references=[("reply", parent_key)] if parent_key else [],
    )
    yield record
    for reply in _nested(item, "replies", depth):
        yield from _instagram_thread(reply, f"instagram:{comment_id}" if comment_id else "", record.url, depth + 1)


def _instagram_reply_url(parent_url: str, reply_id: str) -> str:
    """A reply's link: its comment's, `/p/<code>/c/<comment id>/`, then `r/<reply id>/`."""
    if not (reply_id and INSTAGRAM_COMMENT_URL.match(parent_url)):
        return ""
    return f"{parent_url.rstrip('/')}/r/{reply_id}/"


def tiktok_comment(item: dict) -> list[Record]:
    platform, video_id = post_id_of(clean(item.get("videoWebUrl") or item.get("submittedVideoUrl"), 2000))
    video_id = video_id if platform == "tiktok" else ""
    handle = clean(item.get("uniqueId"), 255)
    text = clean(item.get("text"))
    answered = clean(item.get("repliesToId"), 255)
    if answered:
        parent_key = f"tiktok:{_tiktok_comment_id(video_id, answered)}"
    else:
        parent_key = f"tiktok:{video_id}" if video_id else ""
    return [
        Record(
            platform="tiktok",
            # A comment has no link of its own; its id is kept apart from the videos' ids.
            post_id=_tiktok_comment_id(video_id, clean(item.get("cid"), 200)),
            text=text,
            author_id=handle or clean(item.get("uid"), 255),
            author_name=clean(item.get("nickname") or handle, 255),
            author_url=f"https://www.tiktok.com/@{handle}" if handle else "",
            posted_at=time_of(first_of(item, ("createTimeISO", "createTime"))),
            links=links_of([], text),
            raw=item,
            references=[("reply", parent_key)] if parent_key else [],
        )
    ]


def _tiktok_comment_id(video_id: str, comment_id: str) -> str:
    return f"{video_id or 'video'}/comment/{comment_id}"


def _nested(item: dict, key: str, depth: int) -> list[dict]:
    """The replies nested in `item`: a list in JSON; in a CSV download, columns `comments/0/text`... read
    back as a dict keyed by position (scrapers.unflatten)."""
    replies = item.get(key)
    if isinstance(replies, dict):
        replies = [replies[k] for k in sorted(replies, key=lambda k: int(k) if k.isdigit() else -1)]
    if depth >= MAX_DEPTH or not isinstance(replies, list):
        return []
    return [reply for reply in replies if isinstance(reply, dict)]


CONVERTERS = {
    "facebook-comment": facebook_comment,
    "instagram-comment": instagram_comment,
    "tiktok-comment": tiktok_comment,
}
