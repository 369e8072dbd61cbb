"""One tar archive per backup: the database, the evidence, the uploaded files, a manifest.

The manifest (the last member) gives every other member's SHA-256, the
counts of `pantau stats` and the evidence chain's head as of the snapshot,
so a restore can refuse a damaged, truncated or partial archive and check
that it put back exactly what was saved. The keys never travel in the clear
in the archive (keys.py).
"""

import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils import timezone

from pantau.audit.log import record
from pantau.core.stats import office_stats
from pantau.evidence import anchors
from pantau.evidence.chain import current_head
from pantau.evidence.storage import CHUNK, evidence_storage, iter_chunks

from . import database, keys
from .database import DUMP_NAMES, BackupError

FORMAT = 1
MANIFEST = "manifest.json"
PREFIXES = ("database/", "evidence/", "files/")


@dataclass
class KeysChoice:
    """Where the secrets go: 'encrypted' (with `passphrase`), 'separate' (to `keys_file`) or 'none'."""

    mode: str
    passphrase: str | None = None
    keys_file: Path | None = None

    def __post_init__(self) -> None:
        if (self.mode == "encrypted" and not self.passphrase) or (self.mode == "separate" and not self.keys_file):
            raise ValueError(f"keys {self.mode!r} need their passphrase or file")


@dataclass
class Written:
    path: Path
    manifest: dict
    warnings: list[str] = field(default_factory=list)


class _Exact:
    """Reads exactly `size` bytes for tar and hashes them, even if the file changes meanwhile."""

    def __init__(self, handle, size: int):
        self.handle, self.remaining, self.digest, self.changed = handle, size, hashlib.sha256(), False

    def read(self, n: int = -1) -> bytes:
        n = self.remaining if n < 0 else min(n, self.remaining)
        data = self.handle.read(n) if n else b""
        if n and not data:  # the file shrank while it was read
            data, self.changed = b"\0" * n, True
        self.remaining -= len(data)
        self.digest.update(data)
        return data


def _add(tar: tarfile.TarFile, name: str, handle, size: int) -> tuple[str, bool]:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = size, 0o600, int(timezone.now().timestamp())
    reader = _Exact(handle, size)
    tar.addfile(info, reader)
    return reader.digest.hexdigest(), reader.changed


def _uploaded_files() -> list[tuple[str, Path]]:
    """(name in the archive, path) of every file the web app and workers keep in the file storage."""
    if not isinstance(default_storage, FileSystemStorage):
        return []
    root = Path(default_storage.location)
    if not root.exists():
        return []
    return [
        (f"files/{path.relative_to(root).as_posix()}", path)
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    ]


def create(target: Path, choice: KeysChoice) -> Written:
    """Write a backup of the whole office to `target` (a new file) while it keeps working."""
    target = Path(target).expanduser().resolve()
    if target.exists():
        raise BackupError(f"{target} exists already: a backup never overwrites a file")
    target.parent.mkdir(parents=True, exist_ok=True)
    secrets = keys.local_secrets() if choice.mode != "none" else {}
    partial = target.with_name(f".{target.name}.partial")
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=".pantau-backup-"))
    warnings: list[str] = []
    try:
        snapshot = database.dump(staging / "database")
        files: dict[str, str] = {}
        with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
            dump_name = DUMP_NAMES[snapshot.engine]
            with open(staging / "database", "rb") as handle:
                files[dump_name], _ = _add(tar, dump_name, handle, (staging / "database").stat().st_size)
            warnings += _add_evidence(tar, snapshot.evidence, files)
            for name, path in _uploaded_files():
                with open(path, "rb") as handle:
                    files[name], changed = _add(tar, name, handle, os.fstat(handle.fileno()).st_size)
                if changed:
                    warnings.append(f"{path} changed while it was saved: its copy is incomplete")
            described = _add_keys(tar, choice, secrets, files)
            manifest = {
                "pantau_backup": FORMAT,
                "created_at": timezone.now().isoformat(),
                "engine": snapshot.engine,
                "stats": snapshot.stats,
                "evidence_head": snapshot.head,
                "keys": described,
                "files": files,
                "warnings": warnings,
            }
            body = json.dumps(manifest, indent=1, sort_keys=True).encode("utf-8")
            _add(tar, MANIFEST, io.BytesIO(body), len(body))
        if choice.mode == "separate" and choice.keys_file is not None:
            keys.write_keys_file(choice.keys_file, secrets)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
    record(None, "backup.written", path=str(target), keys=choice.mode, head=manifest.get("evidence_head"))
    return Written(target, manifest, warnings)


def _add_evidence(tar, items: list[tuple[str, int]], files: dict) -> list[str]:
    storage, warnings = evidence_storage(), []
    for sha, size in items:
        name = f"evidence/{sha[:2]}/{sha[2:4]}/{sha}"
        try:
            handle = storage.open(sha)
        except FileNotFoundError:
            warnings.append(f"evidence {sha[:12]} is missing from the store: not in this backup")
            continue
        with handle:
            if hasattr(handle, "fileno"):
                size = os.fstat(handle.fileno()).st_size
            files[name], _ = _add(tar, name, handle, size)
        if files[name] != sha:
            warnings.append(f"evidence {sha[:12]} does not match its hash: saved as it is (`pantau evidence verify`)")
    return warnings


