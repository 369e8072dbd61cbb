"""CrowdTangle historical-data CSV exports: Facebook pages and groups, Instagram accounts, in their column sets."""

import re

from .base import Record, RowError, clean, csv_dicts, first_of, links_of, platform_of_url, time_of
from .registry import Format, register

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


@register
class CrowdTangle(Format):
    name, shape, order = "crowdtangle", "csv", 10

    def detect(self, head):
        columns = head.columns
        return bool({"Facebook Id", "Post Created"} & columns) or (
            bool({"Page Name", "Group Name", "Account"} & columns) and "URL" in columns
        )

    def items(self, source):
        return csv_dicts(source, required=("URL",))

    def map(self, item):
        return crowdtangle_record(item)
