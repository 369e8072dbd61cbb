"""Reading the exports monitors have, into one record shape. Django-free.

Every format yields `Record`s (or `RowProblem`s for a bad row, with its line
number) from a `Source`, which bounds what a hostile file can make us read:
no line longer than `max_line`, no whole-document JSON bigger than
`max_document`, no nesting deeper than Python's parser allows. The field
mapping of each format is documented in docs/formats.md.
"""

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import filetype

from pantau.lib.urls import normalize_url

from .timeparse import BadTime, parse_time

PLATFORMS = {"facebook", "instagram", "tiktok", "x", "youtube", "telegram", "whatsapp", "web", "other"}
PLATFORM_ALIASES = {"twitter": "x", "fb": "facebook", "ig": "instagram", "wa": "whatsapp", "tg": "telegram"}
URL_IN_TEXT = re.compile(r"https?://[^\s<>\"')\]]+")


class FileRejected(Exception):
    """The whole file cannot be read; the message is one line for the person importing it."""


class RowError(ValueError):
    pass


@dataclass
class Record:
    platform: str
    text: str = ""
    post_id: str = ""
    url: str = ""
    author_id: str = ""
    author_name: str = ""
    author_url: str = ""
    author_kind: str = "person"
    group_id: str = ""
    group_name: str = ""
    group_url: str = ""
    posted_at: datetime | None = None
    links: list = field(default_factory=list)
    kecamatan: str = ""
    raw: dict = field(default_factory=dict)
    line: int = 0
    # Distinguishes identical messages (same author, minute and text) in a chat export.
    occurrence: int = 0


@dataclass
class RowProblem:
    line: int
    reason: str


class Source:
    """A file opened for import, read in bounded pieces."""

    def __init__(self, path: Path, *, name: str = "", max_line: int, max_document: int):
        self.path = Path(path)
        self.name = name or self.path.name
        self.max_line = max_line
        self.max_document = max_document
        self.size = self.path.stat().st_size
        self.bytes_read = 0

    def head(self, size: int = 65536) -> bytes:
        with open(self.path, "rb") as handle:
            return handle.read(size)

    def lines(self):
        """(line number, text) for each line; a line over the limit is reported as a problem and skipped."""
        with open(self.path, "rb") as handle:
            number = 0
            while True:
                raw = handle.readline(self.max_line + 1)
                if not raw:
                    return
                number += 1
                if len(raw) > self.max_line and not raw.endswith(b"\n"):
                    while True:  # drain the rest of the over-long line without keeping it
                        chunk = handle.readline(1024 * 1024)
                        self.bytes_read += len(chunk)
                        if not chunk or chunk.endswith(b"\n"):
                            break
                    self.bytes_read += len(raw)
                    yield number, RowProblem(number, f"line longer than {self.max_line} bytes")
                    continue
                self.bytes_read += len(raw)
                text = raw.decode("utf-8", errors="replace")
                if number == 1:
                    text = text.lstrip("\ufeff")
                yield number, text

    def strict_lines(self):
        """Lines for formats where a skipped line would corrupt the rest (CSV, chat text)."""
        for number, text in self.lines():
            if isinstance(text, RowProblem):
                raise FileRejected(f"line {number} is longer than {self.max_line} bytes; is this really an export?")
            yield text

    def document(self):
        """The whole file parsed as one JSON document."""
        if self.size > self.max_document:
            raise FileRejected(
                f"the file is {self.size} bytes; JSON documents over {self.max_document} bytes are refused "
                "(PANTAU_IMPORT_MAX_DOCUMENT_BYTES)"
            )
        data = self.path.read_bytes()
        self.bytes_read = len(data)
        try:
            return json.loads(data.decode("utf-8-sig", errors="replace"))
        except RecursionError:
            raise FileRejected("the JSON is nested too deeply to be an export") from None
        except json.JSONDecodeError as exc:
            raise FileRejected(f"not valid JSON (line {exc.lineno}: {exc.msg}); the file may be truncated") from None


# ---------------------------------------------------------------- helpers


def clean(value, limit: int = 100_000) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()[:limit]


def platform_of(value, default="other") -> str:
    name = clean(value).lower()
    name = name.removesuffix(".com")
    name = PLATFORM_ALIASES.get(name, name)
    return name if name in PLATFORMS else default


