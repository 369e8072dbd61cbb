"""Facebook "Download Your Information" JSON: your posts, group posts and comments (Meta's encoding undone)."""

import re

from .base import Record, RowError, clean, dict_at, dig, json_items, links_of, rows, time_of
from .meta_exports import export_owner, unmojibake
from .registry import Format, register

DYI_KEYS = {"group_posts_v2", "comments_v2", "group_comments_v2", "posts_v2", "status_updates_v2"}
# "Budi Rekaan posted in Forum Warga." / "Budi Rekaan memposting di Forum Warga." and the like.
FB_TITLE = re.compile(
    r"^(?P<author>.+?) (?:posted in|wrote in|shared (?:a|an|\w+'s) [\w ]+ to|commented on .+? in|replied to .+? in"
    r"|memposting di|menulis di|membagikan .+? ke|mengomentari .+? di|membalas .+? di) (?P<group>.+?)\.?$"
)
FB_AUTHOR = re.compile(
    r"^(?P<author>.+?) (?:updated|posted|wrote|shared|commented|replied|added|memperbarui|memposting|menulis"
    r"|membagikan|mengomentari|membalas|berkomentar|menambahkan)\b"
)


def _attachments(item) -> list[dict]:
    return [d for a in item.get("attachments") or [] for d in dig(a, "data", default=[]) or [] if isinstance(d, dict)]


def _attached_links(item) -> list[str]:
    urls = [dig(data, "external_context", "url") for data in _attachments(item)]
    return [url for url in urls if isinstance(url, str)]


def _caption(item) -> str:
    """A photo or video posted with words and no status text keeps them as the media's description."""
    for data in _attachments(item):
        description = clean(dig(data, "media", "description"))
        if description:
            return description
    return ""


def facebook_dyi_item(item: dict, owner: str = "") -> list[Record]:
    item = unmojibake(item)
    title = clean(item.get("title"))
    text, comment = "", dict[str, object]()
    for data in item.get("data") or []:
        if isinstance(data, dict):
            text = text or clean(data.get("post"))
            comment = comment or dict_at(data, "comment")
    author = clean(comment.get("author"))
    group = clean(comment.get("group"))
    if comment:
        text = clean(comment.get("comment"))
    text = text or _caption(item)
    titled = FB_TITLE.match(title)
    if titled:
        author, group = author or titled["author"], group or titled["group"]
    elif not author and (named := FB_AUTHOR.match(title)):
        author = named["author"]
    author = author or owner
    links = _attached_links(item)
    if not (text or links):
        raise RowError("no text or link in this item (a photo or a check-in)")
    slug = re.sub(r"[^a-z0-9]+", "-", group.lower()).strip("-")[:200]
    return [
        Record(
            platform="facebook",
            text=text,
            author_id=author[:255],
            author_name=author[:255],
            group_id=f"dyi-{slug}" if slug else "",
            group_name=group[:255],
            posted_at=time_of(comment.get("timestamp") or item.get("timestamp")),
            links=links_of(links, text),
            raw={"title": title, "kind": "comment" if comment else "post"},
        )
    ]


def _dyi_items(source):
    """Posts are a bare list; group posts and comments sit under `group_posts_v2`, `comments_v2` and the like."""
    for number, item in json_items(source):
        if isinstance(item, dict) and "timestamp" not in item:
            for key, value in item.items():
                if isinstance(value, list) and key.endswith(
                    ("posts_v2", "comments_v2", "comments", "posts", "status_updates_v2")
                ):
                    for index, inner in enumerate(value, start=1):
                        if isinstance(inner, dict):
                            yield index, inner
            continue
        yield number, item


@register
class FacebookDyi(Format):
    name, shape, order = "facebook-dyi", "json", 60
    key_pattern = r'"(group_posts_v2|comments_v2|group_comments_v2)"\s*:'

    def detect(self, head):
        keys = head.keys
        return bool(DYI_KEYS & keys) or (
            head.in_list and "timestamp" in keys and bool({"data", "attachments", "title"} & keys)
        )

    def read(self, source):
        owner = export_owner(source, "facebook")
        yield from rows(source, lambda item: facebook_dyi_item(item, owner), _dyi_items(source))
