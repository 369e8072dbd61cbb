"""Reporters' identities encrypted at rest with rotatable Fernet keys (settings.PANTAU_FIELD_KEYS)."""

import json
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


def _fernet() -> MultiFernet:
    return _fernet_for(tuple(settings.PANTAU_FIELD_KEYS))


@lru_cache(maxsize=4)
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    """Built once per set of keys (every report encrypts and decrypts); a changed setting gets its own."""
    return MultiFernet([Fernet(key) for key in keys])


def encrypt_json(data: dict) -> str:
    return _fernet().encrypt(json.dumps(data, ensure_ascii=False).encode("utf-8")).decode("ascii")


def decrypt_json(token: str) -> dict:
    if not token:
        return {}
    try:
        return json.loads(_fernet().decrypt(token.encode("ascii")))
    except InvalidToken as exc:
        raise ValueError("identity cannot be decrypted with any key in PANTAU_FIELD_KEYS") from exc


def rotate(token: str) -> str:
    """The same identity encrypted with the current (first) key."""
    return _fernet().rotate(token.encode("ascii")).decode("ascii") if token else token
