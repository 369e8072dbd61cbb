"""Meta Content Library and CrowdTangle CSV exports, in the column sets their versions write."""

import re
from datetime import UTC

from .base import Record, RowError, clean, csv_dicts, first_of, links_of, platform_of_url, rows, time_of

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


def read_meta_content_library(source):
    yield from rows(source, mcl_record, csv_dicts(source, required=("id", "creation_time")))


FB_POST_ID = re.compile(r"/(?:posts|permalink|videos|photos/[^/]+)/(\d+)|story_fbid=(\d+)|/reel/(\d+)")
IG_CODE = re.compile(r"instagram\.com/(?:[^/]+/)?(?:p|reel|tv)/([A-Za-z0-9_-]+)")


def crowdtangle_record(row: dict) -> list[Record]:
    url = clean(row.get("URL"), 2000)
    text = clean(first_of(row, ("Message", "Description", "Title", "Image Text"), ""))
    if not (url or text):
        raise RowError("no URL and no message")
    # Instagram exports name the account "Account" and link instagram.com posts.
    if platform_of_url(url) == "instagram" or ("Account" in row and "Page Name" not in row):
        return [_crowdtangle_instagram(row, url, text)]
    match = FB_POST_ID.search(url)
    post_id = next((g for g in match.groups() if g), "") if match else ""
    account_id = clean(row.get("Facebook Id") or row.get("User Name"), 255)
    name = clean(row.get("Page Name") or row.get("Group Name") or row.get("Account"), 255)
    handle = clean(row.get("User Name"), 255)
    record = Record(
        platform="facebook",
        post_id=f"{account_id}_{post_id}" if post_id and account_id else post_id,
        url=url,
        text=text,
        posted_at=_crowdtangle_time(row),
        links=links_of([row.get("Final Link") or row.get("Link") or ""], text),
        raw=row,
    )
    if "Group Name" in row or "/groups/" in url:
        record.group_id, record.group_name = account_id, name
        record.group_url = f"https://www.facebook.com/groups/{handle or account_id}" if account_id else ""
    else:
        record.author_id, record.author_name, record.author_kind = account_id, name, "page"
        record.author_url = f"https://www.facebook.com/{handle or account_id}" if account_id else ""
    return [record]


def _crowdtangle_time(row):
    # "Post Created" carries the dashboard's zone ("2024-10-12 20:15:00" and a zone abbreviation, "... EDT"); the split
    # date and time columns do not, and are read in the office's zone.
    return time_of(
        row.get("Post Created") or f"{row.get('Post Created Date', '')} {row.get('Post Created Time', '')}".strip()
    )


def _crowdtangle_instagram(row, url, text):
    match = IG_CODE.search(url)
    handle = clean(row.get("User Name"), 255)
    return Record(
        platform="instagram",
        post_id=match.group(1) if match else "",
        url=url,
        text=text,
        author_id=handle,
        author_name=clean(row.get("Account") or handle, 255),
        author_url=f"https://www.instagram.com/{handle}/" if handle else "",
        posted_at=_crowdtangle_time(row),
        links=links_of([row.get("Link") or ""], text),
        raw=row,
    )


def read_crowdtangle(source):
    yield from rows(source, crowdtangle_record, csv_dicts(source, required=("URL",)))
