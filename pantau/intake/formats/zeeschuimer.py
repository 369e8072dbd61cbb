"""4CAT / Zeeschuimer NDJSON: one captured item a line, `{"source_platform": ..., "data": {...}}`.

4CAT's own NDJSON download of a dataset imported from Zeeschuimer is the same
file. Items of 4CAT's Telegram scraper (Telethon messages) are read by
`fourcat.py`.
"""

from .base import Record, RowError, RowProblem, clean, dig, find_key, json_lines, links_of, time_of
from .registry import Format, register


def zeeschuimer_record(item: dict) -> list[Record]:
    data = item.get("data")
    if not isinstance(data, dict):
        raise RowError("no 'data' object")
    # The module's id: "tiktok.com", "instagram.com"... and, for the comment modules that read the same
    # sites, "tiktok-comments", "instagram-comments", "facebook-comments", "twitter-comments".
    source = clean(item.get("source_platform")).lower()
    if source == "tiktok-comments":
        return [_zs_tiktok_comment(data)]
    if source == "instagram-comments":
        return [_zs_instagram_comment(data)]
    if source == "facebook-comments":
        return _zs_facebook_comments(data)
    if "instagram" in source:
        return [_zs_instagram(data)]
    if "tiktok" in source:
        return [_zs_tiktok(data)]
    if "twitter" in source or source.startswith("x.com") or source == "x":
        return [_zs_x(data)]
    if "facebook" in source:
        return [_zs_facebook(data)]
    raise RowError(f"platform {source[:30]!r} is not supported")


def _zs_instagram(data):
    user = data.get("user") or data.get("owner") or {}
    code = clean(data.get("code") or data.get("shortcode"))
    caption = data.get("caption")
    text = clean(caption.get("text") if isinstance(caption, dict) else caption)
    if not text:
        text = clean(dig(data, "edge_media_to_caption", "edges", 0, "node", "text"))
    username = clean(user.get("username"), 255)
    return Record(
        platform="instagram",
        post_id=clean(data.get("pk") or data.get("id"), 255).split("_")[0],
        url=f"https://www.instagram.com/p/{code}/" if code else "",
        text=text,
        author_id=username or clean(user.get("pk") or user.get("id"), 255),
        author_name=clean(user.get("full_name") or username, 255),
        author_url=f"https://www.instagram.com/{username}/" if username else "",
        posted_at=time_of(data.get("taken_at") or data.get("taken_at_timestamp")),
        links=links_of([], text),
        raw=data,
    )


def _reply_to(platform: str, parent, post) -> list:
    """A comment answers its parent comment, else the post it is under."""
    parent = clean(parent)
    target = parent if parent and parent != "0" else clean(post)
    return [("reply", f"{platform}:{target}")] if target else []


def _zs_tiktok_comment(data):
    """TikTok's comment/list item: cid, text, create_time, aweme_id (the video), reply_id, user."""
    user = data.get("user") or {}
    handle = clean(user.get("unique_id"), 255)
    video = clean(data.get("aweme_id"), 255)
    cid = clean(data.get("cid") or data.get("id"), 255)
    if not cid:
        raise RowError("a TikTok comment without an id")
    text = clean(data.get("text"))
    return Record(
        platform="tiktok",
        post_id=cid,
        text=text,
        author_id=handle or clean(user.get("uid"), 255),
        author_name=clean(user.get("nickname") or handle, 255),
        author_url=f"https://www.tiktok.com/@{handle}" if handle else "",
        group_id=video,
        group_name=f"TikTok video {video}" if video else "",
        group_url=clean(dig(data, "share_info", "url"), 1000),
        posted_at=time_of(data.get("create_time")),
        links=links_of([], text),
        raw=data,
        references=_reply_to("tiktok", data.get("reply_id"), video),
    )


def _zs_instagram_comment(data):
    """Zeeschuimer's Instagram comment: id, text, created_at, user (unique_id, nickname), post_id, post_url."""
    user = data.get("user") or {}
    handle = clean(user.get("unique_id") or user.get("username"), 255)
    comment_id = clean(data.get("comment_id") or data.get("id") or data.get("pk"), 255)
    if not comment_id:
        raise RowError("an Instagram comment without an id")
    text = clean(data.get("text"))
    post = clean(data.get("post_id")).split("_")[0]
    return Record(
        platform="instagram",
        post_id=comment_id,
        text=text,
        author_id=handle or clean(user.get("id"), 255),
        author_name=clean(user.get("nickname") or user.get("full_name") or handle, 255),
        author_url=f"https://www.instagram.com/{handle}/" if handle else "",
        posted_at=time_of(data.get("created_at") or data.get("created_at_utc")),
        links=links_of([], text),
        raw=data,
        references=_reply_to("instagram", data.get("parent_comment_id"), post),
    )


