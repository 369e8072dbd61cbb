"""Which format a file is, from its content (never its name)."""

import json
import re

from pantau.evidence.filecheck import binary_type

from .base import FileRejected, Source, csv_header
from .fourcat import FOURCAT_COLUMNS
from .scrapers import scraper_kind
from .whatsapp import looks_like_whatsapp

ARCHIVES = ("gz", "zip", "bz2", "xz", "7z", "tar", "rar")
DYI_KEYS = {"group_posts_v2", "comments_v2", "group_comments_v2", "posts_v2"}
INSTAGRAM_KEYS = {"comments_reels_comments", "comments_media_comments", "ig_posts"}


def _first_value(text: str):
    """The first JSON value of the head, or the first element of a top-level list, or None."""
    decoder = json.JSONDecoder()
    stripped = text.lstrip("\ufeff \r\n\t")
    first_line = stripped.split("\n", 1)[0]
    for candidate in (first_line, stripped):
        try:
            return decoder.raw_decode(candidate)[0]
        except (json.JSONDecodeError, RecursionError):
            continue
    if stripped.startswith("["):
        try:
            return [decoder.raw_decode(stripped, len(stripped[1:]) - len(stripped[1:].lstrip()) + 1)[0]]
        except (json.JSONDecodeError, RecursionError):
            return None
    return None


def _first_long_line(source: Source):
    """The first line as JSON when it is longer than the head (an NDJSON item with a large caption or thread)."""
    for _, line in source.lines():
        source.bytes_read = 0
        if isinstance(line, str) and line.strip():
            try:
                return json.loads(line)
            except (json.JSONDecodeError, RecursionError):
                return None
        return None
    return None


def classify_json(value) -> str:
    in_list = isinstance(value, list)
    obj = next((v for v in value if isinstance(v, dict)), None) if in_list else value
    if not isinstance(obj, dict):
        return "jsonl"
    keys = set(obj)
    if obj.get("_") == "Message" and "_chat" in keys:
        return "4cat-telegram"
    if isinstance(obj.get("messages"), list) or "chats" in keys:
        return "telegram"
    if "source_platform" in keys or ("item_id" in keys and isinstance(obj.get("data"), dict)):
        return "zeeschuimer"
    if str(obj.get("kind", "")).startswith("youtube#") or ("cid" in keys and "text" in keys):
        return "youtube"
    if isinstance(obj.get("comments"), list) and ("webpage_url" in keys or "extractor" in keys):
        return "youtube"
    if "data" in keys and ({"includes", "meta"} & keys or isinstance(obj.get("data"), list) and not in_list):
        return "x-api-v2"
    if "errors" in keys and len(keys) <= 3 or "__twarc" in keys or "author_user" in keys:
        return "x-api-v2"
    tweet_keys = {"edit_history_tweet_ids", "conversation_id", "referenced_tweets"} & keys
    if "text" in keys and "id" in keys and "platform" not in keys and (tweet_keys or "author_id" in keys):
        return "x-api-v2"
    if "users" in keys and "data" not in keys:
        return "x-api-v2"  # academictwitteR's users file: the reader says what to import instead
    if DYI_KEYS & keys or (in_list and "timestamp" in keys and {"data", "attachments", "title"} & keys):
        return "facebook-dyi"
    if INSTAGRAM_KEYS & keys or "string_map_data" in keys or (in_list and isinstance(obj.get("media"), list)):
        return "instagram-export"
    if "Profile" in keys and {"Video", "Comment", "Activity", "Your Activity", "Post"} & keys:
        return "tiktok-export"
    if scraper_kind(obj):
        return "scraper-json"
    return "jsonl"


def _json_by_keys(text: str) -> str | None:
    """For a head whose first value is larger than the head: its keys tell the format."""
    for pattern, fmt in (
        (r'"source_platform"\s*:', "zeeschuimer"),
        (r'"messages"\s*:\s*\[', "telegram"),
        (r'"(includes|author_id|edit_history_tweet_ids|__twarc)"\s*:', "x-api-v2"),
        (r'"(group_posts_v2|comments_v2|group_comments_v2)"\s*:', "facebook-dyi"),
        (r'"kind"\s*:\s*"youtube#', "youtube"),
        (r'"(authorMeta|shortCode|facebookUrl)"\s*:', "scraper-json"),
    ):
        if re.search(pattern, text):
            return fmt
    return None


def detect_format(source: Source) -> str:
    head = source.head()
    if not head.strip():
        raise FileRejected("the file is empty")
    binary = binary_type(head)
    if binary is not None:
        extension, mime = binary
        hint = " (unpack it first)" if extension in ARCHIVES else ""
        raise FileRejected(f"this is a {extension.upper()} file ({mime}), not an export{hint}")
    if b"\x00" in head and source.encoding != "utf-16":
        raise FileRejected("this is a binary file, not an export")
    text = source.head_text()
    stripped = text.lstrip("\ufeff \r\n\t")
    if looks_like_whatsapp(text):
        return "whatsapp"
    if stripped.startswith("window.YTD."):
        return "x-archive"
    if stripped[:1] == "<":
        if 'class="page_header"' in text or 'class="history"' in text:
            return "telegram-html"
        raise FileRejected("an HTML page, not an export (of HTML, Telegram Desktop's messages.html is read)")
    if stripped.startswith(("{", "[")):
        value = _first_value(text)
        if value is None and len(head) < source.size:
            value = _first_long_line(source)
        if value is not None:
            return classify_json(value)
        fmt = _json_by_keys(text)
        if fmt:
            return fmt
        if len(head) >= source.size:
            raise FileRejected("not valid JSON; the file may be truncated")
        raise FileRejected("JSON that is none of the formats in docs/formats.md")
    return _detect_csv(stripped.split("\n", 1)[0])


def _detect_csv(first_line: str) -> str:
    header = set(csv_header(first_line))
    if {"Facebook Id", "Post Created"} & header or (
        {"Page Name", "Group Name", "Account"} & header and "URL" in header
    ):
        return "crowdtangle"
    if "creation_time" in header and (
        {"post_owner.id", "post_owner.name", "post_owner_id", "post_owner_name", "mcl_url", "surface.id"} & header
    ):
        return "meta-content-library"
    if FOURCAT_COLUMNS <= header:
        return "4cat-csv"
    if {"facebookUrl", "shortCode", "authorMeta/name", "webVideoUrl", "ownerUsername"} & header:
        return "scraper-csv"
    if "text" in header and ({"posted_at", "url", "post_id", "id", "created_at"} & header):
        return "csv"
    if len(header) > 1:
        raise FileRejected(f"CSV columns not recognised ({', '.join(sorted(header))[:150]}); see docs/formats.md")
    raise FileRejected("not a recognised export format; see docs/formats.md")
