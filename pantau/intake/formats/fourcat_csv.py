"""4CAT's own CSV dataset export, for its Facebook, Instagram, TikTok, Telegram and X sources.

4CAT maps every item to `id`, `thread_id`, `body`, `author`, `timestamp`
(UTC, "2024-10-12 13:15:00") and `unix_timestamp`, plus columns of its
source; the platform is told by those columns (`tiktok_url`, `is_quote_tweet`,
`chat`/`forwarded_from_name`...) or by the item's link. 4CAT's NDJSON download
of a Zeeschuimer dataset is Zeeschuimer's own format (`zeeschuimer.py`); its
Telegram scraper's NDJSON is `fourcat_telegram.py`.
"""

from datetime import UTC

from .base import Record, RowError, clean, csv_dicts, first_of, links_of, platform_of_url, time_of
from .registry import Format, register
from .telegram import forward_key

FOURCAT_COLUMNS = {"id", "thread_id", "body", "author", "timestamp"}
PLATFORM_COLUMNS = (
    ("tiktok", {"tiktok_url", "music_name", "is_duet"}),
    ("x", {"is_quote_tweet", "retweet_count", "is_retweet", "quote_count"}),
    ("telegram", {"forwarded_from_name", "author_forwarded_from_name", "author_is_bot", "chat"}),
    ("instagram", {"usertags", "num_media", "location_name"}),
)


def platform_from_columns(row: dict) -> str:
    for platform, columns in PLATFORM_COLUMNS:
        if columns & set(row):
            return platform
    return platform_of_url(clean(first_of(row, ("url", "link", "post_url"), "")))


def fourcat_row(row: dict) -> list[Record]:
    platform = platform_from_columns(row)
    if not platform:
        raise RowError("the platform cannot be told from this 4CAT row (no url and no platform columns)")
    post_id = clean(row.get("id"), 255)
    author = clean(first_of(row, ("author", "author_username")), 255)
    text = clean(row.get("body"))
    url = clean(first_of(row, ("tiktok_url", "url", "link", "post_url"), ""), 2000)
    if platform == "x" and not url and post_id:
        url = f"https://x.com/{author or 'i'}/status/{post_id}"
    record = Record(
        platform=platform,
        post_id=post_id,
        url=url,
        text=text,
        author_id=author or clean(row.get("author_id"), 255),
        author_name=clean(first_of(row, ("author_fullname", "author_full", "author_name"), author), 255),
        posted_at=time_of(row.get("unix_timestamp") or row.get("timestamp"), UTC),
        links=links_of(clean(first_of(row, ("urls", "link_attached"), "")), text),
        raw=row,
    )
    if platform == "telegram":
        _telegram_row(record, row)
    return [record]


def _telegram_row(record: Record, row: dict) -> None:
    """4CAT's Telegram columns, keyed as its NDJSON and Telegram's own exports are."""
    chat = clean(row.get("chat") or row.get("thread_id"), 255)
    record.group_id, record.group_name = chat, chat
    # 4CAT writes "<chat>-<message id>" in newer versions and the bare message id in older ones;
    # Pantau's Telegram posts are "<chat>/<message id>".
    message = record.post_id.removeprefix(chat + "-") if chat else record.post_id
    record.post_id = f"{chat}/{message}" if chat else message
    record.url = record.url or (f"https://t.me/{chat}/{message}" if chat else "")
    # "author" is the sender's numeric id; its username is what the NDJSON reader keys the account by.
    record.author_id = clean(row.get("author_username"), 255) or record.author_id
    if row.get("reply_to"):
        record.references.append(("reply", f"telegram:{chat}/{clean(row['reply_to'])}"))
    forwarded = clean(row.get("forwarded_from_name") or row.get("author_forwarded_from_name"))
    if forwarded:
        record.references.append(("forward", forward_key(forwarded)))


@register
class FourcatCsv(Format):
    name, shape, order = "4cat-csv", "csv", 30

    def detect(self, head):
        return FOURCAT_COLUMNS <= head.columns

    def items(self, source):
        return csv_dicts(source, required=("id", "body"))

    def map(self, item):
        return fourcat_row(item)
