"""What every format shares: the record shape, the bounded file reader and small helpers. Django-free.

Every format yields `Record`s (or `RowProblem`s for a bad row, or `Skipped`
for a line that is not a post, such as a chat's system notice) from a
`Source`, which bounds what a hostile file can make us read: no line longer
than `max_line`, no JSON value or chat bigger than `max_document`, no nesting
deeper than Python's parser allows. A ZIP export (WhatsApp "with media") is
read through its text member; its other members are the attachments.
"""

import codecs
import csv
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

import orjson

from pantau.lib.clock import BadTime, parse_time
from pantau.lib.urls import normalize_url

PLATFORMS = {"facebook", "instagram", "tiktok", "x", "youtube", "telegram", "whatsapp", "web", "other"}
PLATFORM_ALIASES = {"twitter": "x", "fb": "facebook", "ig": "instagram", "wa": "whatsapp", "tg": "telegram"}
URL_IN_TEXT = re.compile(r"https?://[^\s<>\"')\]]+")
# Text members of a ZIP export that hold the chat or the data; the first one found is read.
ZIP_TEXT_SUFFIXES = (".txt", ".json", ".jsonl", ".ndjson", ".csv", ".js", ".html")
MAX_ZIP_MEMBERS = 100_000
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class FileRejected(Exception):
    """The whole file cannot be read; the message is one line for the person importing it."""


class RowError(ValueError):
    pass


@dataclass
class Record:
    platform: str
    text: str = ""
    post_id: str = ""
    url: str = ""
    author_id: str = ""
    author_name: str = ""
    author_url: str = ""
    author_kind: str = "person"
    group_id: str = ""
    group_name: str = ""
    group_url: str = ""
    posted_at: datetime | None = None
    links: list = field(default_factory=list)
    kecamatan: str = ""
    raw: dict = field(default_factory=dict)
    line: int = 0
    # Distinguishes identical messages (same author, minute and text) in a chat export.
    occurrence: int = 0
    # Names of the export's members (a ZIP "with media") that show this post.
    attachments: list = field(default_factory=list)
    # (kind, natural key of the other post): replies, quotes, retweets and forwards.
    references: list = field(default_factory=list)
    # The digest of the file line this record is all of (KnownLines), stored with the post.
    line_digest: int | None = None


@dataclass
class RowProblem:
    line: int
    reason: str


@dataclass
class Skipped:
    """A line that is read but is not a post (a chat's system notice, a deleted message)."""

    line: int
    reason: str


@dataclass
class Unchanged:
    """A line already stored, byte for byte, as a post (KnownLines): read, not parsed, counted as a duplicate."""

    line: int


class KnownLines:
    """The lines of a one-record-a-line file that are already stored as posts, found before they are parsed.

    A re-import spent most of its time parsing and building rows that the
    writer then skipped as unchanged. Each non-blank line's digest (keyed by
    `seed`: the format, its mapping and the settings it reads) is looked up,
    a chunk of lines at a time, with `lookup(digests) -> {digest: natural
    key}` (the importer asks the database). A stored line is Unchanged,
    unless an earlier line of this file made a row of the same post: that
    line may have changed the post, and the last line of a post wins.
    """

    CHUNK = 2000

    def __init__(self, lookup, seed: bytes):
        self.lookup = lookup
        self.seed = hashlib.blake2b(seed, digest_size=32).digest()
        # Natural keys of the rows built from this file so far (pipeline.py adds them).
        self.built: set[str] = set()
        # Line number -> digest, for the lines passed on to be parsed; rows() takes them.
        self.digests: dict[int, int] = {}

    def digest(self, text: str) -> int:
        value = hashlib.blake2b(text.strip().encode(), digest_size=8, key=self.seed).digest()
        return int.from_bytes(value, "big", signed=True)  # a signed 64-bit column on every database

    def mark(self, lines):
        """The (number, text) pairs of `lines`, with (number, Unchanged) for the lines already stored."""
        chunk = []
        for pair in lines:
            chunk.append(pair)
            if len(chunk) >= self.CHUNK:
                yield from self._marked(chunk)
                chunk = []
        yield from self._marked(chunk)

    def _marked(self, chunk):
        digests = {number: self.digest(text) for number, text in chunk if isinstance(text, str) and text.strip()}
        stored = self.lookup(sorted(set(digests.values()))) if digests else {}
        for number, text in chunk:
            digest = digests.get(number)
            key = stored.get(digest)
            if key is not None and key not in self.built:
                yield number, Unchanged(number)
                continue
            if digest is not None:
                self.digests[number] = digest
            yield number, text


