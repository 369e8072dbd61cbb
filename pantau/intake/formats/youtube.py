"""YouTube comments: youtube-comment-downloader's JSON lines, the Data API's `commentThreads`, yt-dlp's info.json.

A comment's id is YouTube's own (`Ugx...`); a reply's id is its parent's and
its own joined by a dot, so replies become links to the comment they answer.
"""

import re
from pathlib import PurePosixPath

from .base import Record, RowError, clean, dig, first_of, json_items, links_of, rows, time_of
from .registry import Format, register

VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}")


def _url(video_id, comment_id):
    if not video_id:
        return ""
    return f"https://www.youtube.com/watch?v={video_id}" + (f"&lc={comment_id}" if comment_id else "")


def _record(comment_id, video_id, text, author, channel, when, parent="", raw=None):
    if not comment_id:
        raise RowError("a comment without an id")
    references = [("reply", f"youtube:{parent}")] if parent and parent != "root" else []
    return Record(
        platform="youtube",
        post_id=comment_id,
        url=_url(video_id, comment_id),
        text=text,
        author_id=channel or author,
        author_name=author,
        author_url=f"https://www.youtube.com/channel/{channel}" if channel.startswith("UC") else "",
        group_id=video_id,
        group_name=f"YouTube video {video_id}" if video_id else "",
        group_url=_url(video_id, ""),
        posted_at=time_of(when),
        links=links_of([], text),
        raw=raw or {},
        references=references,
    )


def downloader_comment(item: dict, video_id="") -> Record:
    """youtube-comment-downloader: cid, text, author, channel, time_parsed (and video_id where the tool adds it)."""
    cid = clean(item.get("cid") or item.get("id"), 255)
    video = clean(first_of(item, ("video_id", "videoId", "video"), video_id), 64)
    parent = cid.split(".", 1)[0] if "." in cid else clean(item.get("parent"), 255)
    return _record(
        cid,
        video,
        clean(item.get("text")),
        clean(item.get("author"), 255),
        clean(item.get("channel") or item.get("author_id"), 255),
        first_of(item, ("time_parsed", "timestamp", "published_at")),
        parent,
        raw={k: v for k, v in item.items() if k in ("votes", "heart", "reply", "time", "replies")},
    )


def api_comment(comment: dict) -> Record:
    snippet = comment.get("snippet") or {}
    return _record(
        clean(comment.get("id"), 255),
        clean(snippet.get("videoId"), 64),
        clean(snippet.get("textOriginal") or snippet.get("textDisplay")),
        clean(snippet.get("authorDisplayName"), 255),
        clean(dig(snippet, "authorChannelId", "value"), 255),
        snippet.get("publishedAt"),
        clean(snippet.get("parentId"), 255),
        raw={"likeCount": snippet.get("likeCount")},
    )


def video_of_file(name: str) -> str:
    """youtube-comment-downloader names no video in its lines; its README saves them as `<video id>.json`."""
    stem = PurePosixPath(name.replace("\\", "/")).name.split(".", 1)[0]
    return stem if VIDEO_ID.fullmatch(stem) else ""


def youtube_item(item: dict, video_id: str = "") -> list[Record]:
    if item.get("kind") == "youtube#commentThreadListResponse" or (
        isinstance(item.get("items"), list) and "kind" in item
    ):
        records = []
        for thread in item.get("items") or []:
            records.extend(youtube_item(thread) if isinstance(thread, dict) else [])
        return records
    if item.get("kind") == "youtube#commentThread":
        top = dig(item, "snippet", "topLevelComment", default={})
        replies = [api_comment(c) for c in dig(item, "replies", "comments", default=[]) if isinstance(c, dict)]
        return [api_comment(top), *replies]
    if item.get("kind") == "youtube#comment":
        return [api_comment(item)]
    if isinstance(item.get("comments"), list) and item.get("id"):  # yt-dlp --write-comments info.json
        video = clean(item["id"], 64)
        return [downloader_comment(c, video) for c in item["comments"] if isinstance(c, dict)]
    if isinstance(item.get("comments"), list):  # youtube-comment-downloader --pretty: {"comments": [...]}
        return [downloader_comment(c, video_id) for c in item["comments"] if isinstance(c, dict)]
    return [downloader_comment(item, video_id)]


@register
class YouTube(Format):
    name, shape, order = "youtube", "json", 40
    key_pattern = r'"kind"\s*:\s*"youtube#'

    def detect(self, head):
        obj, keys = head.obj, head.keys
        if obj is None:
            return False
        if str(obj.get("kind", "")).startswith("youtube#"):
            return True
        if "cid" in keys and "text" in keys:  # youtube-comment-downloader; TikTok's comments have a cid too
            return not ({"videoWebUrl", "uniqueId"} & set(keys))
        comments = obj.get("comments")
        if not isinstance(comments, list):
            return False
        first = comments[0] if comments and isinstance(comments[0], dict) else {}
        return "webpage_url" in keys or "extractor" in keys or "cid" in first

    def read(self, source):
        video = video_of_file(source.name)
        unplaced = 0
        for item in rows(source, lambda item: youtube_item(item, video), json_items(source)):
            unplaced += isinstance(item, Record) and not item.group_id
            yield item
        if unplaced:
            source.note(
                f"{unplaced} comment(s) name no video (youtube-comment-downloader does not write it); "
                "save its output as <video id>.json, as its README does, to file them under their video"
            )
