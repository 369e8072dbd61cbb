"""Telegram Desktop exports: `result.json` (machine-readable) and `messages*.html` (its default format).

Replies (`reply_to_message_id`) and forwards (`forwarded_from`) become links
between posts: a forward points at the channel it came from, which is how a
message travels from channel to group.
"""

import re
from datetime import datetime, timedelta, timezone

from lxml import html as lxml_html

from .base import FileRejected, Record, RowError, clean, dig, links_of, time_of

SLUG = re.compile(r"[^a-z0-9]+")


def _telegram_text(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(part if isinstance(part, str) else str(part.get("text", "")) for part in value[:10000])
    return ""


def _forward_key(name: str) -> str:
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
            references.append(("forward", _forward_key(clean(message["forwarded_from"]))))
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


# ---------------------------------------------------------------- HTML export

# "14.10.2024 21:05:12 UTC+07:00" (Telegram Desktop 3.x and later); older versions omit the zone.
HTML_TIME = re.compile(r"(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}):(\d{2})(?: UTC([+-]\d{2}):?(\d{2}))?")


def _html_time(title: str):
    match = HTML_TIME.search(title or "")
    if not match:
        return None
    day, month, year, hour, minute, second, zone_h, zone_m = match.groups()
    when = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second))
    if zone_h:
        sign = -1 if zone_h.startswith("-") else 1
        offset = timedelta(hours=int(zone_h), minutes=sign * int(zone_m or 0))
        return when.replace(tzinfo=timezone(offset))
    return time_of(when.isoformat())


def _node_text(node) -> str:
    for br in node.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return node.text_content().strip()


def read_telegram_html(source):
    """Telegram Desktop's `messages.html` (and `messages2.html`...): one file a page of one chat."""
    try:
        tree = lxml_html.fromstring(source.text().encode("utf-8"))
    except (ValueError, lxml_html.etree.ParserError) as exc:
        raise FileRejected(f"not a readable Telegram HTML export ({exc})") from None
    title = tree.xpath('string(//div[contains(@class,"page_header")]//div[contains(@class,"text")])').strip()
    chat_name = title or source.group_name or source.name
    chat_id = "html-" + SLUG.sub("-", chat_name.lower()).strip("-")[:200]
    author = ""
    found = 0
    for node in tree.xpath('//div[contains(concat(" ", @class, " "), " message ")]'):
        classes = node.get("class", "").split()
        if "service" in classes:
            continue
        message_id = (node.get("id") or "").removeprefix("message")
        body = node.find('div[@class="body"]')
        if body is None or not message_id.isdigit():
            continue
        found += 1
        names = body.xpath('div[contains(@class,"from_name")]')
        if names:
            author = names[0].text_content().strip()
        elif "joined" not in classes:
            author = ""
        text_node = body.find('div[@class="text"]')
        text = _node_text(text_node) if text_node is not None else ""
        hrefs = text_node.xpath(".//a/@href") if text_node is not None else []
        references = []
        # "#go_to_message120", or "messages3.html#go_to_message120" for a message on another page.
        reply = re.search(r"go_to_message(\d+)", " ".join(body.xpath('div[contains(@class,"reply_to")]//a/@href')))
        if reply:
            references.append(("reply", f"telegram:{chat_id}/{reply.group(1)}"))
        forwarded = body.xpath('div[contains(@class,"forwarded")]')
        if forwarded:
            origin = forwarded[0].xpath('string(div[contains(@class,"from_name")])').strip()
            origin = re.sub(r"\s+\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}(:\d{2})?.*$", "", origin)
            if origin:
                references.append(("forward", _forward_key(origin)))
            inner = forwarded[0].find('div[@class="text"]')
            if not text and inner is not None:
                text = _node_text(inner)
                hrefs += inner.xpath(".//a/@href")
        media = body.xpath('.//div[contains(@class,"media_wrap")]')
        date = body.xpath('div[contains(@class,"date")]/@title')
        yield Record(
            platform="telegram",
            post_id=f"{chat_id}/{message_id}",
            text=text or ("[media]" if media else ""),
            author_id=author[:255],
            author_name=author[:255],
            group_id=chat_id,
            group_name=chat_name[:255],
            posted_at=_html_time(date[0]) if date else None,
            links=links_of([h for h in hrefs if h.startswith("http")], text),
            raw={"message_id": message_id, "file": source.name},
            line=int(message_id),
            references=references,
        )
    if not found:
        raise FileRejected("no messages in this Telegram HTML page (is it messages.html of an export?)")
