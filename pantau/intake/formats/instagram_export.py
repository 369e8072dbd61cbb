"""Instagram's own data export: `posts_1.json`, `post_comments_1.json`, `reels_comments.json`.

Meta's encoding is undone as in Facebook's export (`meta_exports.py`).
"""

from .base import Record, RowError, clean, dig, json_items, links_of, rows, time_of
from .meta_exports import export_owner, unmojibake
from .registry import Format, register

INSTAGRAM_KEYS = {"comments_reels_comments", "comments_media_comments", "ig_posts"}


def instagram_export_item(item: dict, owner: str = "") -> list[Record]:
    item = unmojibake(item)
    strings = item.get("string_map_data")
    if isinstance(strings, dict):  # a comment: {"Comment": {"value"}, "Media Owner": {...}, "Time": {...}}
        text = clean(dig(strings, "Comment", "value") or dig(strings, "Komentar", "value"))
        media_owner = clean(dig(strings, "Media Owner", "value") or dig(strings, "Pemilik Media", "value"))
        when = dig(strings, "Time", "timestamp") or dig(strings, "Waktu", "timestamp")
        if not text:
            raise RowError("a comment without text")
        raw: dict[str, object] = {"kind": "comment", "media_owner": media_owner}
    else:
        media = [m for m in item.get("media") or [] if isinstance(m, dict)]
        text = clean(item.get("title") or (media[0].get("title") if media else ""))
        when = item.get("creation_timestamp") or (media[0].get("creation_timestamp") if media else None)
        if not (text or media):
            raise RowError("neither a caption nor media")
        raw = {"kind": "post", "media": [clean(m.get("uri"), 500) for m in media[:20]]}
    return [
        Record(
            platform="instagram",
            text=text,
            posted_at=time_of(when),
            links=links_of([], text),
            raw=raw,
            author_id=owner,
            author_name=owner,
            author_url=f"https://www.instagram.com/{owner}/" if owner else "",
        )
    ]


def _instagram_items(source):
    for number, item in json_items(source):
        if isinstance(item, dict) and not ({"media", "string_map_data"} & set(item)):
            for value in item.values():
                if isinstance(value, list):
                    yield from ((i, inner) for i, inner in enumerate(value, start=1) if isinstance(inner, dict))
            continue
        yield number, item


@register
class InstagramExport(Format):
    name, shape, order = "instagram-export", "json", 70

    def detect(self, head):
        keys = head.keys
        return (
            bool(INSTAGRAM_KEYS & keys)
            or "string_map_data" in keys
            or (head.in_list and head.obj is not None and isinstance(head.obj.get("media"), list))
        )

    def read(self, source):
        owner = export_owner(source, "instagram")
        yield from rows(source, lambda item: instagram_export_item(item, owner), _instagram_items(source))
