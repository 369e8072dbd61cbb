"""Where evidence bytes live: content-addressed by SHA-256.

`FileSystemEvidenceStorage` keeps them under PANTAU_HOME/evidence/ab/cd/<sha256>.
A scale-out deployment may point PANTAU_EVIDENCE_STORAGE at another class with
the same methods (e.g. object storage); `stored_hashes` is optional.
"""

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string

CHUNK = 1024 * 1024


class FileSystemEvidenceStorage:
    def __init__(self, root: Path | None = None):
        self.root = Path(root or settings.PANTAU_EVIDENCE_ROOT)

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, chunks) -> tuple[str, int]:
        """Store a stream of bytes; returns (sha256, size). Storing the same bytes twice keeps one copy."""
        self.root.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        fd, tmp_name = tempfile.mkstemp(dir=self.root, prefix=".incoming-")
        try:
            with os.fdopen(fd, "wb") as tmp:
                for chunk in chunks:
                    digest.update(chunk)
                    size += len(chunk)
                    tmp.write(chunk)
                tmp.flush()
                os.fsync(tmp.fileno())
            sha256 = digest.hexdigest()
            target = self.path(sha256)
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists():
                os.unlink(tmp_name)
            else:
                os.replace(tmp_name, target)
                os.chmod(target, 0o400)  # read-only, and the owner's only
        except BaseException:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            raise
        return sha256, size

    def open(self, sha256: str):
        return open(self.path(sha256), "rb")

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).exists()

    def hash_of(self, sha256: str) -> str | None:
        """The SHA-256 of the bytes now stored under that name (None when missing)."""
        if not self.exists(sha256):
            return None
        digest = hashlib.sha256()
        with self.open(sha256) as handle:
            for chunk in iter(lambda: handle.read(CHUNK), b""):
                digest.update(chunk)
        return digest.hexdigest()

    def describe(self, sha256: str) -> str:
        return str(self.path(sha256))

    def stored_hashes(self):
        """Every name in the store (optional for other storages: lets verify find files no item names)."""
        if not self.root.exists():
            return
        for path in sorted(self.root.glob("[0-9a-f][0-9a-f]/[0-9a-f][0-9a-f]/*")):
            if len(path.name) == 64 and not path.name.startswith("."):
                yield path.name


DEFAULT_STORAGE = "pantau.evidence.storage.FileSystemEvidenceStorage"


def storage_class_path() -> str:
    from pantau.lib.env import env_str

    return env_str("PANTAU_EVIDENCE_STORAGE", DEFAULT_STORAGE) or DEFAULT_STORAGE


def evidence_storage():
    return import_string(storage_class_path())()


def iter_chunks(fileobj, size=CHUNK):
    return iter(lambda: fileobj.read(size), b"")
