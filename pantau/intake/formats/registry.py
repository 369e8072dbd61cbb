"""The registry of formats: one class a format, found in its own module. Django-free.

A format says how it is told from the content (`detect`, given the file's
`Head`), how it is read (`read`, usually the container's `items` through
`map`) and how one item becomes records (`map`). Adding a format is one new
module in this package with one `@register`ed class (and its test); the
package imports every module in it, so nothing else is edited.

Formats are asked by the shape of the head, in their `order`: "text" formats
(a chat's message headers, an archive's prefix) before anything else, then "html",
"json" or "csv" as the head begins. What no format claims is refused here
with a message that says what the file looked like.
"""

import json
import re
from functools import cached_property
from typing import ClassVar

from pantau.evidence.filecheck import binary_type

from .base import FileRejected, Source, csv_header, rows

SHAPES = ("text", "html", "json", "csv")
ARCHIVES = ("gz", "zip", "bz2", "xz", "7z", "tar", "rar")

_REGISTRY: dict[str, "Format"] = {}


class Head:
    """What detection looks at: the first 64 kB of the file as text, and what they parse to."""

    def __init__(self, source: Source):
        self.source = source
        self.text = source.head_text()
        self.stripped = self.text.lstrip("\ufeff \r\n\t")

    @cached_property
    def shape(self) -> str:
        if self.stripped.startswith(("{", "[")):
            return "json"
        return "html" if self.stripped[:1] == "<" else "csv"

    @cached_property
    def value(self):
        """The first JSON value (or the first element of a top-level list), or None when the head cuts it."""
        value = _first_value(self.text)
        if value is None and len(self.source.head()) < self.source.size:
            value = _first_long_line(self.source)
        return value

    @cached_property
    def in_list(self) -> bool:
        return isinstance(self.value, list)

    @cached_property
    def obj(self) -> dict | None:
        """The first object of the value: the value itself, or the first object in its list."""
        value = self.value
        if isinstance(value, list):
            value = next((v for v in value if isinstance(v, dict)), None)
        return value if isinstance(value, dict) else None

    @cached_property
    def keys(self) -> set:
        return set(self.obj or ())

    @cached_property
    def columns(self) -> set:
        """The CSV header's column names."""
        return set(csv_header(self.stripped.split("\n", 1)[0]))


class Format:
    """One export format: `name`, `shape` and `order`, and `detect` and `read` (or `items` and `map`)."""

    name: ClassVar[str] = ""
    shape: ClassVar[str] = ""
    # Formats of one shape are asked lowest first; a catch-all format has a high one.
    order: ClassVar[int] = 50
    # For JSON whose first value is larger than the head: a regular expression for a key only this format has.
    key_pattern: ClassVar[str] = ""

    def detect(self, head: Head) -> bool:
        raise NotImplementedError

    def read(self, source: Source):
        """Records, RowProblems and Skipped for the file, in order."""
        yield from rows(source, self.map, self.items(source))

    def items(self, source: Source):
        """(line, item) for each item of the file's container."""
        raise NotImplementedError

    def map(self, item) -> list:
        """The records one item of the file becomes."""
        raise NotImplementedError


def register(cls: type[Format]) -> type[Format]:
    if not cls.name or cls.shape not in SHAPES:
        raise TypeError(f"{cls.__name__}: a format needs a name and one of the shapes {SHAPES}")
    if cls.name in _REGISTRY and type(_REGISTRY[cls.name]) is not cls:
        raise TypeError(f"format {cls.name!r} is registered twice ({cls.__module__}, {_REGISTRY[cls.name].__module__})")
    _REGISTRY[cls.name] = cls()
    return cls


def formats() -> list[Format]:
    """Every format, in the order detection asks them."""
    return sorted(_REGISTRY.values(), key=lambda f: (SHAPES.index(f.shape), f.order, f.name))


def get(name: str) -> Format:
    if name not in _REGISTRY:
        raise FileRejected(f"unknown format {name!r}; known: {', '.join(f.name for f in formats())}")
    return _REGISTRY[name]


def detect_format(source: Source) -> str:
    _refuse_what_is_not_text(source)
    head = Head(source)
    for fmt in _of_shape(head, "text"):
        if fmt.detect(head):
            return fmt.name
    if head.shape == "html":
        return _detect_html(head)
    if head.shape == "json":
        return _detect_json(head)
    return _detect_csv(head)


def _of_shape(head, shape):
    return [f for f in formats() if f.shape == shape]


def _refuse_what_is_not_text(source):
    raw = source.head()
    if not raw.strip():
        raise FileRejected("the file is empty")
    binary = binary_type(raw)
    if binary is not None:
        extension, mime = binary
        hint = " (unpack it first)" if extension in ARCHIVES else ""
        raise FileRejected(f"this is a {extension.upper()} file ({mime}), not an export{hint}")
    if b"\x00" in raw and source.encoding != "utf-16":
        raise FileRejected("this is a binary file, not an export")


def _detect_html(head):
    for fmt in _of_shape(head, "html"):
        if fmt.detect(head):
            return fmt.name
    names = ", ".join(f.name for f in _of_shape(head, "html"))
    raise FileRejected(f"an HTML page, not an export (of HTML, only {names} is read)")


def _detect_json(head):
    if head.value is not None:
        for fmt in _of_shape(head, "json"):
            if fmt.detect(head):
                return fmt.name
    for fmt in _of_shape(head, "json"):
        if fmt.key_pattern and re.search(fmt.key_pattern, head.text):
            return fmt.name
    if len(head.source.head()) >= head.source.size:
        raise FileRejected("not valid JSON; the file may be truncated")
    raise FileRejected("JSON that is none of the formats in docs/formats.md")


def _detect_csv(head):
    for fmt in _of_shape(head, "csv"):
        if fmt.detect(head):
            return fmt.name
    header = head.columns
    if len(header) > 1:
        raise FileRejected(f"CSV columns not recognised ({', '.join(sorted(header))[:150]}); see docs/formats.md")
    raise FileRejected("not a recognised export format; see docs/formats.md")


def _first_value(text: str):
    """The first JSON value of the head, or the first element of a top-level list, or None."""
    decoder = json.JSONDecoder()
    stripped = text.lstrip("\ufeff \r\n\t")
    first_line = stripped.split("\n", 1)[0]
    for candidate in (first_line, stripped):
        try:
            return decoder.raw_decode(candidate)[0]
        except (json.JSONDecodeError, RecursionError):
            continue
    if stripped.startswith("["):
        try:
            return [decoder.raw_decode(stripped, len(stripped[1:]) - len(stripped[1:].lstrip()) + 1)[0]]
        except (json.JSONDecodeError, RecursionError):
            return None
    return None


def _first_long_line(source: Source):
    """The first line as JSON when it is longer than the head (an NDJSON item with a large caption or thread)."""
    for _, line in source.lines():
        source.bytes_read = 0
        if isinstance(line, str) and line.strip():
            try:
                return json.loads(line)
            except (json.JSONDecodeError, RecursionError):
                return None
        return None
    return None
