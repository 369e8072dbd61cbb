"""Meta's "Download Your Information" exports: Facebook posts, group posts and comments; Instagram's own export.

Meta writes these files with every UTF-8 byte escaped as its own character
(`"Pak Bupati \\u00f0\\u009f\\u0098\\u00a1"` for one emoji), so each string is
re-decoded (`unmojibake`). They carry no post ids: a post is known by its
author, time and text (and group), so importing the same export again adds nothing.
"""

import json
import re

from .base import Record, RowError, clean, dig, json_items, links_of, rows, time_of

# Where the export names its owner, relative to the export's root folder.
OWNER_FILES = {
    "facebook": ("profile_information/profile_information.json", ("profile_v2", "name", "full_name")),
    "instagram": ("personal_information/personal_information/personal_information.json", None),
}

# "Budi Rekaan posted in Forum Warga." / "Budi Rekaan memposting di Forum Warga." and the like.
FB_TITLE = re.compile(
    r"^(?P<author>.+?) (?:posted in|wrote in|shared (?:a|an|\w+'s) [\w ]+ to|commented on .+? in|replied to .+? in"
    r"|memposting di|menulis di|membagikan .+? ke|mengomentari .+? di|membalas .+? di) (?P<group>.+?)\.?$"
)
FB_AUTHOR = re.compile(
    r"^(?P<author>.+?) (?:updated|posted|wrote|shared|commented|replied|memperbarui|memposting|menulis"
    r"|membagikan|mengomentari|membalas|berkomentar)\b"
)


def export_owner(source, platform: str) -> str:
    """The export's owner from its profile file, found by walking up from the file read (up to 4 folders)."""
    relative, path = OWNER_FILES[platform]
    folder = source.path.parent
    for _ in range(4):
        candidate = folder / relative
        if candidate.is_file() and candidate.stat().st_size < 5_000_000:
            try:
                data = unmojibake(json.loads(candidate.read_text(encoding="utf-8", errors="replace")))
            except (json.JSONDecodeError, RecursionError):
                return ""
            if path:
                return clean(dig(data, *path), 255)
            strings = dig(data, "profile_user", 0, "string_map_data", default={}) or {}
            return clean(dig(strings, "Username", "value") or dig(strings, "Nama pengguna", "value"), 255)
        folder = folder.parent
    return ""


def unmojibake(value):
    """Meta's export encoding undone, on strings anywhere in a value."""
    if isinstance(value, str):
        try:
            return value.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return value
    if isinstance(value, list):
        return [unmojibake(v) for v in value]
    if isinstance(value, dict):
        return {k: unmojibake(v) for k, v in value.items()}
    return value


def _attached_links(item) -> list[str]:
    links = []
    for attachment in item.get("attachments") or []:
        for data in dig(attachment, "data", default=[]) or []:
            url = dig(data, "external_context", "url")
            if isinstance(url, str):
                links.append(url)
    return links


def facebook_dyi_item(item: dict, owner: str = "") -> list[Record]:
    item = unmojibake(item)
    title = clean(item.get("title"))
    text, comment = "", {}
    for data in item.get("data") or []:
        if isinstance(data, dict):
            text = text or clean(data.get("post"))
            comment = comment or (data.get("comment") if isinstance(data.get("comment"), dict) else {})
    author = clean(comment.get("author"))
    group = clean(comment.get("group"))
    if comment:
        text = clean(comment.get("comment"))
    titled = FB_TITLE.match(title)
    if titled:
        author, group = author or titled["author"], group or titled["group"]
    elif not author and FB_AUTHOR.match(title):
        author = FB_AUTHOR.match(title)["author"]
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
                if isinstance(value, list) and key.endswith(("posts_v2", "comments_v2", "comments", "posts")):
                    for index, inner in enumerate(value, start=1):
                        if isinstance(inner, dict):
                            yield index, inner
            continue
        yield number, item


def read_facebook_dyi(source):
    owner = export_owner(source, "facebook")
    yield from rows(source, lambda item: facebook_dyi_item(item, owner), _dyi_items(source))


# ---------------------------------------------------------------- Instagram


def instagram_export_item(item: dict, owner: str = "") -> list[Record]:
    item = unmojibake(item)
    author = {
        "author_id": owner,
        "author_name": owner,
        "author_url": f"https://www.instagram.com/{owner}/" if owner else "",
    }
    strings = item.get("string_map_data")
    if isinstance(strings, dict):  # a comment: {"Comment": {"value"}, "Media Owner": {...}, "Time": {...}}
        text = clean(dig(strings, "Comment", "value") or dig(strings, "Komentar", "value"))
        media_owner = clean(dig(strings, "Media Owner", "value") or dig(strings, "Pemilik Media", "value"))
        when = dig(strings, "Time", "timestamp") or dig(strings, "Waktu", "timestamp")
        if not text:
            raise RowError("a comment without text")
        return [
            Record(
                platform="instagram",
                text=text,
                posted_at=time_of(when),
                links=links_of([], text),
                raw={"kind": "comment", "media_owner": media_owner},
                **author,
            )
        ]
    media = [m for m in item.get("media") or [] if isinstance(m, dict)]
    text = clean(item.get("title") or (media[0].get("title") if media else ""))
    when = item.get("creation_timestamp") or (media[0].get("creation_timestamp") if media else None)
    if not (text or media):
        raise RowError("neither a caption nor media")
    return [
        Record(
            platform="instagram",
            text=text,
            posted_at=time_of(when),
            links=links_of([], text),
            raw={"kind": "post", "media": [clean(m.get("uri"), 500) for m in media[:20]]},
            **author,
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


def read_instagram_export(source):
    owner = export_owner(source, "instagram")
    yield from rows(source, lambda item: instagram_export_item(item, owner), _instagram_items(source))
