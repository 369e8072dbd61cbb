"""X API v1.1 tweets, one a line, as twarc 1 (`twarc search`, `twarc filter`) and older collections wrote them.

A v1.1 tweet carries its author inline (`user.screen_name`, `user.name`),
its time as "Mon Oct 14 13:05:00 +0000 2024", the whole text in `full_text`
(extended mode) or `extended_tweet.full_text` (streams), and its retweeted
and quoted tweets inline. A retweet reads "RT @<original>: <whole text>", as
from API v2.
"""

from .base import Record, RowError, clean, dict_at, dig, json_lines, links_of, time_of
from .registry import Format, register


def _text(tweet: dict) -> str:
    return clean(dig(tweet, "extended_tweet", "full_text") or tweet.get("full_text") or tweet.get("text"))


def _urls(tweet: dict) -> list[str]:
    entities = dig(tweet, "extended_tweet", "entities") or tweet.get("entities") or {}
    urls = [u.get("expanded_url") for u in entities.get("urls") or [] if isinstance(u, dict)]
    return [u for u in urls if isinstance(u, str)]


def v1_tweet(tweet: dict) -> list[Record]:
    tweet_id = clean(tweet.get("id_str") or tweet.get("id"), 255)
    if not tweet_id:
        raise RowError("a tweet without an id")
    user = dict_at(tweet, "user")
    username = clean(user.get("screen_name"), 255)
    text, references = _text(tweet), []
    original = tweet.get("retweeted_status")
    if isinstance(original, dict):
        by = clean(dig(original, "user", "screen_name"))
        text = f"RT @{by}: {_text(original)}"
        references.append(("retweet", f"x:{clean(original.get('id_str') or original.get('id'))}"))
    if tweet.get("in_reply_to_status_id_str"):
        references.append(("reply", f"x:{tweet['in_reply_to_status_id_str']}"))
    if tweet.get("quoted_status_id_str"):
        references.append(("quote", f"x:{tweet['quoted_status_id_str']}"))
    return [
        Record(
            platform="x",
            post_id=tweet_id,
            url=f"https://x.com/{username or 'i'}/status/{tweet_id}",
            text=text,
            author_id=username or clean(user.get("id_str"), 255),
            author_name=clean(user.get("name") or username, 255),
            author_url=f"https://x.com/{username}" if username else "",
            posted_at=time_of(tweet.get("created_at")),
            links=links_of(_urls(original if isinstance(original, dict) else tweet)),
            raw={k: v for k, v in tweet.items() if k not in ("user", "retweeted_status", "quoted_status")},
            references=references,
        )
    ]


@register
class XApiV1(Format):
    name, shape, order = "x-api-v1", "json", 49

    def detect(self, head):
        obj = head.obj
        return (
            obj is not None
            and "id_str" in head.keys
            and isinstance(obj.get("user"), dict)
            and bool({"full_text", "text", "extended_tweet"} & head.keys)
        )

    def items(self, source):
        return json_lines(source)

    def map(self, item):
        return v1_tweet(item)
