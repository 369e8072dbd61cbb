"""What the common hosted scrapers (Apify actors) write for Facebook, Instagram and TikTok, as JSON or CSV.

- Facebook Posts / Groups Scraper: `postId`, `url`, `text`, `time`, `user{id,name,profileUrl}`,
  `facebookUrl` (the page or group scraped), `groupTitle`.
- Instagram Scraper: `id`, `shortCode`, `caption`, `timestamp`, `ownerUsername`, `ownerFullName`, `ownerId`.
- TikTok Scraper: `id`, `text`, `createTimeISO`/`createTime`, `authorMeta{name,nickName,id}`, `webVideoUrl`.
- Their comment scrapers, one item a comment, each a post of its own by the person who wrote it, with a
  reply reference to what it answers (`scraper_comments.py`).
The CSV downloads flatten nested keys with "/" (`user/name`, `authorMeta/name`); they are nested again here.
"""

from . import scraper_comments
from .base import Record, RowError, clean, csv_dicts, dict_at, dig, first_of, json_items, links_of, time_of
from .registry import Format, register
from .scraper_comments import FB_GROUP


def unflatten(row: dict) -> dict:
    out: dict = {}
    for key, value in row.items():
        if value == "":
            continue
        node = out
        parts = key.split("/")
        for part in parts[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                child = node[part] = {}
            node = child
        node[parts[-1]] = value
    return out


def scraper_kind(item: dict) -> str:
    keys = set(item)
    comment = scraper_comments.comment_kind(item)
    if comment:
        return comment
    if "authorMeta" in keys or "webVideoUrl" in keys or any(k.startswith("authorMeta/") for k in keys):
        return "tiktok"
    if "shortCode" in keys and ("ownerUsername" in keys or "caption" in keys):
        return "instagram"
    if "facebookUrl" in keys or ("postId" in keys and ("pageName" in keys or "user" in keys)):
        return "facebook"
    return ""


def _facebook(item) -> list[Record]:
    user = dict_at(item, "user")
    url = clean(item.get("url") or item.get("postUrl"), 2000)
    scraped = clean(item.get("facebookUrl") or item.get("inputUrl"), 2000)
    group = FB_GROUP.search(url) or FB_GROUP.search(scraped)
    text = clean(item.get("text") or item.get("message"))
    record = Record(
        platform="facebook",
        post_id=clean(first_of(item, ("postId", "legacyId")), 255),
        url=url,
        text=text,
        author_id=clean(user.get("id") or item.get("facebookId"), 255),
        author_name=clean(user.get("name") or item.get("pageName"), 255),
        author_url=clean(user.get("profileUrl"), 1000),
        author_kind="page" if item.get("pageName") and not group else "person",
        posted_at=time_of(first_of(item, ("time", "timestamp", "date"))),
        links=links_of([clean(item.get("link"))] if item.get("link") else [], text),
        raw=item,
    )
    if group:
        record.group_id = group.group(1)
        record.group_name = clean(item.get("groupTitle") or item.get("groupName"), 255)
        record.group_url = f"https://www.facebook.com/groups/{group.group(1)}"
    return [record]


def _instagram(item) -> list[Record]:
    username = clean(item.get("ownerUsername"), 255)
    code = clean(item.get("shortCode"), 64)
    text = clean(item.get("caption"))
    return [
        Record(
            platform="instagram",
            post_id=clean(item.get("id"), 255).split("_")[0],
            url=clean(item.get("url"), 2000) or (f"https://www.instagram.com/p/{code}/" if code else ""),
            text=text,
            author_id=username or clean(item.get("ownerId"), 255),
            author_name=clean(item.get("ownerFullName") or username, 255),
            author_url=f"https://www.instagram.com/{username}/" if username else "",
            posted_at=time_of(item.get("timestamp")),
            links=links_of([], text),
            raw=item,
        )
    ]


def _tiktok(item) -> list[Record]:
    author = dict_at(item, "authorMeta")
    handle = clean(author.get("name") or author.get("uniqueId"), 255)
    post_id = clean(item.get("id"), 255)
    text = clean(item.get("text"))
    return [
        Record(
            platform="tiktok",
            post_id=post_id,
            url=clean(item.get("webVideoUrl"), 2000)
            or (f"https://www.tiktok.com/@{handle}/video/{post_id}" if handle and post_id else ""),
            text=text,
            author_id=handle or clean(author.get("id"), 255),
            author_name=clean(author.get("nickName") or handle, 255),
            author_url=clean(author.get("profileUrl"), 1000) or (f"https://www.tiktok.com/@{handle}" if handle else ""),
            posted_at=time_of(first_of(item, ("createTimeISO", "createTime"))),
            links=links_of([], text),
            raw=item,
        )
    ]


CONVERTERS = {"facebook": _facebook, "instagram": _instagram, "tiktok": _tiktok} | scraper_comments.CONVERTERS


def scraper_item(item: dict) -> list[Record]:
    item = unflatten(item) if any("/" in k for k in item) else item
    kind = scraper_kind(item)
    if not kind:
        raise RowError("not an item of a Facebook, Instagram or TikTok scraper")
    if dig(item, "error") and not (item.get("text") or item.get("caption")):
        raise RowError(f"the scraper reported an error: {clean(item['error'], 80)}")
    return CONVERTERS[kind](item)


@register
class ScraperJson(Format):
    name, shape, order = "scraper-json", "json", 90
    key_pattern = r'"(authorMeta|shortCode|facebookUrl|videoWebUrl|commentUrl)"\s*:'

    def detect(self, head):
        return head.obj is not None and bool(scraper_kind(head.obj))

    def items(self, source):
        return json_items(source)

    def map(self, item):
        return scraper_item(item)


@register
class ScraperCsv(ScraperJson):
    """The same scrapers' CSV downloads: one mapping, another container."""

    name, shape, order = "scraper-csv", "csv", 40
    key_pattern = ""

    def detect(self, head):
        return bool(
            {"facebookUrl", "shortCode", "authorMeta/name", "webVideoUrl", "ownerUsername", "videoWebUrl", "commentUrl"}
            & head.columns
        )

    def items(self, source):
        return csv_dicts(source)
