"""The office's secrets in a backup: never in the clear beside the database.

A backup carries PANTAU_HOME's generated secrets (Django's secret key and the
key of reporters' identities) either not at all, in a separate file the
operator keeps elsewhere (`--keys FILE`), or encrypted with a passphrase:
Fernet with a key derived by scrypt, so the archive alone opens nothing.
"""

import base64
import json
import os
from pathlib import Path

from cryptography.exceptions import InvalidKey
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.conf import settings

from pantau.lib.env import env_str
from pantau.lib.home import LOCAL_SECRETS

from .database import BackupError

# scrypt's cost: about 32 MiB and a fraction of a second, once per backup or restore.
SCRYPT = {"n": 2**15, "r": 8, "p": 1}
MIN_PASSPHRASE = 12
KEYS_MEMBER = "keys.enc"


def local_secrets() -> dict[str, str]:
    """The secrets kept in PANTAU_HOME (those supplied by the environment are not there: keep them yourself)."""
    found = {}
    for name in LOCAL_SECRETS:
        path = settings.PANTAU_HOME / name
        if path.exists():
            found[name] = path.read_text(encoding="utf-8").strip()
    return found


def passphrase_from(path: str | None, prompt=None, confirm: bool = False) -> str | None:
    """--passphrase-file, else PANTAU_BACKUP_PASSPHRASE, else `prompt` (None: no passphrase)."""
    value: str | None
    if path:
        try:
            value = Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise BackupError(f"the passphrase file {path} cannot be read: {exc}") from exc
    else:
        value = env_str("PANTAU_BACKUP_PASSPHRASE")
    if not value and prompt:
        value = prompt("Passphrase for the keys in the backup: ")
        if confirm and prompt("The same passphrase again: ") != value:
            raise BackupError("the two passphrases differ")
    if value is not None and value and len(value) < MIN_PASSPHRASE:
        raise BackupError(f"the passphrase must be at least {MIN_PASSPHRASE} characters")
    return value or None


def _fernet(passphrase: str, salt: bytes, cost: dict) -> Fernet:
    kdf = Scrypt(salt=salt, length=32, **cost)
    return Fernet(base64.urlsafe_b64encode(kdf.derive(passphrase.encode("utf-8"))))


def encrypt(secrets: dict[str, str], passphrase: str) -> tuple[bytes, dict]:
    """(token, the manifest's description of how to open it)."""
    salt = os.urandom(16)
    token = _fernet(passphrase, salt, SCRYPT).encrypt(json.dumps(secrets).encode("utf-8"))
    return token, {"kdf": "scrypt", "salt": base64.b64encode(salt).decode(), **SCRYPT}


def decrypt(token: bytes, described: dict, passphrase: str) -> dict[str, str]:
    cost = {name: int(described[name]) for name in ("n", "r", "p")}
    try:
        fernet = _fernet(passphrase, base64.b64decode(described["salt"]), cost)
        return json.loads(fernet.decrypt(token))
    except (InvalidToken, InvalidKey) as exc:
        raise BackupError("the passphrase does not open the keys in this backup") from exc


def write_keys_file(path: Path, secrets: dict[str, str]) -> None:
    """The secrets in a file of their own, readable by the owner only; never overwrites one."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exc:
        raise BackupError(f"{path} exists already: give a new file for the keys") from exc
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({"pantau_keys": 1, **secrets}, handle)


def read_keys_file(path: Path) -> dict[str, str]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"the keys file {path} cannot be read: {exc}") from exc
    if not isinstance(data, dict) or data.pop("pantau_keys", None) != 1:
        raise BackupError(f"{path} is not a keys file written by `pantau backup --keys`")
    return {name: value for name, value in data.items() if name in LOCAL_SECRETS}


def install(secrets: dict[str, str]) -> None:
    for name, value in secrets.items():
        path = settings.PANTAU_HOME / name
        tmp = path.with_name(f".{name}.restoring")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(value)
        os.replace(tmp, path)
