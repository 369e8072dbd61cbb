"""Pantau's own CSV and JSON Lines (and `posts.jsonl` of bench/gen_posts.py)."""

from .base import Record, RowError, clean, csv_dicts, first_of, json_lines, links_of, platform_of, time_of
from .registry import Format, register

GENERIC_FIELDS = {
    "post_id": ("post_id", "id"),
    "posted_at": ("posted_at", "created_at", "time", "date"),
    "text": ("text", "message", "content"),
}


def generic_record(obj: dict) -> list[Record]:
    text = clean(first_of(obj, GENERIC_FIELDS["text"]))
    url = clean(obj.get("url"), 2000)
    post_id = clean(first_of(obj, GENERIC_FIELDS["post_id"]), 255)
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
            posted_at=time_of(first_of(obj, GENERIC_FIELDS["posted_at"])),
            links=links_of(obj.get("links")),
            kecamatan=clean(obj.get("kecamatan"), 100),
            raw=obj,
        )
    ]


@register
class GenericJsonl(Format):
    """The catch-all of JSON: any JSON that no other format claims is read as Pantau's own lines."""

    name, shape, order = "jsonl", "json", 1000

    def detect(self, head):
        return True

    def items(self, source):
        return json_lines(source, one_record_a_line=True)

    def map(self, item):
        return generic_record(item)


@register
class GenericCsv(Format):
    name, shape, order = "csv", "csv", 1000

    def detect(self, head):
        return "text" in head.columns and bool({"posted_at", "url", "post_id", "id", "created_at"} & head.columns)

    def items(self, source):
        return csv_dicts(source, required=("text",))

    def map(self, item):
        return generic_record(item)
