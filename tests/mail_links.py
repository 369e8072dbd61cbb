"""The links in an e-mail, and which of them would not open from a mail client.

Every test's sent mail passes `bad_links` (see the autouse fixture in
tests/conftest.py): a bare path ("/kasus/3/"), a link to two addresses glued
together ("http://127.0.0.1:8000https://www.facebook.com/...") or a doubled
slash after the site's address is a defect wherever it comes from.
"""

import re
from urllib.parse import urlsplit

URL = re.compile(r"""https?://[^\s<>"']+""")
# A site path standing on its own in the text, where a mail client cannot open it.
BARE_PATH = re.compile(r"""(?:^|(?<=\s))/[\w\-]+/[^\s<>"']*""", re.M)
TRAILING = ".,;:)]}!?…"


def links_in(text: str) -> list[str]:
    return [match.rstrip(TRAILING) for match in URL.findall(text or "")]


def _bad(link: str) -> bool:
    try:
        parts = urlsplit(link)
        parts.port  # noqa: B018  (raises when an address was glued to the port)
    except ValueError:
        return True
    return (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or "://" in link[len(parts.scheme) + 3 :]
        or parts.path.startswith("//")
    )


def bad_links(text: str) -> list[str]:
    return [link for link in links_in(text) if _bad(link)] + BARE_PATH.findall(text or "")


def message_texts(message) -> list[str]:
    """The text of a sent message: a Django EmailMessage (locmem outbox) or a parsed one (SMTP)."""
    if hasattr(message, "body"):
        return [message.body, *(content for content, mimetype in getattr(message, "alternatives", []))]
    texts = []
    for part in message.walk():
        if part.get_content_maintype() == "text":
            payload = part.get_payload(decode=True) or b""
            texts.append(payload.decode(part.get_content_charset() or "utf-8", "replace"))
    return texts


def bad_links_in_messages(messages) -> list[str]:
    return [link for message in messages for text in message_texts(message) for link in bad_links(text)]
