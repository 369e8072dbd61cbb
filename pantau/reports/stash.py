"""Evidence files kept on the server while a citizen corrects the form or answers the question.

Browsers do not keep chosen files when a page comes back with an error, and people on a phone
may not find the photo again. The accepted files of a refused attempt are kept in the default
storage (shared by every web process, like uploads for import) and named by a signed, expiring
token in the re-rendered form; the next attempt takes them from there. The token holds a random
folder name, so nobody can reach another person's files, and folders older than the token's
lifetime are removed by a routine.
"""

import secrets
import time

from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils.text import get_valid_filename

FOLDER = "report-stash"
SALT = "pantau.reports.stash"
MAX_AGE_SECONDS = 24 * 3600


def _files_in(token: str) -> tuple[str, list[dict]]:
    try:
        payload = signing.loads(token or "", salt=SALT, max_age=MAX_AGE_SECONDS)
        return payload["folder"], list(payload["files"])
    except (signing.BadSignature, KeyError, TypeError):
        return "", []


class KeptFile(File):
    """A kept file that remembers where it is stored, so that it can be removed once the report is in."""

    stash_path: str


def kept_files(token: str) -> list[KeptFile]:
    """The files kept under a token (none for a missing, forged or expired one)."""
    folder, entries = _files_in(token)
    files = []
    for entry in entries:
        path = f"{FOLDER}/{folder}/{entry['stored']}"
        if default_storage.exists(path):
            kept = KeptFile(default_storage.open(path, "rb"), name=entry["name"])
            kept.stash_path = path
            files.append(kept)
    return files


def keep(files, token: str = "") -> str:
    """Keep these files (some may come from the stash already); the token that names them all."""
    if not files:
        drop(token)
        return ""
    folder, _entries = _files_in(token)
    folder = folder or f"{int(time.time())}-{secrets.token_hex(16)}"
    entries = []
    for index, upload in enumerate(files):
        existing = getattr(upload, "stash_path", "")
        if existing.startswith(f"{FOLDER}/{folder}/"):
            stored = existing.rsplit("/", 1)[-1]
        else:
            upload.seek(0)
            name = f"{FOLDER}/{folder}/{index}-{secrets.token_hex(4)}-{get_valid_filename(upload.name)[-80:] or 'file'}"
            stored = default_storage.save(name, upload).rsplit("/", 1)[-1]
        entries.append({"name": upload.name, "stored": stored})
    return signing.dumps({"folder": folder, "files": entries}, salt=SALT)


def drop(token: str) -> None:
    folder, _entries = _files_in(token)
    if folder:
        _remove_folder(folder)


def _remove_folder(folder: str) -> None:
    _dirs, names = default_storage.listdir(f"{FOLDER}/{folder}")
    for name in names:
        default_storage.delete(f"{FOLDER}/{folder}/{name}")
    default_storage.delete(f"{FOLDER}/{folder}")


def purge_stale(now: float | None = None) -> int:
    """Remove the folders whose token has expired; how many."""
    now = time.time() if now is None else now
    try:
        folders, _names = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return 0
    removed = 0
    for folder in folders:
        started = folder.split("-", 1)[0]
        if started.isdigit() and int(started) < now - MAX_AGE_SECONDS:
            _remove_folder(folder)
            removed += 1
    return removed
