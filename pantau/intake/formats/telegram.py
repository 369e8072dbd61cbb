"""Telegram Desktop's machine-readable export, `result.json` (one chat, or "all chats").

Replies (`reply_to_message_id`) and forwards (`forwarded_from`) become links
between posts: a forward points at the channel it came from, which is how a
message travels from channel to group. Service messages are counted as skipped
notices, never dropped silently.
"""

import re

from .base import FileRejected, Record, RowError, Skipped, clean, dig, links_of, time_of
from .registry import Format, register

SLUG = re.compile(r"[^a-z0-9]+")


# What Telegram Desktop writes for a message's media (export_output_json.cpp); any of them and no text is "[media]".
MEDIA_KEYS = ("photo", "file", "contact_information", "location_information", "place_name", "game_title")
PEER_PREFIX = re.compile(r"^(?:user|chat|channel)")


def _telegram_text(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(part if isinstance(part, str) else str(part.get("text", "")) for part in value[:10000])
    return ""


def _poll_text(poll) -> str:
    """A poll has no text of its own: its question and answers are what people read."""
    if not isinstance(poll, dict):
        return ""
    answers = [clean(a.get("text")) for a in poll.get("answers") or [] if isinstance(a, dict)]
    return "\n".join([clean(poll.get("question")), *(f"- {a}" for a in answers if a)]).strip()


def forward_key(name: str) -> str:
    return "telegram-forward:" + SLUG.sub("-", name.lower()).strip("-")[:200]


def _references(message: dict, chat_id: str) -> list:
    references = []
    if message.get("reply_to_message_id"):
        # A reply to a message of another chat names that chat as "channel1234567890".
        peer = PEER_PREFIX.sub("", clean(message.get("reply_to_peer_id"))) or chat_id
        references.append(("reply", f"telegram:{peer}/{message['reply_to_message_id']}"))
    if message.get("forwarded_from"):
        references.append(("forward", forward_key(clean(message["forwarded_from"]))))
    return references


def _message_record(message: dict, chat_id: str, chat_name: str, is_channel: bool) -> Record:
    text = clean(_telegram_text(message.get("text"))) or _poll_text(message.get("poll"))
    links = [
        e.get("href") or e.get("text")
        for e in message.get("text_entities") or []
        if isinstance(e, dict) and e.get("type") in ("link", "text_link")
    ]
    try:
        when = time_of(message.get("date_unixtime") or message.get("date"))
    except RowError:
        when = None
    number = str(message.get("id", ""))
    record = Record(
        platform="telegram",
        post_id=f"{chat_id}/{message.get('id')}",
        text=text or ("[media]" if any(message.get(key) for key in MEDIA_KEYS) else ""),
        author_id=clean(message.get("from_id"), 255),
        # "from" is null for a deleted account; a channel post may carry its author's signature.
        author_name=clean(message.get("from") or message.get("author"), 255),
        author_kind="channel" if clean(message.get("from_id")).startswith("channel") else "person",
        group_id=chat_id,
        group_name=chat_name,
        posted_at=when,
        links=links_of([link for link in links if isinstance(link, str)], text),
        raw=message,
        line=int(number) if number.isdigit() else 0,
        references=_references(message, chat_id),
    )
    if is_channel and not record.author_id:
        record.author_id, record.author_name = f"channel{chat_id}", chat_name
    return record


def telegram_chat(chat: dict) -> list[Record | Skipped]:
    chat_id = clean(chat.get("id"), 255)
    chat_name = clean(chat.get("name"), 255)
    is_channel = "channel" in clean(chat.get("type"))
    items: list[Record | Skipped] = []
    for message in chat.get("messages") or []:
        if not isinstance(message, dict):
            continue
        kind = message.get("type")
        if kind == "message":
            items.append(_message_record(message, chat_id, chat_name, is_channel))
        else:
            number = str(message.get("id", ""))
            reason = "system notice" if kind == "service" else f"a message Telegram did not export ({kind})"
            items.append(Skipped(int(number) if number.isdigit() else 0, reason))
    return items


@register
class TelegramJson(Format):
    name, shape, order = "telegram", "json", 30
    # An "all chats" export opens with the account's own data (contacts, sessions) that may fill the head.
    key_pattern = r'"messages"\s*:\s*\[|^\{\s*"about"\s*:\s*"[^"]*"\s*,\s*"personal_information"\s*:'

    def detect(self, head):
        return head.obj is not None and (isinstance(head.obj.get("messages"), list) or "chats" in head.keys)

    def read(self, source):
        yield from read_telegram(source)


def read_telegram(source):
    doc = source.document()
    if not isinstance(doc, dict):
        raise FileRejected("not a Telegram export: the JSON is not an object")
    # An "all chats" export lists the chats the account has left apart, under "left_chats".
    listed = [dig(doc, name, "list", default=[]) for name in ("chats", "left_chats")]
    chats = [doc] if "messages" in doc else [c for part in listed if isinstance(part, list) for c in part]
    if not chats:
        raise FileRejected("not a Telegram export: no 'messages' and no 'chats'")
    for chat in chats:
        if isinstance(chat, dict):
            yield from telegram_chat(chat)