def links_of(value, text="") -> list[str]:
    items = []
    if isinstance(value, list):
        items = [clean(v) for v in value if isinstance(v, str)]
    elif isinstance(value, str) and value.strip():
        stripped = value.strip()
        if stripped.startswith("["):
            try:
                items = [clean(v) for v in json.loads(stripped) if isinstance(v, str)]
            except (json.JSONDecodeError, TypeError):
                items = stripped.split()
        else:
            items = re.split(r"[\s,]+", stripped)
    items += URL_IN_TEXT.findall(text or "")
    seen, out = set(), []
    for item in items:
        if item and item not in seen and normalize_url(item):
            seen.add(item)
            out.append(item[:2000])
    return out[:50]


def time_of(value):
    try:
        return parse_time(value)
    except BadTime as exc:
        raise RowError(str(exc)) from None


def dig(obj, *path, default=None):
    for key in path:
        if isinstance(obj, dict):
            obj = obj.get(key)
        elif isinstance(obj, list) and isinstance(key, int) and -len(obj) <= key < len(obj):
            obj = obj[key]
        else:
            return default
        if obj is None:
            return default
    return obj


def find_key(obj, names, depth=12):
    """The first value under one of `names`, searching nested dicts and lists breadth-first (bounded)."""
    level = [obj]
    for _ in range(depth):
        following = []
        for node in level:
            if isinstance(node, dict):
                for name in names:
                    if node.get(name) not in (None, "", [], {}):
                        return node[name]
                following.extend(v for v in node.values() if isinstance(v, dict | list))
            elif isinstance(node, list):
                following.extend(v for v in node[:200] if isinstance(v, dict | list))
        level = following[:5000]
        if not level:
            break
    return None


