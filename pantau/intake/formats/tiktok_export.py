"""TikTok's own data export (`user_data.json` / `user_data_tiktok.json`): the account's videos and comments.

Times in the export ("2024-10-12 13:15:00") are UTC. Comments carry no ids;
they are known by author, time and text.
"""

import re
from datetime import UTC

from .base import FileRejected, Record, RowError, RowProblem, clean, dig, first_of, links_of, time_of
from .registry import Format, register

VIDEO_ID = re.compile(r"/(?:video|v)/(\d{8,25})")


def _profile(doc) -> str:
    return clean(
        dig(doc, "Profile", "Profile Information", "ProfileMap", "userName")
        or dig(doc, "Profile", "Profile Info", "ProfileMap", "userName"),
        255,
    )


def _video(item, handle):
    link = clean(first_of(item, ("Link", "VideoLink", "link")), 2000)
    match = VIDEO_ID.search(link)
    video_id = match.group(1) if match else ""
    text = clean(first_of(item, ("Title", "Description", "Desc", "title"), ""))
    return Record(
        platform="tiktok",
        post_id=video_id,
        url=f"https://www.tiktok.com/@{handle}/video/{video_id}" if handle and video_id else link,
        text=text,
        author_id=handle,
        author_name=handle,
        author_url=f"https://www.tiktok.com/@{handle}" if handle else "",
        posted_at=time_of(first_of(item, ("Date", "date")), UTC),
        links=links_of([], text),
        raw=item,
    )


def _comment(item, handle):
    text = clean(first_of(item, ("comment", "Comment"), ""))
    if not text:
        raise RowError("a comment without text")
    return Record(
        platform="tiktok",
        text=text,
        author_id=handle,
        author_name=handle,
        author_url=f"https://www.tiktok.com/@{handle}" if handle else "",
        posted_at=time_of(first_of(item, ("date", "Date")), UTC),
        links=links_of([], text),
        raw={**item, "kind": "comment"},
    )


@register
class TikTokExport(Format):
    name, shape, order = "tiktok-export", "json", 80

    def detect(self, head):
        return "Profile" in head.keys and bool({"Video", "Comment", "Activity", "Your Activity", "Post"} & head.keys)

    def read(self, source):
        yield from read_tiktok_export(source)


def read_tiktok_export(source):
    doc = source.document()
    if not isinstance(doc, dict):
        raise FileRejected("not a TikTok data export: the JSON is not an object")
    handle = _profile(doc)
    videos = (
        dig(doc, "Video", "Videos", "VideoList")
        or dig(doc, "Post", "Posts", "VideoList")
        or dig(doc, "Your Activity", "Videos", "VideoList")
        or []
    )
    comments = dig(doc, "Comment", "Comments", "CommentsList") or []
    if not (videos or comments):
        raise FileRejected("this TikTok data export holds no videos and no comments")
    for kind, items in ((_video, videos), (_comment, comments)):
        for number, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                continue
            try:
                record = kind(item, handle)
            except RowError as exc:
                yield RowProblem(number, str(exc))
                continue
            record.line = number
            yield record
