"""X's own archive: `data/tweets.js` (`window.YTD.tweets.part0 = [...]`), its owner from `account.js` beside it."""

import json
import re

from .base import FileRejected, Record, clean, dig, links_of, rows, time_of
from .registry import Format, register

PREFIX = re.compile(r"^\s*window\.YTD\.[\w.]+\s*=\s*")
# "window.YTD.tweets.part0" (and part1... of a large archive; "tweet" in older ones, "deleted_tweets").
PART = re.compile(r"^\s*window\.YTD\.(?P<name>\w+)\.part\d+\s*=")
TWEET_PARTS = {"tweets", "tweet", "deleted_tweets", "community_tweet"}


def _owner(source) -> dict:
    for name in ("account.js", "data/account.js"):
        path = source.path.parent / name
        if path.is_file() and path.stat().st_size < 10_000_000:
            try:
                data = json.loads(PREFIX.sub("", path.read_text(encoding="utf-8", errors="replace"), count=1))
            except json.JSONDecodeError:
                break
            return dig(data, 0, "account", default={}) or {}
    source.note("no account.js beside tweets.js; the archive's owner is not named")
    return {}


def archive_tweet(item: dict, owner: dict) -> list[Record]:
    tweet = item.get("tweet") or item
    tweet_id = clean(tweet.get("id_str") or tweet.get("id"), 255)
    if not tweet_id:
        raise FileRejected("not an X archive: a tweet without an id")
    username = clean(owner.get("username"), 255)
    urls = [u.get("expanded_url") for u in dig(tweet, "entities", "urls", default=[]) if isinstance(u, dict)]
    references = []
    if tweet.get("in_reply_to_status_id_str"):
        references.append(("reply", f"x:{tweet['in_reply_to_status_id_str']}"))
    return [
        Record(
            platform="x",
            post_id=tweet_id,
            url=f"https://x.com/{username or 'i'}/status/{tweet_id}",
            text=clean(tweet.get("full_text") or tweet.get("text")),
            author_id=username or clean(owner.get("accountId"), 255),
            author_name=clean(owner.get("accountDisplayName") or username, 255),
            author_url=f"https://x.com/{username}" if username else "",
            posted_at=time_of(tweet.get("created_at")),
            links=links_of([u for u in urls if isinstance(u, str)]),
            raw=tweet,
            references=references,
        )
    ]


@register
class XArchive(Format):
    name, shape, order = "x-archive", "text", 20

    def detect(self, head):
        return head.stripped.startswith("window.YTD.")

    def read(self, source):
        yield from read_x_archive(source)


def read_x_archive(source):
    whole = source.text()
    part = PART.match(whole)
    if part and part["name"] not in TWEET_PARTS:
        raise FileRejected(f"this is the X archive's {part['name']} file, not its tweets; import data/tweets.js")
    text = PREFIX.sub("", whole, count=1)
    try:
        items = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise FileRejected("not a readable X archive tweets.js") from None
    if not isinstance(items, list):
        raise FileRejected("not an X archive: tweets.js holds no list")
    owner = _owner(source)
    yield from rows(source, lambda item: archive_tweet(item, owner), enumerate(items, start=1))