def _zs_facebook_comments(data):
    """A post's Feedback object, its id decoded to "feedback:<post id>", with the comments loaded under it."""
    post = clean(data.get("id")).removeprefix("feedback:")
    edges = dig(data, "comment_rendering_instance_for_feed_location", "comments", "edges", default=[]) or []
    records: list[Record | RowProblem] = []
    for edge in edges[:10000]:
        node = edge.get("node") if isinstance(edge, dict) else None
        if not isinstance(node, dict):
            continue
        body = node.get("body") or find_key(node, ("body",)) or {}
        text = clean(body.get("text") if isinstance(body, dict) else body)
        author = node.get("author") or {}
        comment_id = clean(node.get("legacy_fbid") or node.get("id"), 255)
        if not (comment_id and text):
            records.append(
                RowProblem(0, f"a Facebook comment without {'text' if comment_id else 'an id'} (a sticker or photo?)")
            )
            continue
        records.append(
            Record(
                platform="facebook",
                post_id=comment_id,
                text=text,
                author_id=clean(author.get("id"), 255),
                author_name=clean(author.get("name"), 255),
                posted_at=time_of(find_key(node, ("created_time",))),
                links=links_of([], text),
                raw=node,
                references=[("reply", f"facebook:{post}")] if post else [],
            )
        )
    if not edges:
        raise RowError("no comments in this Facebook comments item")
    return records


def _zs_tiktok(data):
    author = data.get("author")
    if isinstance(author, str):
        author = {"uniqueId": author, "nickname": data.get("nickname", author)}
    author = author or {}
    handle = clean(author.get("uniqueId"), 255)
    post_id = clean(data.get("id"), 255)
    return Record(
        platform="tiktok",
        post_id=post_id,
        url=f"https://www.tiktok.com/@{handle}/video/{post_id}" if handle and post_id else "",
        text=clean(data.get("desc")),
        author_id=handle or clean(author.get("id"), 255),
        author_name=clean(author.get("nickname") or handle, 255),
        author_url=f"https://www.tiktok.com/@{handle}" if handle else "",
        posted_at=time_of(data.get("createTime")),
        links=links_of([], clean(data.get("desc"))),
        raw=data,
    )


def _zs_x(data):
    if "tweet" in data and "legacy" not in data:
        data = data["tweet"]
    legacy = data.get("legacy") or {}
    user = dig(data, "core", "user_results", "result", default={})
    screen_name = clean(dig(user, "legacy", "screen_name") or dig(user, "core", "screen_name"), 255)
    post_id = clean(data.get("rest_id") or legacy.get("id_str"), 255)
    text = clean(dig(data, "note_tweet", "note_tweet_results", "result", "text") or legacy.get("full_text"))
    urls = [u.get("expanded_url") for u in dig(legacy, "entities", "urls", default=[]) if isinstance(u, dict)]
    retweeted = dig(legacy, "retweeted_status_result", "result", default=None)
    if isinstance(retweeted, dict):
        # The retweet's own text is cut ("RT @a: ..."); the original's is whole.
        original = _zs_x(retweeted)
        text = f"RT @{original.author_id}: {original.text}"
    references = [("retweet", f"x:{original.post_id}")] if isinstance(retweeted, dict) else []
    if legacy.get("in_reply_to_status_id_str"):
        references.append(("reply", f"x:{legacy['in_reply_to_status_id_str']}"))
    if legacy.get("quoted_status_id_str"):
        references.append(("quote", f"x:{legacy['quoted_status_id_str']}"))
    return Record(
        platform="x",
        post_id=post_id,
        url=f"https://x.com/{screen_name or 'i'}/status/{post_id}" if post_id else "",
        text=text,
        author_id=screen_name or clean(legacy.get("user_id_str"), 255),
        author_name=clean(dig(user, "legacy", "name") or dig(user, "core", "name") or screen_name, 255),
        author_url=f"https://x.com/{screen_name}" if screen_name else "",
        posted_at=time_of(legacy.get("created_at")),
        links=links_of([u for u in urls if u]),
        raw=data,
        references=references,
    )


def _zs_facebook(data):
    post_id = clean(find_key(data, ("post_id",)) or data.get("id"), 255)
    text = find_key(data, ("message",))
    text = clean(text.get("text") if isinstance(text, dict) else text)
    actor = find_key(data, ("actors", "owner")) or {}
    if isinstance(actor, list):
        actor = actor[0] if actor else {}
    url = clean(find_key(data, ("permalink_url", "url", "wwwURL")), 2000)
    group = find_key(data, ("to", "group")) or {}
    record = Record(
        platform="facebook",
        post_id=post_id,
        url=url if "facebook.com" in url else "",
        text=text,
        author_id=clean(actor.get("id"), 255) if isinstance(actor, dict) else "",
        author_name=clean(actor.get("name"), 255) if isinstance(actor, dict) else "",
        posted_at=time_of(find_key(data, ("creation_time", "publish_time", "created_time"))),
        links=links_of([], text),
        raw=data,
    )
    if isinstance(group, dict) and group.get("__typename") == "Group":
        record.group_id, record.group_name = clean(group.get("id"), 255), clean(group.get("name"), 255)
    if not (record.post_id or record.url or record.text):
        raise RowError("no post id, link or text found in the Facebook item")
    return record


@register
class Zeeschuimer(Format):
    name, shape, order = "zeeschuimer", "json", 20
    key_pattern = r'"source_platform"\s*:'

    def detect(self, head):
        keys = head.keys
        return "source_platform" in keys or ("item_id" in keys and isinstance(head.obj.get("data"), dict))

    def items(self, source):
        return json_lines(source)

    def map(self, item):
        return zeeschuimer_record(item)
