"""Copies of the chain's head kept outside the database.

Whoever can write the database can rewrite the whole chain consistently, or
cut its last entries off; only a record of the head made elsewhere shows it.
Three such records exist: the head file in PANTAU_HOME (replaced atomically
at every addition), an optional log of heads in a second place
(PANTAU_ANCHOR, appended at every addition) and the head printed on every
generated document. A head is "COUNT:HASH": how many entries the chain had
and (a prefix of) the last entry's hash.
"""

import json
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from pantau.lib.env import env_str

log = logging.getLogger(__name__)
ANCHOR_LOG = "evidence-heads.log"
# 16 hex digits (64 bits) on paper: short enough to copy by hand, far too long to forge.
PRINTED_PREFIX = 16
MIN_PREFIX = 8
HEAD_PATTERN = re.compile(r"^\s*(\d+)\s*:\s*([0-9a-fA-F]+)\s*(?:…|\.\.\.)?\s*$")


class HeadError(ValueError):
    """A head given by a person that cannot be read."""


@dataclass(frozen=True)
class Head:
    count: int
    hash: str  # the full hash, or a prefix of it when read from paper
    source: str = ""

    def __str__(self):
        return f"{self.count}:{self.hash}"

    def printed(self) -> str:
        """The line on generated documents (Indonesian, like the letter around it)."""
        if not self.count:
            return "Rantai bukti: 0 entri"
        return f"Rantai bukti: {self.count} entri, kepala {self.hash[:PRINTED_PREFIX]}…"


def parse_head(text: str, source: str = "") -> Head:
    match = HEAD_PATTERN.match(text or "")
    if not match:
        raise HeadError(f"{text!r} is not a chain head: write COUNT:HASH, e.g. 1234:3f9a1c2b4d5e6f70")
    count, digest = int(match.group(1)), match.group(2).lower()
    if len(digest) < MIN_PREFIX:
        raise HeadError(f"{text!r}: give at least {MIN_PREFIX} hex digits of the head's hash")
    return Head(count, digest, source or f"head {count}:{digest}")


def head_file_path() -> Path:
    return Path(settings.PANTAU_EVIDENCE_HEAD_FILE)


def anchor_path() -> Path | None:
    """PANTAU_EVIDENCE_ANCHOR names a folder (the log goes inside) or a file."""
    configured = env_str("PANTAU_EVIDENCE_ANCHOR")
    if not configured:
        return None
    path = Path(configured).expanduser()
    return path / ANCHOR_LOG if path.is_dir() else path


def anchor_problem() -> str | None:
    """Why the anchor log named by PANTAU_EVIDENCE_ANCHOR cannot be appended to, or None."""
    path = anchor_path()
    if path is None:
        return None
    folder = path.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return f"the anchor log {path} cannot be written (PANTAU_EVIDENCE_ANCHOR)"
    return None


def read_head_file() -> Head | None:
    path = head_file_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Head(int(data["count"]), str(data["hash"]), f"head file {path}")
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise HeadError(f"the head file {path} cannot be read ({exc}): restore it from a backup") from exc


def read_anchor() -> Head | None:
    """The longest head in the anchor log (writers may append slightly out of order)."""
    path = anchor_path()
    if path is None or not path.exists():
        return None
    best = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            head = parse_head(line.split()[0], f"anchor {path} line {number}")
        except HeadError as exc:
            raise HeadError(f"anchor {path} line {number} cannot be read: {exc}") from exc
        if best is None or head.count >= best.count:  # the later of equal counts: a reseal re-anchors
            best = head
    return best


def record(head: Head) -> None:
    """Write the head file (never backwards) and append to the anchor log.

    Runs after the entry is committed: a failure here must not turn a kept
    piece of evidence into an error page. A head not written leaves the
    anchors behind the chain, which stays true of it; the log says why.
    """
    try:
        write_head_file(head)
    except OSError as exc:
        log.error("evidence head file not written (head %s): %s", head, exc)
    try:
        append_anchor(head)
    except OSError as exc:
        log.error("evidence anchor log %s not written (head %s): %s", anchor_path(), head, exc)


def append_anchor(head: Head) -> None:
    anchor = anchor_path()
    if anchor is None:
        return
    anchor.parent.mkdir(parents=True, exist_ok=True)
    with open(anchor, "a", encoding="utf-8") as handle:
        handle.write(f"{head.count}:{head.hash} {timezone.now().isoformat()}\n")
        handle.flush()
        os.fsync(handle.fileno())


def write_head_file(head: Head) -> None:
    path = head_file_path()
    try:
        current = read_head_file()
    except HeadError:
        current = None
    # Two processes may commit in one order and write their heads in the other; an
    # older head is still true of the chain, a lower one must not replace a higher.
    if current is not None and current.count > head.count:
        return
    body = json.dumps({"count": head.count, "hash": head.hash, "at": timezone.now().isoformat()})
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".evidence-head-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
