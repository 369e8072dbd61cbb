"""The one check every uploaded file passes: public reports, captures, case attachments, imports.

A file is judged by its content, never by its name: its type comes from its
magic numbers; an image is opened only after its header says it is within
PANTAU_MAX_IMAGE_PIXELS and must decode; a PDF may carry no JavaScript, no
automatic or launch actions and no embedded files; and no image or PDF may
also be something else (a polyglot: a ZIP or JAR appended to a PNG, HTML after
a JPEG's end, a PDF hidden in an image), because the office forwards evidence
to the police and prosecutors, whose viewers must not run what a citizen hid
in it. Every refusal is a `FileRefused` whose message names the file and the
reason, in the visitor's language.
"""

import codecs
import io
import mmap
import re
import struct
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import filetype
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .imaging import UNREADABLE, ImageTooLarge, max_pixels, open_image

IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif"})
VIDEO_TYPES = frozenset({"video/mp4", "video/webm", "video/quicktime", "video/3gpp", "video/x-matroska"})
PDF_TYPES = frozenset({"application/pdf"})
# A saved web page: only staff capture these, and they are only ever downloaded, never shown inline.
PAGE_TYPES = frozenset({"text/html", "application/x-mimearchive", "message/rfc822"})

IMAGE, VIDEO, PDF, PAGE, EXPORT = "image", "video", "pdf", "page", "export"
KIND_NAMES = {
    IMAGE: gettext_lazy("images"),
    VIDEO: gettext_lazy("videos"),
    PDF: gettext_lazy("PDF documents"),
    PAGE: gettext_lazy("saved web pages"),
    EXPORT: gettext_lazy("exports (CSV, JSON, chat text)"),
}
# What a file claims by its name; a claim its content contradicts gets a message saying so.
CLAIMED_BY_SUFFIX = {
    **dict.fromkeys((".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".heic"), IMAGE),
    **dict.fromkeys((".mp4", ".mov", ".webm", ".3gp", ".mkv", ".avi"), VIDEO),
    ".pdf": PDF,
}

# Bytes an encoder may leave after an image's end marker (padding, a newline).
TRAILING_SLACK = 32
EDGE = 1024
# A ZIP reader looks for the end-of-central-directory record this far from the end.
ZIP_TAIL = 65_557
ZIP_LOCAL_HEADER = re.compile(rb"PK\x03\x04[\x00-\x3f]\x00")
MARKUP = re.compile(rb"<html|<script|<\?php|<!doctype html", re.IGNORECASE)
# PDF objects walked at most; a file with more is refused rather than left half-checked.
MAX_PDF_OBJECTS = 200_000


def _name_pattern(names) -> re.Pattern:
    """PDF names as written raw, with any letter possibly hex-escaped (/J#61vaScript is /JavaScript)."""

    def letter(ch):
        code = f"{ord(ch):02x}"
        return f"(?:{re.escape(ch)}|#(?i:{code}))"

    alternatives = "|".join("".join(letter(ch) for ch in name) + suffix for name, suffix in names)
    return re.compile(rf"/(?:{alternatives})".encode())


# /JS and /AA must end there; /EmbeddedFile and /RichMedia also start longer names (/EmbeddedFiles).
RISKY_PDF_NAMES = _name_pattern(
    [
        ("JavaScript", "(?![A-Za-z0-9#])"),
        ("JS", "(?![A-Za-z0-9#])"),
        ("Launch", "(?![A-Za-z0-9#])"),
        ("EmbeddedFile", ""),
        ("RichMedia", ""),
    ]  # fmt: skip
)
RISKY_PDF_KEYS = {"/JS", "/JavaScript", "/AA", "/EmbeddedFiles", "/EmbeddedFile", "/EF", "/RichMedia", "/XFA"}
RISKY_PDF_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/RichMediaExecute", "/GoToE", "/SubmitForm"}


class FileRefused(ValueError):
    """An upload that may not be kept; str() is the message for the person who sent it."""


@dataclass(frozen=True)
class Checked:
    mime: str
    kind: str


def sniff_mime(head: bytes) -> str:
    """The file's type from its first bytes, never from its name."""
    kind = filetype.guess(head)
    if kind:
        return kind.mime
    if head.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        return "text/html"
    if head.startswith(b"From:") or b"MIME-Version:" in head[:2000]:
        return "message/rfc822"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)  # a cut last character is fine
    except UnicodeDecodeError:
        return "application/octet-stream"
    return "text/plain"


def binary_type(head: bytes) -> tuple[str, str] | None:
    """(extension, MIME type) of a known binary format (image, archive, document ...), None for text."""
    kind = filetype.guess(head)
    return (kind.extension, kind.mime) if kind else None


def kind_of(mime: str, head: bytes) -> str | None:
    for kind, types in ((IMAGE, IMAGE_TYPES), (VIDEO, VIDEO_TYPES), (PDF, PDF_TYPES), (PAGE, PAGE_TYPES)):
        if mime in types:
            return kind
    if filetype.guess(head) is None and b"\x00" not in head:
        return EXPORT
    return None


def check_file(fileobj, *, name: str, accept: AbstractSet[str], max_bytes: int) -> Checked:
    """The file's type and kind when it may be kept; FileRefused with the reason otherwise."""
    name = name or "?"
    size = _size(fileobj)
    if size == 0:
        raise FileRefused(_("%(name)s is empty.") % {"name": name})
    if size > max_bytes:
        raise FileRefused(
            _("%(name)s is too large: %(size)s MB, at most %(limit)s MB.")
            % {"name": name, "size": _megabytes(size), "limit": _megabytes(max_bytes)}
        )
    fileobj.seek(0)
    head = fileobj.read(8192)
    fileobj.seek(0)
    mime = sniff_mime(head)
    kind = kind_of(mime, head)
    if kind is None or kind not in accept:
        raise FileRefused(_refusal_of_kind(name, kind, accept))
    if kind in (IMAGE, PDF, VIDEO):
        with _contents(fileobj) as data:
            _check_not_polyglot(data, kind, name)
            if kind == IMAGE:
                _check_image_end(data, mime, name)
    if kind == IMAGE:
        _check_image(fileobj, name)
    elif kind == PDF:
        _check_pdf(fileobj, name)
    fileobj.seek(0)
    return Checked(mime=mime, kind=kind)


def _size(fileobj) -> int:
    size = getattr(fileobj, "size", None)
    if size is None:
        size = fileobj.seek(0, io.SEEK_END)
    return size


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0")


def _refusal_of_kind(name, kind, accept) -> str:
    allowed = ", ".join(str(KIND_NAMES[k]) for k in sorted(accept))
    claimed = next((k for suffix, k in CLAIMED_BY_SUFFIX.items() if name.lower().endswith(suffix)), None)
    if claimed and claimed != kind:
        message = _(
            "%(name)s is named like one of the %(claimed)s but its content is not; only %(allowed)s can be sent here."
        )
        return message % {"name": name, "claimed": KIND_NAMES[claimed], "allowed": allowed}
    message = _("%(name)s is not one of the %(allowed)s by its content; only those can be sent here.")
    return message % {"name": name, "allowed": allowed}


class _contents:
    """The whole file as a buffer to search: mapped from disk for a large upload, never copied twice."""

    def __init__(self, fileobj):
        self.fileobj = fileobj
        self.mapped = None

    def __enter__(self):
        try:
            self.mapped = mmap.mmap(self.fileobj.fileno(), 0, access=mmap.ACCESS_READ)
            return self.mapped
        except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
            self.fileobj.seek(0)
            return self.fileobj.read()

    def __exit__(self, *exc):
        if self.mapped is not None:
            self.mapped.close()
        self.fileobj.seek(0)


def _check_not_polyglot(data, kind, name) -> None:
    size = len(data)
    if data.find(b"PK\x05\x06", max(0, size - ZIP_TAIL)) >= 0 or (kind != VIDEO and ZIP_LOCAL_HEADER.search(data)):
        raise FileRefused(_("%(name)s hides a ZIP archive (or a program) inside it.") % {"name": name})
    if kind == IMAGE and data.find(b"%PDF-", 1) >= 0:
        raise FileRefused(_("%(name)s hides a PDF document inside the image.") % {"name": name})
    # Inside an image markup has no business anywhere; in a PDF or video only the edges are read by browsers.
    regions = [data] if kind == IMAGE else [data[:EDGE], data[max(0, size - EDGE) :]]
    if any(MARKUP.search(region) for region in regions):
        raise FileRefused(_("%(name)s contains web page or script code.") % {"name": name})


def _check_image_end(data, mime, name) -> None:
    end = {"image/png": _png_end, "image/jpeg": _jpeg_end, "image/gif": _gif_end, "image/webp": _webp_end}[mime](data)
    if end is None:
        raise FileRefused(_("%(name)s is not a readable image.") % {"name": name})
    if len(data) - end > TRAILING_SLACK:
        raise FileRefused(
            _("%(name)s carries %(extra)s bytes of other data after the end of the image; save the picture "
              "again (or take a new screenshot) and send that copy.") % {"name": name, "extra": len(data) - end}
        )  # fmt: skip


def _png_end(data) -> int | None:
    pos = 8
    while pos + 12 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        chunk_type = data[pos + 4 : pos + 8]
        pos += 12 + length
        if chunk_type == b"IEND":
            return pos if pos <= len(data) else None
    return None


def _jpeg_end(data) -> int | None:
    """Where the EOI marker ends, walking the segments (an EXIF thumbnail's own EOI is skipped with its segment)."""
    pos, size = 2, len(data)
    while pos + 2 <= size:
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xD9:
            return pos + 2
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            pos += 2
            continue
        if pos + 4 > size:
            return None
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        pos += 2 + length
        if marker == 0xDA:  # entropy-coded data runs to the next marker that is not stuffing or a restart
            while True:
                pos = data.find(b"\xff", pos)
                if pos < 0 or pos + 1 >= size:
                    return None
                following = data[pos + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    pos += 1 if following == 0xFF else 2
                    continue
                break
    return None


def _gif_end(data) -> int | None:
    size = len(data)
    if size < 13:
        return None
    pos = 13
    if data[10] & 0x80:
        pos += 3 * (2 ** ((data[10] & 0x07) + 1))
    while pos < size:
        block = data[pos]
        if block == 0x3B:
            return pos + 1
        if block == 0x21:
            pos += 2
        elif block == 0x2C:
            if pos + 10 > size:
                return None
            flags = data[pos + 9]
            pos += 10 + (3 * (2 ** ((flags & 0x07) + 1)) if flags & 0x80 else 0) + 1  # + LZW minimum code size
        else:
            return None
        while pos < size and data[pos]:  # data sub-blocks up to the zero-length terminator
            pos += data[pos] + 1
        pos += 1
    return None


def _webp_end(data) -> int | None:
    if len(data) < 12:
        return None
    (riff_size,) = struct.unpack("<I", data[4:8])
    return 8 + riff_size + (riff_size & 1)


def _check_image(fileobj, name) -> None:
    limit = _megapixels(max_pixels())
    try:
        with open_image(fileobj, reduce_to=1024) as image:
            image.load()
    except ImageTooLarge as exc:
        if exc.pixels:
            message = _("%(name)s has %(pixels)s megapixels; images of more than %(limit)s megapixels are refused.")
        else:
            message = _("%(name)s has far more pixels than the %(limit)s megapixels an image may have.")
        raise FileRefused(message % {"name": name, "pixels": _megapixels(exc.pixels or 0), "limit": limit}) from exc
    except UNREADABLE as exc:
        raise FileRefused(_("%(name)s is not a readable image.") % {"name": name}) from exc
    finally:
        fileobj.seek(0)


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:.1f}".removesuffix(".0")


def _check_pdf(fileobj, name) -> None:
    with _contents(fileobj) as data:
        risky = RISKY_PDF_NAMES.search(data) is not None
    if not risky:
        risky = _pdf_has_active_content(fileobj, name)
    if risky:
        raise FileRefused(
            _("%(name)s is a PDF with JavaScript, automatic actions or embedded files, which are not accepted; "
              "print it to a new PDF and send that.") % {"name": name}
        )  # fmt: skip


def _pdf_has_active_content(fileobj, name) -> bool:
    """Parses the PDF (names inside compressed object streams escape a raw scan) and walks every object."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError
    from pypdf.generic import IndirectObject

    unreadable = FileRefused(_("%(name)s is not a readable PDF.") % {"name": name})
    fileobj.seek(0)
    try:
        reader = PdfReader(fileobj, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileRefused(_("%(name)s is a PDF locked with a password.") % {"name": name})
        numbers = {(n, g) for g, entries in reader.xref.items() for n in entries} | {(n, 0) for n in reader.xref_objStm}
        if len(numbers) > MAX_PDF_OBJECTS:
            raise FileRefused(_("%(name)s has too many parts to be checked.") % {"name": name})
        if _risky_pdf_object(reader.trailer.get("/Root")):
            return True
        return any(_risky_pdf_object(IndirectObject(n, g, reader).get_object()) for n, g in sorted(numbers))
    except FileRefused:
        raise
    except (PyPdfError, *UNREADABLE, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise unreadable from exc
    finally:
        fileobj.seek(0)


def _risky_pdf_object(obj) -> bool:
    from pypdf.generic import ArrayObject, DictionaryObject

    obj = obj.get_object() if obj is not None else None
    if not isinstance(obj, DictionaryObject):
        return False
    if RISKY_PDF_KEYS & set(obj.keys()):
        return True
    if obj.get("/S") in RISKY_PDF_ACTIONS or obj.get("/Type") in {"/EmbeddedFile", "/RichMedia"}:
        return True
    if obj.get("/Subtype") in {"/FileAttachment", "/RichMedia", "/Movie", "/Sound", "/Screen"}:
        return True
    action = obj.get("/OpenAction")
    if action is not None:
        action = action.get_object()
        # A destination array only opens a page; an action dictionary may do anything but go to one.
        if not isinstance(action, ArrayObject) and not (
            isinstance(action, DictionaryObject) and action.get("/S") == "/GoTo"
        ):
            return True
    return False
