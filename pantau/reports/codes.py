"""Receipt codes: unguessable, and easy to read out over the phone.

The alphabet leaves out 0/O, 1/I and L so a code read aloud or copied by
hand cannot be mistaken; 8 characters from 31 give about 40 bits, which the
status page's rate limit makes impractical to guess.
"""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
GROUPS = 2
GROUP_LENGTH = 4


def new_code(prefix: str) -> str:
    groups = ["".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH)) for _ in range(GROUPS)]
    return "-".join([prefix.upper(), *groups])


def normalize_code(raw: str, prefix: str) -> str:
    """The stored form of what someone typed: any case, with or without hyphens or spaces."""
    text = re.sub(r"[^0-9A-Za-z]", "", raw or "").upper()
    prefix = prefix.upper()
    if text.startswith(prefix):
        text = text[len(prefix) :]
    body_length = GROUPS * GROUP_LENGTH
    if len(text) != body_length:
        return ""
    if any(ch not in ALPHABET for ch in text):
        return ""
    groups = [text[i : i + GROUP_LENGTH] for i in range(0, body_length, GROUP_LENGTH)]
    return "-".join([prefix, *groups])
