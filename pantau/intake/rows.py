"""A record as the row the writer stores: every per-row computation of an import, done where the file is read.

The natural key, the normalised link, the fingerprint, the search terms and
the JSON texts need no database, so they are computed beside the parser (in
a second process for a large file, `pipeline.py`) and the writer only merges
plain tuples. Django-free.
"""

import hashlib
import json
from datetime import UTC, datetime
from typing import NamedTuple

import orjson

from pantau.lib.urls import normalize_url

from .formats import Record
from .searchtext import index_text

# Rows whose raw object has more keys than this keep none of it (a hostile or bloated item).
MAX_RAW_KEYS = 200
# Raise when the same record makes another row (key, fingerprint, search terms...): the next re-import then
# parses every line again instead of skipping the lines already stored (stored.py, formats.KnownLines).
ROWS_VERSION = 2  # 2: comment links keep the comment (lib/urls.py), the comment scrapers read as comments
# json.dumps(value, ensure_ascii=False) without building an encoder for every row; the same text.
_FINGERPRINT_JSON = json.JSONEncoder(ensure_ascii=False)


class Row(NamedTuple):
    key: str
    fingerprint: str
    platform: str
    post_id: str
    url: str
    url_key: str
    author_id: str
    author_name: str
    author_url: str
    author_kind: str
    group_id: str
    group_name: str
    group_url: str
    text: str
    links: str
    posted_at: datetime | None
    raw: str
    search_text: str
    kecamatan: str
    line_digest: int | None


def natural_key(record: Record, url_key: str | None = None) -> str:
    """`url_key`, when given, is normalize_url(record.url), already computed by the caller."""
    if url_key is None:
        url_key = normalize_url(record.url)
    if record.post_id:
        key = f"{record.platform}:{record.post_id}"
    elif url_key:
        key = "url:" + url_key
    else:
        basis = "\x1f".join(
            [
                record.platform,
                record.group_id,
                record.author_id,
                record.posted_at.isoformat() if record.posted_at else "",
                record.text,
                str(record.occurrence),
            ]
        )
        key = f"{record.platform}:h:" + hashlib.sha256(basis.encode()).hexdigest()
    if len(key) > 400:
        key = key[:300] + ":" + hashlib.sha256(key.encode()).hexdigest()
    return key


def fingerprint(record: Record, url_key: str | None = None) -> str:
    basis = _FINGERPRINT_JSON.encode(
        [
            normalize_url(record.url) if url_key is None else url_key,
            record.author_id,
            record.author_name,
            record.group_id,
            record.text,
            record.links,
            record.posted_at.isoformat() if record.posted_at else "",
        ]
    )
    return hashlib.md5(basis.encode(), usedforsecurity=False).hexdigest()


def dumps_json(value) -> str:
    """JSON text for a JSONField column (orjson: several times faster than json.dumps, same values)."""
    try:
        return orjson.dumps(value, default=str, option=orjson.OPT_NON_STR_KEYS).decode()
    except (TypeError, orjson.JSONEncodeError):  # e.g. an integer over 64 bits, which json handles
        return json.dumps(value, ensure_ascii=False, default=str)


def prepare(record: Record) -> Row:
    posted_at = record.posted_at.astimezone(UTC) if record.posted_at else None
    url_key = normalize_url(record.url)
    return Row(
        natural_key(record, url_key),
        fingerprint(record, url_key),
        record.platform,
        record.post_id[:255],
        record.url[:2000],
        url_key[:2000],
        record.author_id[:255],
        record.author_name,
        record.author_url,
        record.author_kind,
        record.group_id[:255],
        record.group_name,
        record.group_url,
        record.text,
        dumps_json(record.links),
        posted_at,
        dumps_json(record.raw if len(record.raw) < MAX_RAW_KEYS else {}),
        index_text(record.text, record.author_name, record.group_name),
        record.kecamatan,
        record.line_digest,
    )
