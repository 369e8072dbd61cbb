"""X API v2 as the tools write it: raw responses, twarc2's flattened tweets, academictwitteR's files.

- `twarc2 search` writes one response a line; a stream adds error lines; other
  tools write responses back to back or as a JSON list. All are read value by
  value (`Source.json_values`).
- `twarc2 flatten` writes one tweet a line with its `author` and its
  `referenced_tweets` filled in; 4CAT's NDJSON writes `author_user` the same way.
- academictwitteR writes `data_<id>.json` (a list of tweets) and, beside it,
  `users_<id>.json` (the responses' `includes`), which is read for the authors.
- A users lookup or a counts response holds no posts and is refused.
"""

import json
from pathlib import Path

from .base import (
    FileRejected,
    Record,
    RowError,
    RowProblem,
    clean,
    dig,
    first_line_is_json,
    json_line_values,
    links_of,
    time_of,
)
from .registry import Format, register

REFERENCE_KINDS = {"retweeted": "retweet", "quoted": "quote", "replied_to": "reply"}


def is_tweet(obj) -> bool:
    return isinstance(obj, dict) and "id" in obj and "text" in obj and "username" not in obj


def is_user(obj) -> bool:
    return isinstance(obj, dict) and "username" in obj and "text" not in obj


def refuse_non_tweets(items):
    first = next((i for i in items if isinstance(i, dict)), None)
    if is_user(first):
        raise FileRejected("this is an X users file (accounts, not posts); import the tweets file it came with")
    if isinstance(first, dict) and "tweet_count" in first:
        raise FileRejected("this is an X counts response (numbers of tweets per period), not posts")


class Includes:
    """The users and tweets a response (or academictwitteR's users file) carries beside its data."""

    def __init__(self, includes: dict | None = None):
        self.users: dict[str, dict] = {}
        self.tweets: dict[str, dict] = {}
        self.add(includes or {})

    def add(self, includes: dict):
        for user in includes.get("users") or []:
            if isinstance(user, dict) and user.get("id"):
                self.users[str(user["id"])] = user
        for tweet in includes.get("tweets") or []:
            if isinstance(tweet, dict) and tweet.get("id"):
                self.tweets[str(tweet["id"])] = tweet


def _full_text(tweet: dict) -> str:
    return clean(dig(tweet, "note_tweet", "text") or tweet.get("text"))


def _user_of(tweet: dict, includes: Includes) -> dict:
    embedded = tweet.get("author") or tweet.get("author_user")
    if isinstance(embedded, dict):
        return embedded
    return includes.users.get(str(tweet.get("author_id")), {})


def tweet_record(tweet: dict, includes: Includes) -> Record:
    user = _user_of(tweet, includes)
    username = clean(user.get("username"), 255)
    text = _full_text(tweet)
    references = []
    for ref in tweet.get("referenced_tweets") or []:
        if not isinstance(ref, dict) or not ref.get("id"):
            continue
        kind = REFERENCE_KINDS.get(ref.get("type") or "", "")
        if not kind:
            continue
        references.append((kind, f"x:{ref['id']}"))
        # twarc's flattened tweets carry the referenced tweet inline; raw responses in includes.
        original = ref if "text" in ref else includes.tweets.get(str(ref["id"]))
        if kind == "retweet" and original:
            by = clean(_user_of(original, includes).get("username")) or text.split(":", 1)[0].removeprefix("RT @")
            text = f"RT @{by}: {_full_text(original)}"
    urls = [u.get("expanded_url") or u.get("url") for u in dig(tweet, "entities", "urls", default=[])]
    raw = {k: v for k, v in tweet.items() if k not in ("author", "author_user", "__twarc")}
    return Record(
        platform="x",
        post_id=clean(tweet["id"], 255),
        url=f"https://x.com/{username or 'i'}/status/{tweet['id']}",
        text=text,
        author_id=username or clean(tweet.get("author_id"), 255),
        author_name=clean(user.get("name") or username, 255),
        author_url=f"https://x.com/{username}" if username else "",
        posted_at=time_of(tweet.get("created_at")),
        links=links_of([u for u in urls if isinstance(u, str)]),
        raw=raw,
        references=references,
    )


