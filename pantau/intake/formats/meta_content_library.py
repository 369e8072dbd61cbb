"""Meta Content Library CSV exports, in the column sets its versions write."""

from datetime import UTC

from .base import Record, RowError, clean, csv_dicts, first_of, links_of, time_of
from .registry import Format, register

# Meta Content Library (the UI's CSV and the API's fields flattened by its Python client): the
# dotted names are the API's, the underscored ones the older UI export's.
MCL = {
    "owner_id": ("post_owner.id", "post_owner_id", "owner.id"),
    "owner_name": ("post_owner.name", "post_owner_name", "post_owner.username", "owner.name", "owner.username"),
    "owner_type": ("post_owner.type", "post_owner_type", "owner.type"),
    "surface_id": ("surface.id", "surface_id"),
    "surface_name": ("surface.name", "surface_name"),
    "surface_type": ("surface.type", "surface_type"),
    "link": ("link_attachment.link", "link_attachment_link", "link"),
    "url": ("url", "post_url", "permalink"),
}
MCL_MARKERS = {"post_owner.id", "post_owner.name", "post_owner_id", "post_owner_name", "mcl_url", "surface.id"}


def mcl_record(row: dict) -> list[Record]:
    post_id = clean(row.get("id"), 255)
    if not post_id:
        raise RowError("no id")
    mcl_url = clean(row.get("mcl_url"), 2000)
    platform = (
        "instagram" if "instagram" in mcl_url.lower() or row.get("platform", "").lower() == "instagram" else "facebook"
    )
    owner_type = clean(first_of(row, MCL["owner_type"])).lower()
    surface_type = clean(first_of(row, MCL["surface_type"])).lower()
    text = clean(row.get("text"))
    record = Record(
        platform=platform,
        post_id=post_id,
        text=text,
        url=clean(first_of(row, MCL["url"]), 2000),
        author_id=clean(first_of(row, MCL["owner_id"]), 255),
        author_name=clean(first_of(row, MCL["owner_name"]), 255),
        author_kind="page" if owner_type == "page" else "person",
        # The Content Library writes creation times in UTC, with or without the offset.
        posted_at=time_of(row.get("creation_time"), UTC),
        links=links_of(first_of(row, MCL["link"], ""), text),
        raw=row,
    )
    surface_id, surface_name = first_of(row, MCL["surface_id"]), first_of(row, MCL["surface_name"])
    if surface_type == "group" or (surface_id and surface_type != "page" and surface_name):
        record.group_id = clean(surface_id, 255)
        record.group_name = clean(surface_name, 255)
    return [record]


@register
class MetaContentLibrary(Format):
    name, shape, order = "meta-content-library", "csv", 20

    def detect(self, head):
        return "creation_time" in head.columns and bool(MCL_MARKERS & head.columns)

    def items(self, source):
        return csv_dicts(source, required=("id", "creation_time"))

    def map(self, item):
        return mcl_record(item)
