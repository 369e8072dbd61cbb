"""`twarc2 csv` (the twarc-csv plugin): flattened tweets as CSV, one column a dotted field.

Its columns are fixed (DEFAULT_TWEET_COLUMNS of twarc-csv): `id`, `text`,
`created_at`, `author_id`, `author.username`, `author.name`,
`referenced_tweets.<kind>.id`, `retweeted_username`, `entities.urls` (a JSON
list of expanded links)... Newlines in the text are written as a literal
`\\n`. A retweet's text is already the original's, so it is rebuilt into the
tweet shape `x_api.tweet_record` reads, which names it "RT @<original>: ...".
"""

import json

from .base import RowError, clean, csv_dicts
from .registry import Format, register
from .x_api import REFERENCE_KINDS, Includes, tweet_record

TWARC_COLUMNS = {"id", "text", "created_at", "author.username"}


def _urls(value: str) -> list[str]:
    try:
        urls = json.loads(value) if value.strip() else []
    except json.JSONDecodeError:
        urls = value.split()
    return [u for u in urls if isinstance(u, str)] if isinstance(urls, list) else []


def twarc_csv_row(row: dict) -> list:
    if not clean(row.get("id")):
        raise RowError("no tweet id")
    text = clean(row.get("text")).replace("\\n", "\n")
    tweet: dict = {
        "id": clean(row["id"]),
        "text": text,
        "created_at": clean(row.get("created_at")),
        "author_id": clean(row.get("author_id") or row.get("author.id")),
        "author": {"username": clean(row.get("author.username")), "name": clean(row.get("author.name"))},
        "entities": {"urls": [{"expanded_url": u} for u in _urls(clean(row.get("entities.urls")))]},
    }
    references: list[dict] = []
    for kind in REFERENCE_KINDS:
        ref_id = clean(row.get(f"referenced_tweets.{kind}.id"))
        if not ref_id:
            continue
        ref: dict = {"type": kind, "id": ref_id}
        if kind == "retweeted":
            ref |= {"text": text, "author": {"username": clean(row.get("retweeted_username"))}}
        references.append(ref)
    tweet["referenced_tweets"] = references
    record = tweet_record(tweet, Includes())
    record.raw = row
    return [record]


@register
class TwarcCsv(Format):
    name, shape, order = "twarc-csv", "csv", 40

    def detect(self, head):
        return TWARC_COLUMNS <= head.columns

    def items(self, source):
        return csv_dicts(source, required=("id", "text"))

    def map(self, item):
        return twarc_csv_row(item)