class Source:
    """A file opened for import, read in bounded pieces, in the encoding its bytes show."""

    def __init__(self, path: Path, *, name: str = "", max_line: int, max_document: int, group_name: str = ""):
        self.path = Path(path)
        self.name = name or self.path.name
        self.max_line = max_line
        self.max_document = max_document
        # A name given by the person importing (`--group`, the upload form) for a chat that has none.
        self.group_name = group_name
        self.notes: list[str] = []
        self.bytes_read = 0
        # Set by the importer: which lines are already stored (for formats that read one record a line).
        self.known: KnownLines | None = None
        self.member = ""
        self.media: dict[str, zipfile.ZipInfo] = {}
        self._not_utf8 = 0
        self.size = self.path.stat().st_size
        if zipfile.is_zipfile(self.path):
            self._open_zip()
        self.encoding = self._encoding()

    # -- opening

    def _open_zip(self):
        try:
            with zipfile.ZipFile(self.path) as archive:
                infos = archive.infolist()
        except (zipfile.BadZipFile, OSError) as exc:
            raise FileRejected(f"a damaged ZIP file ({exc})") from None
        if len(infos) > MAX_ZIP_MEMBERS:
            raise FileRejected(f"the ZIP file holds {len(infos)} files; at most {MAX_ZIP_MEMBERS} are read")
        files = [i for i in infos if not i.is_dir() and not PurePosixPath(i.filename).name.startswith(".")]
        texts = [i for i in files if i.filename.lower().endswith(ZIP_TEXT_SUFFIXES)]
        if not texts:
            raise FileRejected("the ZIP file holds no chat or data file (.txt, .json, .csv); unpack it first")
        # WhatsApp names its chat "_chat.txt" (iPhone) or "WhatsApp Chat with X.txt" (Android).
        texts.sort(key=lambda i: (PurePosixPath(i.filename).name != "_chat.txt", not i.filename.endswith(".txt")))
        chosen = texts[0]
        if chosen.file_size > self.max_document:
            raise FileRejected(
                f"{chosen.filename} unpacks to {chosen.file_size} bytes; the limit is {self.max_document}"
            )
        self.member = chosen.filename
        self.size = chosen.file_size
        self.media = {PurePosixPath(i.filename).name: i for i in files if i is not chosen}

    def open_binary(self):
        if self.member:
            return _open_member(self.path, self.member)
        return open(self.path, "rb")

    def open_media(self, name: str, max_bytes: int | None = None):
        """The bytes of an attachment of a ZIP export, or None when it is not in the file (or over `max_bytes`)."""
        info = self.media.get(name)
        if info is None or (max_bytes is not None and info.file_size > max_bytes):
            return None
        return _open_member(self.path, info)

    def _encoding(self) -> str:
        head = self.head(4)
        for bom, encoding in BOMS:
            if head.startswith(bom):
                return encoding
        return "utf-8"

    def head(self, size: int = 65536) -> bytes:
        with self.open_binary() as handle:
            return handle.read(size)

    def head_text(self, size: int = 65536) -> str:
        raw = self.head(size)
        if self.encoding == "utf-16":
            return raw.decode("utf-16", errors="ignore")
        return _decode_line(raw.removeprefix(codecs.BOM_UTF8))[0]

    def note(self, message: str):
        if message not in self.notes:
            self.notes.append(message)

    # -- reading

    def lines(self):
        """(line number, text) for each line; a line over the limit is reported as a problem and skipped."""
        if self.encoding == "utf-16":
            yield from self._utf16_lines()
            return
        with self.open_binary() as handle:
            number = 0
            while True:
                raw = handle.readline(self.max_line + 1)
                if not raw:
                    break
                number += 1
                if len(raw) > self.max_line and not raw.endswith(b"\n"):
                    while True:  # drain the rest of the over-long line without keeping it
                        chunk = handle.readline(1024 * 1024)
                        self.bytes_read += len(chunk)
                        if not chunk or chunk.endswith(b"\n"):
                            break
                    self.bytes_read += len(raw)
                    yield number, RowProblem(number, f"line longer than {self.max_line} bytes")
                    continue
                self.bytes_read += len(raw)
                text, fallback = _decode_line(raw)
                self._not_utf8 += fallback
                if number == 1:
                    text = text.lstrip("\ufeff")
                yield number, text
        if self._not_utf8:
            self.note(f"{self._not_utf8} line(s) were not UTF-8 and were read as Windows-1252 (cp1252)")

    def _utf16_lines(self):
        with self.open_binary() as handle:
            text = io.TextIOWrapper(handle, encoding="utf-16", errors="replace", newline="")
            number = replaced = 0
            while True:
                line = text.readline(self.max_line // 2 + 1)
                if not line:
                    break
                number += 1
                self.bytes_read += len(line) * 2
                if len(line) > self.max_line // 2 and not line.endswith("\n"):
                    while True:
                        rest = text.readline(1024 * 1024)
                        if not rest or rest.endswith("\n"):
                            break
                    yield number, RowProblem(number, f"line longer than {self.max_line} bytes")
                    continue
                replaced += line.count("\ufffd")
                yield number, line.lstrip("\ufeff") if number == 1 else line
        if replaced:
            self.note(f"{replaced} character(s) could not be decoded from UTF-16 and were replaced")

    def strict_lines(self):
        """Lines for formats where a skipped line would corrupt the rest (CSV, chat text)."""
        for number, text in self.lines():
            if isinstance(text, RowProblem):
                raise FileRejected(f"line {number} is longer than {self.max_line} bytes; is this really an export?")
            yield text

    def text(self) -> str:
        """The whole file as text (chat exports, HTML, `tweets.js`), bounded by the document limit."""
        if self.size > self.max_document:
            raise FileRejected(
                f"the file is {self.size} bytes; documents over {self.max_document} bytes are refused "
                "(PANTAU_IMPORT_MAX_DOCUMENT_BYTES)"
            )
        with self.open_binary() as handle:
            data = handle.read(self.max_document + 1)
        self.bytes_read = len(data)
        if self.encoding == "utf-16":
            return data.decode("utf-16", errors="replace")
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            self.note("the file is not UTF-8; it was read as Windows-1252 (cp1252)")
            return _cp1252(data)

    def document(self):
        """The whole file parsed as one JSON document."""
        text = self.text()
        try:
            return json.loads(text)
        except RecursionError:
            raise FileRejected("the JSON is nested too deeply to be an export") from None
        except json.JSONDecodeError as exc:
            raise FileRejected(f"not valid JSON (line {exc.lineno}: {exc.msg}); the file may be truncated") from None

    def json_values(self, limit: int | None = None):
        """(line, value) for each top-level JSON value: one document, JSON Lines, or documents one after another.

        `twarc2 search` writes one response a line and streams carry error
        lines between them; other tools write pretty-printed documents back
        to back. A value may be as large as `limit` (the document limit).
        """
        limit = limit or self.max_document
        decoder = json.JSONDecoder()
        chunks = self._text_chunks()
        buffer, position, line, done = "", 0, 1, False
        while True:
            match = _SPACE.match(buffer, position)
            assert match is not None  # the pattern matches the empty string
            line += buffer.count("\n", position, match.end())
            position = match.end()
            if position >= len(buffer):
                if done:
                    return
                buffer, position = "", 0
                chunk = next(chunks, None)
                if chunk is None:
                    return
                buffer = chunk
                continue
            try:
                value, end = decoder.raw_decode(buffer, position)
            except RecursionError:
                raise FileRejected("the JSON is nested too deeply to be an export") from None
            except json.JSONDecodeError as exc:
                if not done and len(buffer) - position <= limit:
                    more = next(chunks, None)
                    if more is None:
                        done = True
                    else:
                        # Double what is held, so a large value costs a few parses, not one per chunk.
                        buffer = buffer[position:] + more + "".join(_take(chunks, len(buffer) - position))
                        position = 0
                    continue
                if len(buffer) - position > limit:
                    raise FileRejected(f"a JSON value over {limit} bytes (PANTAU_IMPORT_MAX_DOCUMENT_BYTES)") from None
                yield line, RowProblem(line, f"not valid JSON ({exc.msg}); the file may be truncated")
                newline = buffer.find("\n", position)
                if newline < 0:
                    return
                line += 1
                position = newline + 1
                continue
            yield line, value
            line += buffer.count("\n", position, end)
            position = end

    def _text_chunks(self, size: int = 1024 * 1024):
        with self.open_binary() as handle:
            decoder = codecs.getincrementaldecoder(self.encoding if self.encoding != "utf-8" else "utf-8-sig")(
                errors="replace"
            )
            while True:
                data = handle.read(size)
                self.bytes_read += len(data)
                if not data:
                    tail = decoder.decode(b"", final=True)
                    if tail:
                        yield tail
                    return
                yield decoder.decode(data)


_SPACE = re.compile(r"[\s\ufeff]*")


def _open_member(path, member):
    # Closing the archive at once is safe: the member keeps the file open until it is closed itself.
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.open(member)
    except (RuntimeError, NotImplementedError, zipfile.BadZipFile, OSError) as exc:
        # RuntimeError: a password-protected member; NotImplementedError: a compression zipfile lacks.
        raise FileRejected(f"the ZIP file cannot be read ({exc}); unpack it first") from None


def _take(iterator, size):
    taken = 0
    while taken < size:
        chunk = next(iterator, None)
        if chunk is None:
            return
        taken += len(chunk)
        yield chunk


def _cp1252(data: bytes) -> str:
    # The five bytes cp1252 leaves undefined are kept as their Latin-1 characters, not dropped.
    return "".join(
        chunk.decode("cp1252", errors="strict") if i % 2 == 0 else chunk.decode("latin-1")
        for i, chunk in enumerate(re.split(rb"([\x81\x8d\x8f\x90\x9d]+)", data))
    )


def _decode_line(raw: bytes) -> tuple[str, int]:
    """A line as text: UTF-8 when it is, else Windows-1252 (what Excel and old Windows phones write)."""
    try:
        return raw.decode("utf-8"), 0
    except UnicodeDecodeError:
        return _cp1252(raw), 1


# ---------------------------------------------------------------- helpers


def clean(value, limit: int = 100_000) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()[:limit]


def platform_of(value, default="other") -> str:
    name = clean(value).lower()
    name = name.removesuffix(".com")
    name = PLATFORM_ALIASES.get(name, name)
    return name if name in PLATFORMS else default


def platform_of_url(url: str) -> str:
    host = normalize_url(url).split("/")[2] if normalize_url(url) else ""
    for platform, hosts in (
        ("facebook", ("facebook.com",)),
        ("instagram", ("instagram.com",)),
        ("tiktok", ("tiktok.com",)),
        ("x", ("x.com",)),
        ("youtube", ("youtube.com",)),
        ("telegram", ("t.me",)),
        ("whatsapp", ("chat.whatsapp.com", "wa.me")),
    ):
        if host in hosts:
            return platform
    return ""


def links_of(value, text="") -> list[str]:
    items = []
    if isinstance(value, list):
        items = [clean(v) for v in value if isinstance(v, str)]
    elif isinstance(value, str) and value.strip():
        stripped = value.strip()
        if stripped.startswith("["):
            try:
                items = [clean(v) for v in json.loads(stripped) if isinstance(v, str)]
            except (json.JSONDecodeError, TypeError):
                items = stripped.split()
        else:
            items = re.split(r"[\s,]+", stripped)
    items += URL_IN_TEXT.findall(text or "")
    seen, out = set(), []
    for item in items:
        if item and item not in seen and normalize_url(item):
            seen.add(item)
            out.append(item[:2000])
    return out[:50]


def time_of(value, default_tz=None):
    try:
        return parse_time(value, default_tz)
    except BadTime as exc:
        raise RowError(str(exc)) from None


def dig(obj, *path, default=None):
    for key in path:
        if isinstance(obj, dict):
            obj = obj.get(key)
        elif isinstance(obj, list) and isinstance(key, int) and -len(obj) <= key < len(obj):
            obj = obj[key]
        else:
            return default
        if obj is None:
            return default
    return obj


def dict_at(obj: dict, key: str) -> dict:
    """The object under `key`, or an empty one when it is missing or not an object."""
    value = obj.get(key)
    return value if isinstance(value, dict) else {}


def first_of(obj: dict, names, default=None):
    """The first non-empty value among `names` (a column set that differs between tool versions)."""
    for name in names:
        value = obj.get(name)
        if value not in (None, "", [], {}):
            return value
    return default


def find_key(obj, names, depth=12):
    """The first value under one of `names`, searching nested dicts and lists breadth-first (bounded)."""
    level = [obj]
    for _ in range(depth):
        following: list = []
        for node in level:
            if isinstance(node, dict):
                for name in names:
                    if node.get(name) not in (None, "", [], {}):
                        return node[name]
                following.extend(v for v in node.values() if isinstance(v, dict | list))
            elif isinstance(node, list):
                following.extend(v for v in node[:200] if isinstance(v, dict | list))
        level = following[:5000]
        if not level:
            break
    return None


def loads_json(text: str):
    """One JSON value; orjson first (several times faster), Python's parser for what orjson refuses.

    Python's parser also takes NaN, Infinity, lone surrogates and integers over
    64 bits; its error message is the one shown for a broken line.
    """
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def json_lines(source: Source, one_record_a_line: bool = False):
    """(line, object) of a JSON Lines file; with `one_record_a_line` (each line is all of one record)
    the lines already stored are Unchanged, unparsed (Source.known)."""
    lines = source.lines()
    if one_record_a_line and source.known is not None:
        lines = source.known.mark(lines)
    for number, text in lines:
        if isinstance(text, RowProblem | Unchanged):
            yield number, text
            continue
        if not text.strip():
            continue
        try:
            obj = loads_json(text)
        except RecursionError:
            yield number, RowProblem(number, "JSON nested too deeply")
            continue
        except json.JSONDecodeError as exc:
            yield number, RowProblem(number, f"not valid JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict):
            yield number, RowProblem(number, "not a JSON object")
            continue
        yield number, obj


def json_line_values(source: Source):
    """(line, value) for each line of a JSON Lines file, whatever the value (a response, a list of tweets)."""
    for number, text in source.lines():
        if isinstance(text, RowProblem) or not text.strip():
            if isinstance(text, RowProblem):
                yield number, text
            continue
        try:
            yield number, loads_json(text)
        except RecursionError:
            yield number, RowProblem(number, "JSON nested too deeply")
        except json.JSONDecodeError as exc:
            yield number, RowProblem(number, f"not valid JSON ({exc.msg}); the line may be cut")


def first_line_is_json(source: Source) -> bool:
    """Whether the file is JSON Lines: its first line is a whole JSON value."""
    for _, text in source.lines():
        if isinstance(text, str) and not text.strip():
            continue
        source.bytes_read = 0
        if not isinstance(text, str):
            return False
        try:
            json.loads(text)
        except (json.JSONDecodeError, RecursionError):
            return False
        return True
    return False


def json_items(source: Source):
    """(line, object) for each item: the elements of top-level lists, or each top-level object."""
    for number, value in source.json_values():
        if isinstance(value, list):
            for index, item in enumerate(value, start=1):
                yield (
                    (number if len(value) == 1 else index),
                    item if isinstance(item, dict) else RowProblem(index, "not a JSON object"),
                )
        elif isinstance(value, dict | RowProblem):
            yield number, value
        else:
            yield number, RowProblem(number, "not a JSON object")


def rows(source: Source, convert, items):
    """Run `convert(obj)` on each item; a failing one becomes a RowProblem with its line number."""
    digests = source.known.digests if source.known is not None else {}
    for number, obj in items:
        digest = digests.pop(number, None)
        if isinstance(obj, RowProblem | Skipped | Unchanged):
            yield obj
            continue
        try:
            records = convert(obj)
            if digest is not None:  # the line's digest belongs to its record only when it is the line's one record
                records = list(records)
                if len(records) == 1 and isinstance(records[0], Record):
                    records[0].line_digest = digest
            for record in records:
                # A converter may say that part of an item is not a post (Skipped) or unreadable (RowProblem).
                if isinstance(record, Record | RowProblem | Skipped):
                    record.line = record.line or number
                yield record
        except RowError as exc:
            yield RowProblem(number, str(exc))
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            yield RowProblem(number, f"unexpected shape ({type(exc).__name__}: {str(exc)[:80]})")


def csv_dialect(first_line: str):
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    delimiter = max(counts, key=counts.__getitem__)

    class Dialect(csv.excel):
        pass

    Dialect.delimiter = delimiter
    return Dialect


def csv_header(first_line: str) -> list[str]:
    try:
        return [h.strip().lstrip("\ufeff") for h in next(csv.reader(io.StringIO(first_line), csv_dialect(first_line)))]
    except (csv.Error, StopIteration):
        return []


def csv_dicts(source: Source, required=()):
    lines = source.strict_lines()
    first = next(lines, None)
    if first is None:
        raise FileRejected("the file is empty")
    reader = csv.reader(_chain([first], lines), csv_dialect(first))
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    except csv.Error as exc:
        raise FileRejected(f"not a readable CSV header ({exc})") from None
    missing = [name for name in required if name not in header]
    if missing:
        raise FileRejected(f"missing column(s) {', '.join(missing)}; columns found: {', '.join(header)[:200]}")
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield reader.line_num, RowProblem(reader.line_num, f"broken CSV ({exc})")
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield (
                reader.line_num,
                RowProblem(reader.line_num, f"{len(row)} columns where the header has {len(header)}"),
            )
            continue
        yield reader.line_num, dict(zip(header, row, strict=True))


def _chain(*iterables):
    for iterable in iterables:
        yield from iterable
