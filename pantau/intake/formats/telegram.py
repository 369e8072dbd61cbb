"""Telegram Desktop's machine-readable export, `result.json` (one chat, or "all chats").

Replies (`reply_to_message_id`) and forwards (`forwarded_from`) become links
between posts: a forward points at the channel it came from, which is how a
message travels from channel to group.
"""

import re

from .base import FileRejected, Record, RowError, clean, dig, links_of, time_of
from .registry import Format, register

SLUG = re.compile(r"[^a-z0-9]+")


def _telegram_text(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(part if isinstance(part, str) else str(part.get("text", "")) for part in value[:10000])
    return ""


def forward_key(name: str) -> str:
    return "telegram-forward:" + SLUG.sub("-", name.lower()).strip("-")[:200]


def telegram_chat(chat: dict) -> list[Record]:
    chat_id = clean(chat.get("id"), 255)
    chat_name = clean(chat.get("name"), 255)
    is_channel = "channel" in clean(chat.get("type"))
    records = []
    for message in chat.get("messages") or []:
        if not isinstance(message, dict) or message.get("type") != "message":
            continue
        text = clean(_telegram_text(message.get("text")))
        links = [
            e.get("href") or e.get("text")
            for e in message.get("text_entities") or []
            if isinstance(e, dict) and e.get("type") in ("link", "text_link")
        ]
        try:
            when = time_of(message.get("date_unixtime") or message.get("date"))
        except RowError:
            when = None
        references = []
        if message.get("reply_to_message_id"):
            references.append(("reply", f"telegram:{chat_id}/{message['reply_to_message_id']}"))
        if message.get("forwarded_from"):
            references.append(("forward", forward_key(clean(message["forwarded_from"]))))
        records.append(
            Record(
                platform="telegram",
                post_id=f"{chat_id}/{message.get('id')}",
                text=text or ("[media]" if message.get("photo") or message.get("file") else ""),
                author_id=clean(message.get("from_id"), 255),
                author_name=clean(message.get("from") or message.get("author"), 255),
                author_kind="channel" if clean(message.get("from_id")).startswith("channel") else "person",
                group_id=chat_id,
                group_name=chat_name,
                posted_at=when,
                links=links_of([link for link in links if isinstance(link, str)], text),
                raw=message,
                line=int(message.get("id") or 0) if str(message.get("id", "")).isdigit() else 0,
                references=references,
            )
        )
        if is_channel and not records[-1].author_id:
            records[-1].author_id, records[-1].author_name = f"channel{chat_id}", chat_name
    return records


@register
class TelegramJson(Format):
    name, shape, order = "telegram", "json", 30
    key_pattern = r'"messages"\s*:\s*\['

    def detect(self, head):
        return head.obj is not None and (isinstance(head.obj.get("messages"), list) or "chats" in head.keys)

    def read(self, source):
        yield from read_telegram(source)


def read_telegram(source):
    doc = source.document()
    if not isinstance(doc, dict):
        raise FileRejected("not a Telegram export: the JSON is not an object")
    chats = [doc] if "messages" in doc else dig(doc, "chats", "list", default=[])
    if not chats:
        raise FileRejected("not a Telegram export: no 'messages' and no 'chats'")
    for chat in chats:
        if isinstance(chat, dict):
            yield from telegram_chat(chat)
