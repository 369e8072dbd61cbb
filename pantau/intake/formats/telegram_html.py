"""Telegram Desktop's export in its default format, HTML: `messages.html`, `messages2.html`... one page of one chat.

Replies become links between posts; a forward points at the channel it came from.
"""

import re
from datetime import datetime, timedelta, timezone

from lxml import html as lxml_html

from .base import FileRejected, Record, Skipped, links_of, time_of
from .registry import Format, register
from .telegram import SLUG, forward_key

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


def _poll_text(body) -> str:
    """A poll's question and answers ("- Pagi"), without the vote counts in their details spans."""
    polls = body.xpath('.//div[contains(@class,"media_poll")]')
    if not polls:
        return ""
    question = polls[0].xpath('string(div[contains(@class,"question")])').strip()
    answers = [(a.text or "").strip() for a in polls[0].xpath('div[contains(@class,"answer")]')]
    return "\n".join([question, *(a for a in answers if a)]).strip()


def _node_text(node) -> str:
    for br in node.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return node.text_content().strip()


@register
class TelegramHtml(Format):
    name, shape = "telegram-html", "html"

    def detect(self, head):
        return 'class="page_header"' in head.text or 'class="history"' in head.text

    def read(self, source):
        yield from read_telegram_html(source)


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
        message_id = (node.get("id") or "").removeprefix("message")
        if "service" in classes:
            if message_id.isdigit():  # date separators are "message-1", "message-2"...: not messages at all
                found += 1
                yield Skipped(int(message_id), "system notice")
            continue
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
                references.append(("forward", forward_key(origin)))
            inner = forwarded[0].find('div[@class="text"]')
            if not text and inner is not None:
                text = _node_text(inner)
                hrefs += inner.xpath(".//a/@href")
        text = text or _poll_text(body)
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
