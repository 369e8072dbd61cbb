"""X's own archive: `data/tweets.js` (`window.YTD.tweets.part0 = [...]`), its owner from `account.js` beside it.

A post longer than 280 characters (a "note tweet") is cut short in tweets.js, ending in "…" and a link;
its whole text is in `note-tweet.js` beside it, which names no tweet id: a note is the tweet posted in
the same second whose visible text it begins with.
"""

import html
import json
import re

from pantau.lib.clock import parse_time_or_none

from .base import FileRejected, Record, clean, dict_at, dig, links_of, rows, time_of
from .registry import Format, register

PREFIX = re.compile(r"^\s*window\.YTD\.[\w.]+\s*=\s*")
# "window.YTD.tweets.part0" (and part1... of a large archive; "tweet" in older ones, "deleted_tweets").
PART = re.compile(r"^\s*window\.YTD\.(?P<name>\w+)\.part\d+\s*=")
TWEET_PARTS = {"tweets", "tweet", "deleted_tweets", "community_tweet"}


# Files beside tweets.js are read whole; an archive's account.js is a few KB, note-tweet.js a few MB.
MAX_SIDE_FILE_BYTES = 200_000_000
# How far apart a note's createdAt and its tweet's created_at may be (they are written separately).
NOTE_SECONDS = 2
# Characters of the visible text a note must begin with (a cut-short tweet shows at least this many).
NOTE_PREFIX = 40
LEADING_NAMES = re.compile(r"^(?:@\w+\s+)+")
TRAILING_LINK = re.compile(r"\s*(?:…|\.\.\.)?\s*(?:https?://\S+\s*)*$")


def _side_file(source, name: str):
    """The list in `name` beside tweets.js (or in data/ beside it), or None."""
    for relative in (name, f"data/{name}"):
        path = source.path.parent / relative
        if path.is_file() and path.stat().st_size < MAX_SIDE_FILE_BYTES:
            try:
                data = json.loads(PREFIX.sub("", path.read_text(encoding="utf-8", errors="replace"), count=1))
            except (json.JSONDecodeError, RecursionError):
                source.note(f"{name} beside tweets.js could not be read")
                return None
            return data if isinstance(data, list) else None
    return None


def _owner(source) -> dict:
    data = _side_file(source, "account.js")
    if data is None:
        source.note("no account.js beside tweets.js; the archive's owner is not named")
        return {}
    return dig(data, 0, "account", default={}) or {}


class LongTexts:
    """The notes of note-tweet.js by the second they were posted in, to give cut-short tweets their whole text."""

    def __init__(self, items):
        self.by_second: dict[int, list[dict]] = {}
        for item in items or []:
            note = dict_at(item, "noteTweet") if isinstance(item, dict) else {}
            when = _second(note.get("createdAt"))
            if when is not None and isinstance(dict_at(note, "core").get("text"), str):
                self.by_second.setdefault(when, []).append(note)
        self.used = 0

    def of(self, posted_at, text: str) -> dict | None:
        """The note whose text `text` (a tweet's, cut short) begins, posted within seconds of `posted_at`."""
        if posted_at is None or not self.by_second:
            return None
        when = int(posted_at.timestamp())
        shown = _comparable(TRAILING_LINK.sub("", text))[:NOTE_PREFIX]
        for second in range(when - NOTE_SECONDS, when + NOTE_SECONDS + 1):
            for note in self.by_second.get(second, ()):
                if shown and _comparable(note["core"]["text"]).startswith(shown):
                    self.used += 1
                    return note
        return None


def _second(value) -> int | None:
    when = parse_time_or_none(value)
    return int(when.timestamp()) if when else None


def _comparable(text: str) -> str:
    """Text as both files can be compared: entities unescaped (tweets.js writes "&amp;"), spacing
    folded, and without the @names a reply begins with (shown in one, not always in the other)."""
    return LEADING_NAMES.sub("", " ".join(html.unescape(text).split()))


def archive_tweet(item: dict, owner: dict, notes: LongTexts | None = None) -> list[Record]:
    tweet = item.get("tweet") or item
    tweet_id = clean(tweet.get("id_str") or tweet.get("id"), 255)
    if not tweet_id:
        raise FileRejected("not an X archive: a tweet without an id")
    username = clean(owner.get("username"), 255)
    urls = [u.get("expanded_url") for u in dig(tweet, "entities", "urls", default=[]) if isinstance(u, dict)]
    text = clean(tweet.get("full_text") or tweet.get("text"))
    posted_at = time_of(tweet.get("created_at"))
    note = notes.of(posted_at, text) if notes else None
    if note:
        text = clean(note["core"]["text"])
        urls += [u.get("expandedUrl") for u in note["core"].get("urls") or [] if isinstance(u, dict)]
    references = []
    if tweet.get("in_reply_to_status_id_str"):
        references.append(("reply", f"x:{tweet['in_reply_to_status_id_str']}"))
    return [
        Record(
            platform="x",
            post_id=tweet_id,
            url=f"https://x.com/{username or 'i'}/status/{tweet_id}",
            text=text,
            author_id=username or clean(owner.get("accountId"), 255),
            author_name=clean(owner.get("accountDisplayName") or username, 255),
            author_url=f"https://x.com/{username}" if username else "",
            posted_at=posted_at,
            links=links_of([u for u in urls if isinstance(u, str)]),
            raw={**tweet, "noteTweet": note} if note else tweet,
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
    notes = LongTexts(_side_file(source, "note-tweet.js"))
    yield from rows(source, lambda item: archive_tweet(item, owner, notes), enumerate(items, start=1))
    if notes.used:
        source.note(f"{notes.used} long post(s) given their whole text from note-tweet.js")