def x_api_page(page: dict, extra: Includes | None = None) -> list[Record]:
    tweets = page.get("data")
    if isinstance(tweets, dict):
        tweets = [tweets]
    if not isinstance(tweets, list):
        if page.get("errors"):
            titles = "; ".join(
                clean(e.get("title") or e.get("message") or e.get("detail"), 80)
                for e in page["errors"][:3]
                if isinstance(e, dict)
            )
            raise RowError(f"an X API error line, not tweets ({titles})")
        raise RowError("no 'data' list of tweets")
    refuse_non_tweets(tweets)
    includes = Includes(page.get("includes"))
    if extra:
        includes.users = {**extra.users, **includes.users}
        includes.tweets = {**extra.tweets, **includes.tweets}
    return [tweet_record(t, includes) for t in tweets if isinstance(t, dict) and t.get("id")]


def _academic_users(source) -> Includes:
    """academictwitteR's `users_<id>.json` beside `data_<id>.json`."""
    includes = Includes()
    for name in (Path(source.name).name, source.path.name):
        if name.startswith("data_") and name.endswith(".json"):
            users = source.path.parent / ("users_" + name.removeprefix("data_"))
            if users.is_file() and users.stat().st_size <= source.max_document:
                try:
                    data = json.loads(users.read_text(encoding="utf-8-sig", errors="replace"))
                except (json.JSONDecodeError, RecursionError):
                    source.note(f"{users.name} is not valid JSON; authors are named by id only")
                    return includes
                for part in data if isinstance(data, list) else [data]:
                    if isinstance(part, dict):
                        includes.add(part)
                return includes
    source.note("no academictwitteR users_*.json beside this file; authors are named by their id only")
    return includes


def _values(source):
    """(line, item) where an item is a response page or one tweet."""
    academic = None
    # One response a line (twarc2): a broken line is one rejected row, not a reason to read on.
    values = json_line_values(source) if first_line_is_json(source) else source.json_values()
    for number, value in values:
        if isinstance(value, RowProblem):
            yield number, value
            continue
        if isinstance(value, dict) and "users" in value and "data" not in value:
            raise FileRejected(
                "this is an academictwitteR users file; import the data_*.json file beside it, which reads it"
            )
        if isinstance(value, list):
            refuse_non_tweets(value)
            for index, item in enumerate(value, start=1):
                if is_tweet(item) and academic is None:
                    academic = _academic_users(source)
                yield index, (item, academic)
        else:
            yield number, (value, None)


def _convert(pair):
    obj, extra = pair
    if not isinstance(obj, dict):
        raise RowError("not a JSON object")
    if "data" in obj or ("errors" in obj and "id" not in obj):
        return x_api_page(obj, extra)
    if is_tweet(obj):
        return [tweet_record(obj, extra or Includes())]
    raise RowError("neither an X API response nor a tweet")


@register
class XApi(Format):
    name, shape, order = "x-api-v2", "json", 50
    key_pattern = r'"(includes|author_id|edit_history_tweet_ids|__twarc)"\s*:'

    def detect(self, head):
        obj, keys = head.obj, head.keys
        if obj is None:
            return False
        if "data" in keys and ({"includes", "meta"} & keys or isinstance(obj.get("data"), list) and not head.in_list):
            return True
        if "errors" in keys and len(keys) <= 3 or "__twarc" in keys or "author_user" in keys:
            return True
        tweet_keys = {"edit_history_tweet_ids", "conversation_id", "referenced_tweets"} & keys
        if "text" in keys and "id" in keys and "platform" not in keys and (tweet_keys or "author_id" in keys):
            return True
        # academictwitteR's users file: the reader says what to import instead.
        return "users" in keys and "data" not in keys

    def items(self, source):
        return _values(source)

    def map(self, item):
        return _convert(item)
