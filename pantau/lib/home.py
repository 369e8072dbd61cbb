"""PANTAU_HOME: the one folder that holds an office's data.

It holds the SQLite database, the evidence store and the secrets generated
on first start. Default: `var/` in the source checkout when Pantau runs from
one (the quick start), otherwise the user's data directory
(~/.local/share/pantau, or $XDG_DATA_HOME/pantau).
"""

import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from .env import env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent
CHECKOUT_DIR = PACKAGE_DIR.parent


def running_from_checkout() -> bool:
    return (CHECKOUT_DIR / "pyproject.toml").exists() and (CHECKOUT_DIR / ".git").exists()


def default_home() -> Path:
    if running_from_checkout():
        return CHECKOUT_DIR / "var"
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "pantau"


def pantau_home() -> Path:
    configured = env_str("PANTAU_HOME")
    home = Path(configured).expanduser() if configured else default_home()
    home.mkdir(parents=True, exist_ok=True)
    return home


# The secrets `local_secret` keeps in PANTAU_HOME: Django's secret key, and the key that
# encrypts reporters' identities (without it a restored office cannot read them).
SECRET_KEY_FILE = "secret_key"
FIELD_KEY_FILE = "field_key"
LOCAL_SECRETS = (SECRET_KEY_FILE, FIELD_KEY_FILE)


def local_secret(home: Path, name: str, make: Callable[[], str] = lambda: secrets.token_urlsafe(50)) -> str:
    """A secret generated once and kept in PANTAU_HOME, readable by the owner only.

    Used when the environment does not supply one, so a laptop install never
    runs on a placeholder secret and keeps its sessions across restarts.
    """
    path = home / name
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    value = make()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value)
    return value


PRIVATE_UMASK = 0o077


def make_private(home: Path) -> None:
    """New files private to the owner (0600, folders 0700), and PANTAU_HOME's existing ones made so.

    The database, keys, evidence, outbox (reporters' addresses) and backups all
    live here; a 0644 default would hand them to every account on the machine.
    Folders closed to others protect the files inside, so the evidence store's
    many files need no walk at every start.
    """
    os.umask(PRIVATE_UMASK)
    for path in (home, *home.iterdir()):
        try:
            mode = path.lstat().st_mode
            if not stat.S_ISLNK(mode) and mode & 0o077:
                os.chmod(path, stat.S_IMODE(mode) & 0o700)
        except OSError:
            continue  # not ours (a mount point, another owner): `pantau check` still reports the home