def _json_lines(source: Source):
    for number, text in source.lines():
        if isinstance(text, RowProblem):
            yield number, text
            continue
        if not text.strip():
            continue
        try:
            obj = json.loads(text)
        except RecursionError:
            yield number, RowProblem(number, "JSON nested too deeply")
            continue
        except json.JSONDecodeError as exc:
            yield number, RowProblem(number, f"not valid JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict):
            yield number, RowProblem(number, "not a JSON object")
            continue
        yield number, obj


def _rows(source: Source, convert, items):
    """Run `convert(obj)` on each item; a failing one becomes a RowProblem with its line number."""
    for number, obj in items:
        if isinstance(obj, RowProblem):
            yield obj
            continue
        try:
            for record in convert(obj):
                record.line = number
                yield record
        except RowError as exc:
            yield RowProblem(number, str(exc))
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            yield RowProblem(number, f"unexpected shape ({type(exc).__name__}: {str(exc)[:80]})")


# ---------------------------------------------------------------- generic CSV / JSONL (and gen_posts.py)

GENERIC_FIELDS = {
    "post_id": ("post_id", "id"),
    "posted_at": ("posted_at", "created_at", "time", "date"),
    "text": ("text", "message", "content"),
}


def _first(obj, names):
    for name in names:
        if obj.get(name) not in (None, ""):
            return obj[name]
    return None


def generic_record(obj: dict) -> list[Record]:
    text = clean(_first(obj, GENERIC_FIELDS["text"]))
    url = clean(obj.get("url"), 2000)
    post_id = clean(_first(obj, GENERIC_FIELDS["post_id"]), 255)
    if not (text or url or post_id):
        raise RowError("no text, url or post id")
    platform = platform_of(obj.get("platform"), default="")
    if not platform:
        raise RowError(f"unknown platform {clean(obj.get('platform'))[:30]!r}")
    return [
        Record(
            platform=platform,
            text=text,
            post_id=post_id,
            url=url,
            author_id=clean(obj.get("author_id"), 255),
            author_name=clean(obj.get("author_name"), 255),
            author_url=clean(obj.get("author_url"), 1000),
            group_id=clean(obj.get("group_id"), 255),
            group_name=clean(obj.get("group_name"), 255),
            group_url=clean(obj.get("group_url"), 1000),
            posted_at=time_of(_first(obj, GENERIC_FIELDS["posted_at"])),
            links=links_of(obj.get("links")),
            kecamatan=clean(obj.get("kecamatan"), 100),
            raw=obj,
        )
    ]


def read_jsonl(source: Source):
    yield from _rows(source, generic_record, _json_lines(source))


def _csv_dicts(source: Source, required=()):
    lines = source.strict_lines()
    first = next(lines, None)
    if first is None:
        raise FileRejected("the file is empty")
    dialect = _dialect(first)
    reader = csv.reader(_chain([first], lines), dialect)
    try:
        header = [h.strip() for h in next(reader)]
    except csv.Error as exc:
        raise FileRejected(f"not a readable CSV header ({exc})") from None
    missing = [name for name in required if name not in header]
    if missing:
        raise FileRejected(f"missing column(s) {', '.join(missing)}; columns found: {', '.join(header)[:200]}")
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield reader.line_num, RowProblem(reader.line_num, f"broken CSV ({exc})")
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield (
                reader.line_num,
                RowProblem(reader.line_num, f"{len(row)} columns where the header has {len(header)}"),
            )
            continue
        yield reader.line_num, dict(zip(header, row, strict=True))


def _dialect(first_line: str):
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    delimiter = max(counts, key=counts.get)

    class Dialect(csv.excel):
        pass

    Dialect.delimiter = delimiter
    return Dialect


def _chain(*iterables):
    for iterable in iterables:
        yield from iterable


def read_csv(source: Source):
    yield from _rows(source, generic_record, _csv_dicts(source, required=("text",)))


# ---------------------------------------------------------------- Meta Content Library CSV


def mcl_record(row: dict) -> list[Record]:
    post_id = clean(row.get("id"), 255)
    if not post_id:
        raise RowError("no id")
    mcl_url = clean(row.get("mcl_url"), 2000)
    platform = (
        "instagram" if "instagram" in mcl_url.lower() or row.get("platform", "").lower() == "instagram" else "facebook"
    )
    owner_type = clean(row.get("post_owner.type")).lower()
    surface_type = clean(row.get("surface.type")).lower()
    record = Record(
        platform=platform,
        post_id=post_id,
        text=clean(row.get("text")),
        url=clean(row.get("url") or row.get("post_url"), 2000),
        author_id=clean(row.get("post_owner.id"), 255),
        author_name=clean(row.get("post_owner.name") or row.get("post_owner.username"), 255),
        author_kind="page" if owner_type == "page" else "person",
        posted_at=time_of(row.get("creation_time")),
        links=links_of(row.get("link_attachment.link"), row.get("text", "")),
        raw=row,
    )
    if surface_type == "group" or (row.get("surface.id") and surface_type != "page" and row.get("surface.name")):
        record.group_id = clean(row.get("surface.id"), 255)
        record.group_name = clean(row.get("surface.name"), 255)
    return [record]


def read_meta_content_library(source: Source):
    yield from _rows(source, mcl_record, _csv_dicts(source, required=("id", "creation_time")))


# ---------------------------------------------------------------- CrowdTangle historical CSV

FB_POST_ID = re.compile(r"/(?:posts|permalink|videos|photos/[^/]+)/(\d+)|story_fbid=(\d+)|/reel/(\d+)")


def crowdtangle_record(row: dict) -> list[Record]:
    url = clean(row.get("URL"), 2000)
    match = FB_POST_ID.search(url)
    post_id = next((g for g in match.groups() if g), "") if match else ""
    text = clean(row.get("Message") or row.get("Description") or row.get("Image Text"))
    if not (url or text):
        raise RowError("no URL and no message")
    account_id = clean(row.get("Facebook Id") or row.get("User Name"), 255)
    name = clean(row.get("Page Name") or row.get("Group Name") or row.get("Account"), 255)
    handle = clean(row.get("User Name"), 255)
    record = Record(
        platform="facebook",
        post_id=f"{account_id}_{post_id}" if post_id and account_id else post_id,
        url=url,
        text=text,
        posted_at=time_of(
            row.get("Post Created") or f"{row.get('Post Created Date', '')} {row.get('Post Created Time', '')}".strip()
        ),
        links=links_of([row.get("Final Link") or row.get("Link") or ""], text),
        raw=row,
    )
    if "Group Name" in row or "/groups/" in url:
        record.group_id, record.group_name = account_id, name
        record.group_url = f"https://www.facebook.com/groups/{handle or account_id}" if account_id else ""
    else:
        record.author_id, record.author_name, record.author_kind = account_id, name, "page"
        record.author_url = f"https://www.facebook.com/{handle or account_id}" if account_id else ""
    return [record]


def read_crowdtangle(source: Source):
    yield from _rows(source, crowdtangle_record, _csv_dicts(source, required=("URL",)))


# ---------------------------------------------------------------- 4CAT / Zeeschuimer NDJSON


def zeeschuimer_record(item: dict) -> list[Record]:
    data = item.get("data")
    if not isinstance(data, dict):
        raise RowError("no 'data' object")
    source = clean(item.get("source_platform")).lower()
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


def read_zeeschuimer(source: Source):
    yield from _rows(source, zeeschuimer_record, _json_lines(source))


# ---------------------------------------------------------------- X API v2


def x_api_page(page: dict) -> list[Record]:
    tweets = page.get("data")
    if isinstance(tweets, dict):
        tweets = [tweets]
    if not isinstance(tweets, list):
        raise RowError("no 'data' list of tweets")
    users = {u.get("id"): u for u in dig(page, "includes", "users", default=[]) if isinstance(u, dict)}
    records = []
    for tweet in tweets:
        if not isinstance(tweet, dict) or not tweet.get("id"):
            continue
        user = users.get(tweet.get("author_id"), {})
        username = clean(user.get("username"), 255)
        text = clean(dig(tweet, "note_tweet", "text") or tweet.get("text"))
        urls = [u.get("expanded_url") or u.get("url") for u in dig(tweet, "entities", "urls", default=[])]
        records.append(
            Record(
                platform="x",
                post_id=clean(tweet["id"], 255),
                url=f"https://x.com/{username or 'i'}/status/{tweet['id']}",
                text=text,
                author_id=username or clean(tweet.get("author_id"), 255),
                author_name=clean(user.get("name") or username, 255),
                author_url=f"https://x.com/{username}" if username else "",
                posted_at=time_of(tweet.get("created_at")),
                links=links_of([u for u in urls if isinstance(u, str)]),
                raw=tweet,
            )
        )
    return records


def read_x_api(source: Source):
    head = source.head(4096).lstrip(b"\xef\xbb\xbf \r\n\t")
    first_line = head.split(b"\n", 1)[0]
    if _is_json_object(first_line):  # one API response a line
        yield from _rows(source, x_api_page, _json_lines(source))
        return
    doc = source.document()
    pages = doc if isinstance(doc, list) else [doc]
    for number, page in enumerate(pages, start=1):
        yield from _rows(source, x_api_page, [(number, page)])


# ---------------------------------------------------------------- Telegram Desktop result.json


def _telegram_text(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(part if isinstance(part, str) else str(part.get("text", "")) for part in value[:10000])
    return ""


def telegram_chat(chat: dict) -> list[Record]:
    chat_id = clean(chat.get("id"), 255)
    chat_name = clean(chat.get("name"), 255)
    is_channel = "channel" in clean(chat.get("type"))
    records = []
    for message in chat.get("messages") or []:
        if not isinstance(message, dict) or message.get("type") != "message":
            continue
        text = clean(_telegram_text(message.get("text")))
        links = [
            e.get("href") or e.get("text")
            for e in message.get("text_entities") or []
            if isinstance(e, dict) and e.get("type") in ("link", "text_link")
        ]
        try:
            when = time_of(message.get("date_unixtime") or message.get("date"))
        except RowError:
            when = None
        records.append(
            Record(
                platform="telegram",
                post_id=f"{chat_id}/{message.get('id')}",
                text=text or ("[media]" if message.get("photo") or message.get("file") else ""),
                author_id=clean(message.get("from_id"), 255),
                author_name=clean(message.get("from") or message.get("author"), 255),
                author_kind="channel" if clean(message.get("from_id")).startswith("channel") else "person",
                group_id=chat_id,
                group_name=chat_name,
                posted_at=when,
                links=links_of([link for link in links if isinstance(link, str)], text),
                raw=message,
                line=int(message.get("id") or 0) if str(message.get("id", "")).isdigit() else 0,
            )
        )
        if is_channel and not records[-1].author_id:
            records[-1].author_id, records[-1].author_name = f"channel{chat_id}", chat_name
    return records


def read_telegram(source: Source):
    doc = source.document()
    if not isinstance(doc, dict):
        raise FileRejected("not a Telegram export: the JSON is not an object")
    chats = [doc] if "messages" in doc else dig(doc, "chats", "list", default=[])
    if not chats:
        raise FileRejected("not a Telegram export: no 'messages' and no 'chats'")
    for chat in chats:
        if isinstance(chat, dict):
            for record in telegram_chat(chat):
                number = record.line
                record.line = number
                yield record


# ---------------------------------------------------------------- WhatsApp "Export chat" text

_TIME = r"(\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?(?:[\s\u202f]?([AaPp])\.?[\s\u202f]?[Mm]\.?)?"
_DATE = r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})"
WA_ANDROID = re.compile(rf"^{_DATE},?\s{_TIME}\s[-–]\s(.*)$")
WA_IOS = re.compile(rf"^\[{_DATE},?\s{_TIME}\]\s(.*)$")
MEDIA_OMITTED = re.compile(
    r"^(<Media tidak disertakan>|<Media omitted>|<Media dihilangkan>|[\w ]*(omitted|tidak disertakan|dihapus)"
    r"|<attached: [^>]*>|<terlampir: [^>]*>)$",
    re.IGNORECASE,
)
DIRECTIONAL = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\ufeff"


