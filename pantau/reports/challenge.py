"""A question a person answers when a browser or an address has sent many reports in an hour.

Self-hosted and without JavaScript: a sum of two numbers written as words, in the visitor's
language. The expected answer travels only as an HMAC inside a signed, expiring token, so the
page gives nothing away, and each token is accepted once (its nonce is remembered in the cache
until it expires), so a solved question cannot be replayed for a flood.
"""

import secrets
from dataclasses import dataclass

from django.core import signing
from django.core.cache import cache
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SALT = "pantau.reports.challenge"
MAX_AGE_SECONDS = 30 * 60
NUMBER_WORDS = (
    gettext_lazy("one"),
    gettext_lazy("two"),
    gettext_lazy("three"),
    gettext_lazy("four"),
    gettext_lazy("five"),
    gettext_lazy("six"),
    gettext_lazy("seven"),
    gettext_lazy("eight"),
    gettext_lazy("nine"),
)


@dataclass(frozen=True)
class Challenge:
    question: str
    token: str


def _digest(nonce: str, answer: int) -> str:
    return salted_hmac(SALT, f"{nonce}:{answer}").hexdigest()


def new_challenge() -> Challenge:
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    nonce = secrets.token_urlsafe(12)
    token = signing.dumps({"n": nonce, "h": _digest(nonce, a + b)}, salt=SALT)
    question = _("How much is %(a)s plus %(b)s? Write the answer in digits.") % {
        "a": NUMBER_WORDS[a - 1],
        "b": NUMBER_WORDS[b - 1],
    }
    return Challenge(question=question, token=token)


def solved(token: str, answer: str) -> bool:
    """Whether the answer is right for an unexpired token not used before; uses the token up."""
    try:
        payload = signing.loads(token or "", salt=SALT, max_age=MAX_AGE_SECONDS)
        nonce, digest = payload["n"], payload["h"]
        given = int((answer or "").strip())
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return False
    if not constant_time_compare(digest, _digest(nonce, given)):
        return False
    return cache.add(f"pantau:challenge:{nonce}", 1, MAX_AGE_SECONDS)
