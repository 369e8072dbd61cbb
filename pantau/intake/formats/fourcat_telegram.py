"""4CAT's Telegram scraper NDJSON: Telethon messages with `_chat` and `_sender` added."""

from datetime import UTC

from .base import Record, RowError, clean, dict_at, json_lines, links_of, time_of
from .registry import Format, register
from .telegram import forward_key


def _telethon_name(entity: dict) -> str:
    name = " ".join(p for p in (clean(entity.get("first_name")), clean(entity.get("last_name"))) if p)
    return clean(entity.get("title")) or name or clean(entity.get("username"))


def fourcat_telegram_item(item: dict) -> list[Record]:
    """4CAT's Telegram scraper NDJSON: Telethon messages with `_chat` and `_sender` added."""
    if item.get("_") != "Message":
        raise RowError(f"not a Telegram message ({clean(item.get('_'), 40)!r})")
    chat = dict_at(item, "_chat")
    sender = dict_at(item, "_sender")
    chat_key = clean(chat.get("username") or chat.get("id"), 255)
    text = clean(item.get("message"))
    handle = clean(sender.get("username") or sender.get("id"), 255)
    record = Record(
        platform="telegram",
        post_id=f"{chat_key}/{item.get('id')}",
        url=f"https://t.me/{chat['username']}/{item.get('id')}" if chat.get("username") else "",
        text=text,
        author_id=handle or f"channel{chat.get('id')}",
        author_name=_telethon_name(sender) or _telethon_name(chat),
        author_kind="person" if sender else "channel",
        group_id=chat_key,
        group_name=_telethon_name(chat)[:255],
        posted_at=time_of(item.get("date"), UTC),
        links=links_of([], text),
        raw={k: v for k, v in item.items() if k not in ("_chat", "_sender")},
    )
    reply = dict_at(item, "reply_to")
    if reply.get("reply_to_msg_id"):
        record.references.append(("reply", f"telegram:{chat_key}/{reply['reply_to_msg_id']}"))
    forward = dict_at(item, "fwd_from")
    origin = clean(forward.get("from_name"), 255) or _peer(dict_at(forward, "from_id"))
    if origin:
        record.references.append(("forward", forward_key(origin)))
    return [record]


def _peer(peer: dict) -> str:
    """A forward's origin that Telegram names by id alone (a channel's own forwards): "channel1500000001"."""
    for kind in ("channel", "chat", "user"):
        if peer.get(f"{kind}_id"):
            return f"{kind}{clean(peer[f'{kind}_id'], 40)}"
    return ""


@register
class FourcatTelegram(Format):
    name, shape, order = "4cat-telegram", "json", 10

    def detect(self, head):
        return head.obj is not None and head.obj.get("_") == "Message" and "_chat" in head.keys

    def items(self, source):
        return json_lines(source)

    def map(self, item):
        return fourcat_telegram_item(item)
