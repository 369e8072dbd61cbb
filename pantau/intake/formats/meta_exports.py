"""What Meta's own exports share: Facebook's "Download Your Information" and Instagram's data export.

Meta writes these files with every UTF-8 byte escaped as its own character
(`"Pak Bupati \\u00f0\\u009f\\u0098\\u00a1"` for one emoji), so each string is
re-decoded (`unmojibake`). They carry no post ids: a post is known by its
author, time and text (and group), so importing the same export again adds nothing.
The formats are `facebook_dyi.py` and `instagram_export.py`.
"""

import json

from .base import clean, dig

# Where the export names its owner, relative to the export's root folder (Facebook moved it under
# personal_information/ in 2024, beside your_facebook_activity/).
OWNER_FILES = {
    "facebook": (
        (
            "personal_information/profile_information/profile_information.json",
            "profile_information/profile_information.json",
        ),
        ("profile_v2", "name", "full_name"),
    ),
    "instagram": (("personal_information/personal_information/personal_information.json",), None),
}


def export_owner(source, platform: str) -> str:
    """The export's owner from its profile file, found by walking up from the file read (up to 4 folders)."""
    relatives, path = OWNER_FILES[platform]
    folder = source.path.parent
    for _ in range(4):
        candidate = next((folder / r for r in relatives if (folder / r).is_file()), folder / relatives[0])
        if candidate.is_file() and candidate.stat().st_size < 5_000_000:
            try:
                data = unmojibake(json.loads(candidate.read_text(encoding="utf-8", errors="replace")))
            except (json.JSONDecodeError, RecursionError):
                return ""
            if path:
                return clean(dig(data, *path), 255)
            strings = dig(data, "profile_user", 0, "string_map_data", default={}) or {}
            return clean(dig(strings, "Username", "value") or dig(strings, "Nama pengguna", "value"), 255)
        folder = folder.parent
    return ""


def unmojibake(value):
    """Meta's export encoding undone, on strings anywhere in a value."""
    if isinstance(value, str):
        try:
            return value.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return value
    if isinstance(value, list):
        return [unmojibake(v) for v in value]
    if isinstance(value, dict):
        return {k: unmojibake(v) for k, v in value.items()}
    return value