def _add_keys(tar, choice: KeysChoice, secrets: dict, files: dict) -> dict:
    if choice.mode == "encrypted" and choice.passphrase:
        token, described = keys.encrypt(secrets, choice.passphrase)
        files[keys.KEYS_MEMBER], _ = _add(tar, keys.KEYS_MEMBER, io.BytesIO(token), len(token))
        return {"mode": "encrypted", "names": sorted(secrets), **described}
    return {"mode": choice.mode, "names": sorted(secrets)}


# --- restore -----------------------------------------------------------------


def home_is_empty() -> bool:
    """No database, no evidence and no uploaded files (fresh secrets and static files do not count)."""
    storage = evidence_storage()
    has_evidence = next(iter(storage.stored_hashes()), None) is not None if hasattr(storage, "stored_hashes") else False
    return database.database_is_empty() and not has_evidence and not _uploaded_files()


def _safe_name(name: str) -> bool:
    parts = Path(name).parts
    return bool(parts) and ".." not in parts and not Path(name).is_absolute()


def _extract(source: Path, staging: Path) -> None:
    try:
        with tarfile.open(source, "r:*") as tar:
            for member in tar:
                allowed = member.name == MANIFEST or member.name == keys.KEYS_MEMBER or member.name.startswith(PREFIXES)
                if not (member.isfile() and allowed and _safe_name(member.name)):
                    raise BackupError(f"{source} holds {member.name!r}, which no Pantau backup contains: refused")
                tar.extract(member, staging, filter="data")
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise BackupError(f"{source} is damaged or truncated ({exc}): nothing was restored") from exc


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_checked(source: Path, staging: Path) -> dict:
    """Unpack `source` into `staging` and check it against its manifest; returns the manifest."""
    _extract(source, staging)
    try:
        manifest = json.loads((staging / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BackupError(f"{source} has no manifest: it is truncated, or not a Pantau backup") from exc
    except ValueError as exc:
        raise BackupError(f"{source}'s manifest cannot be read ({exc}): the backup is damaged") from exc
    if manifest.get("pantau_backup") != FORMAT:
        raise BackupError(f"{source} is not a backup this version of Pantau can restore")
    listed = manifest.get("files", {})
    for name, digest in sorted(listed.items()):
        path = staging / name
        if not path.is_file():
            raise BackupError(f"{source} lacks {name}, which its manifest lists: the backup is partial")
        actual = _file_hash(path)
        if actual != digest:
            raise BackupError(
                f"{source}: {name} hashes to {actual[:12]}, the manifest says {digest[:12]}: the backup is damaged"
            )
    present = {p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file()} - {MANIFEST}
    extra = sorted(present - set(listed))
    if extra:
        raise BackupError(f"{source} holds files its manifest does not list ({', '.join(extra[:3])}): refused")
    return manifest


@dataclass
class Restored:
    manifest: dict
    keys_restored: list[str]
    warnings: list[str]


def restore(source: Path, *, force: bool = False, keys_file: Path | None = None, passphrase=None) -> Restored:
    """Put a backup into this PANTAU_HOME (and database). `passphrase()` is asked only if the keys need it."""
    source = Path(source).expanduser()
    if not source.is_file():
        raise BackupError(f"{source} is not a file")
    if not force and not home_is_empty():
        raise BackupError(
            f"PANTAU_HOME ({settings.PANTAU_HOME}) or its database already holds an office: "
            "restore into an empty one, or add --force to replace it"
        )
    staging = Path(tempfile.mkdtemp(dir=settings.PANTAU_HOME, prefix=".restore-"))
    try:
        manifest = read_checked(source, staging)
        secrets = _secrets(manifest, staging, keys_file, passphrase)
        database.load(staging / DUMP_NAMES[manifest["engine"]], manifest["engine"], replace=force)
        _place_evidence(staging / "evidence")
        _place_files(staging / "files")
        keys.install(secrets)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    anchors.write_head_file(current_head())
    warnings = list(manifest.get("warnings", []))
    restored = office_stats()
    if restored != manifest["stats"]:
        raise BackupError(f"the restored counts {restored} differ from the backup's {manifest['stats']}")
    if not secrets and manifest["keys"]["names"]:
        warnings.append("no keys restored: reporters' identities need the original field key")
    record(None, "backup.restored", path=str(source), forced=force, keys=sorted(secrets))
    return Restored(manifest, sorted(secrets), warnings)


def _secrets(manifest: dict, staging: Path, keys_file: Path | None, passphrase) -> dict:
    mode = manifest["keys"]["mode"]
    if keys_file:
        return keys.read_keys_file(keys_file)
    if mode == "separate":
        raise BackupError("this backup's keys were written to a file of their own: give it with --keys FILE")
    if mode == "encrypted":
        given = passphrase() if passphrase else None
        if not given:
            raise BackupError(
                "this backup's keys are encrypted: give the passphrase "
                "(--passphrase-file, PANTAU_BACKUP_PASSPHRASE or at the prompt)"
            )
        return keys.decrypt((staging / keys.KEYS_MEMBER).read_bytes(), manifest["keys"], given)
    return {}


def _place_evidence(folder: Path) -> None:
    if not folder.exists():
        return
    storage = evidence_storage()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with open(path, "rb") as handle:
                storage.put(iter_chunks(handle))


def _place_files(folder: Path) -> None:
    if not folder.exists():
        return
    if not isinstance(default_storage, FileSystemStorage):
        raise BackupError("the backup holds uploaded files, but PANTAU_FILE_STORAGE is not a folder: copy them there")
    root = Path(default_storage.location)
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            target = root / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(path, target)