def _wa_match(line: str):
    line = line.strip(DIRECTIONAL).rstrip("\r\n")
    return WA_ANDROID.match(line) or WA_IOS.match(line)


def looks_like_whatsapp(text: str) -> bool:
    lines = [line for line in text.splitlines()[:20] if line.strip()]
    return bool(lines) and sum(1 for line in lines if _wa_match(line)) >= max(1, len(lines) // 3)


def _chat_name(file_name: str) -> str:
    stem = Path(file_name).stem
    for prefix in ("WhatsApp Chat with ", "WhatsApp Chat - ", "Chat WhatsApp dengan ", "Chat WhatsApp - "):
        if stem.startswith(prefix):
            return stem[len(prefix) :].strip()
    return stem


def read_whatsapp(source: Source):
    if source.size > source.max_document:
        raise FileRejected(f"chat exports over {source.max_document} bytes are refused")
    messages = []  # [line, groups, text lines]
    for number, line in enumerate(source.strict_lines(), start=1):
        match = _wa_match(line)
        if match:
            messages.append([number, match.groups(), [match.groups()[-1]]])
        elif messages:
            messages[-1][2].append(line.rstrip("\r\n"))
    if not messages:
        raise FileRejected("no WhatsApp messages found (expected lines like '01/10/24 10.15 - Name: text')")
    firsts = [int(m[1][0]) for m in messages]
    seconds = [int(m[1][1]) for m in messages]
    twelve_hour = any(m[1][6] for m in messages)
    if max(seconds) > 12:
        month_first = True
    elif max(firsts) > 12:
        month_first = False
    else:  # ambiguous: US-English phones print m/d/y with AM/PM, Indonesian ones d/m/y
        month_first = twelve_hour
    chat = _chat_name(source.name)
    group_id = "wa-" + re.sub(r"[^a-z0-9]+", "-", chat.lower()).strip("-")[:200]
    seen: dict[tuple, int] = {}
    for number, groups, lines in messages:
        a, b, year, hour, minute, second, half, _rest = groups
        day, month = (int(b), int(a)) if month_first else (int(a), int(b))
        year = int(year) + (2000 if len(year) == 2 else 0)
        hour = int(hour)
        if half:
            hour = hour % 12 + (12 if half.lower() == "p" else 0)
        body = "\n".join(lines).strip(DIRECTIONAL)
        if ": " not in body.split("\n", 1)[0]:
            continue  # a system line: "X joined", "Messages are end-to-end encrypted", ...
        author, text = body.split(": ", 1)
        text = text.strip(DIRECTIONAL).strip()
        media = bool(MEDIA_OMITTED.match(text.strip(DIRECTIONAL)))
        if media:
            text = ""
        try:
            when = datetime(year, month, day, hour, int(minute), int(second or 0))
        except ValueError:
            yield RowProblem(number, "impossible date or time")
            continue
        when = parse_time(when.isoformat())
        author = author.strip(DIRECTIONAL).strip()
        phone = re.fullmatch(r"\+?[\d\s().-]{7,}", author)
        key = (author, when, text)
        seen[key] = seen.get(key, 0) + 1
        yield Record(
            platform="whatsapp",
            text=text,
            author_id=re.sub(r"[^\d+]", "", author) if phone else author[:255],
            author_name=author[:255],
            author_kind="phone" if phone else "person",
            group_id=group_id,
            group_name=chat[:255],
            posted_at=when,
            links=links_of([], text),
            raw={"line": number, "media_omitted": media, "chat": chat},
            line=number,
            occurrence=seen[key],
        )


# ---------------------------------------------------------------- detection

READERS = {
    "csv": read_csv,
    "jsonl": read_jsonl,
    "meta-content-library": read_meta_content_library,
    "crowdtangle": read_crowdtangle,
    "zeeschuimer": read_zeeschuimer,
    "x-api-v2": read_x_api,
    "telegram": read_telegram,
    "whatsapp": read_whatsapp,
}
FORMATS = tuple(READERS)


def _is_json_object(line: bytes) -> dict | None:
    try:
        obj = json.loads(line.decode("utf-8-sig", errors="replace"))
    except (json.JSONDecodeError, RecursionError):
        return None
    return obj if isinstance(obj, dict) else None


def _classify(obj: dict) -> str:
    if "messages" in obj or "chats" in obj:
        return "telegram"
    if "source_platform" in obj or ("item_id" in obj and isinstance(obj.get("data"), dict)):
        return "zeeschuimer"
    if "data" in obj and ("includes" in obj or "meta" in obj):
        return "x-api-v2"
    return "jsonl"


def detect_format(source: Source) -> str:
    head = source.head()
    if not head.strip():
        raise FileRejected("the file is empty")
    kind = filetype.guess(head)
    if kind is not None:
        hint = " (unpack it first)" if kind.extension in ("gz", "zip", "bz2", "xz", "7z", "tar", "rar") else ""
        raise FileRejected(f"this is a {kind.extension.upper()} file ({kind.mime}), not an export{hint}")
    if b"\x00" in head:
        raise FileRejected("this is a binary file, not an export")
    text = head.decode("utf-8-sig", errors="replace")
    stripped = text.lstrip()
    if looks_like_whatsapp(text):
        return "whatsapp"
    if stripped.startswith(("{", "[")):
        first_line = stripped.split("\n", 1)[0]
        obj = _is_json_object(first_line.encode())
        if obj is not None:
            return _classify(obj)
        if re.search(r'"messages"\s*:', text):
            return "telegram"
        if re.search(r'"(includes|author_id|edit_history_tweet_ids)"\s*:', text):
            return "x-api-v2"
        if stripped.startswith("{") and len(head) < source.size:
            return "x-api-v2" if '"data"' in text else "telegram"
        raise FileRejected("JSON that is neither JSON Lines, an X API v2 response nor a Telegram export")
    first_line = stripped.split("\n", 1)[0]
    try:
        header = {h.strip() for h in next(csv.reader(io.StringIO(first_line), _dialect(first_line)))}
    except (csv.Error, StopIteration):
        header = set()
    if {"Facebook Id", "Post Created"} & header or ({"Page Name", "Group Name"} & header and "URL" in header):
        return "crowdtangle"
    if "creation_time" in header and ({"post_owner.id", "post_owner.name", "mcl_url"} & header):
        return "meta-content-library"
    if "text" in header and ({"posted_at", "url", "post_id", "id", "created_at"} & header):
        return "csv"
    if len(header) > 1:
        raise FileRejected(f"CSV columns not recognised ({', '.join(sorted(header))[:150]}); see docs/formats.md")
    raise FileRejected("not a recognised export format; see docs/formats.md")


def read_records(source: Source, fmt: str | None = None):
    """(format, iterator of Record | RowProblem)."""
    fmt = fmt or detect_format(source)
    if fmt not in READERS:
        raise FileRejected(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    return fmt, READERS[fmt](source)
