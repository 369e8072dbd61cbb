"""academictwitteR's `bind_tweets(output_format = "tidy")` table, saved as CSV (`write.csv` or `readr::write_csv`).

Its columns (R/bind_tweets.R): `tweet_id`, `user_username`, `text`, the
tweet's own scalar fields (`author_id`, `created_at`, `conversation_id`...),
`user_*` (`user_name`...), counts, and for retweets and quotes
`sourcetweet_type`, `sourcetweet_id`, `sourcetweet_text`. Replies are dropped
from `sourcetweet_*` by the package, and entities are not in the table. Rows
are rebuilt into the tweet shape `x_api.tweet_record` reads.
"""

from .base import RowError, clean, csv_dicts
from .registry import Format, register
from .x_api import REFERENCE_KINDS, Includes, tweet_record

TIDY_COLUMNS = {"tweet_id", "user_username", "text"}


def _value(row: dict, name: str) -> str:
    """A cell, with R's "NA" (write.csv's missing value) as empty."""
    value = clean(row.get(name))
    return "" if value == "NA" else value


def tidy_row(row: dict) -> list:
    tweet_id = _value(row, "tweet_id")
    if not tweet_id:
        raise RowError("no tweet_id")
    tweet: dict = {
        "id": tweet_id,
        "text": _value(row, "text"),
        "created_at": _value(row, "created_at"),
        "author_id": _value(row, "author_id"),
        "author": {"username": _value(row, "user_username"), "name": _value(row, "user_name")},
    }
    kind, source_id = _value(row, "sourcetweet_type"), _value(row, "sourcetweet_id")
    if kind in REFERENCE_KINDS and source_id:
        ref = {"type": kind, "id": source_id}
        if kind == "retweeted" and _value(row, "sourcetweet_text"):
            ref["text"] = _value(row, "sourcetweet_text")  # the whole original; the retweet's own text is cut
        tweet["referenced_tweets"] = [ref]
    record = tweet_record(tweet, Includes())
    record.raw = {k: v for k, v in row.items() if k and v not in ("", "NA")}
    return [record]


@register
class AcademicTwitterCsv(Format):
    name, shape, order = "academictwitter-csv", "csv", 41

    def detect(self, head):
        return TIDY_COLUMNS <= head.columns

    def items(self, source):
        return csv_dicts(source, required=("tweet_id", "text"))

    def map(self, item):
        return tidy_row(item)
