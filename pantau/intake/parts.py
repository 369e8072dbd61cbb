"""A big line-based file (JSON Lines, CSV) cut into byte ranges that end where a record ends. Django-free.

Each range is imported as a file of its own (`write_piece`: the CSV header,
then the range's bytes), so several workers share one big import through the
same `import_file` as any other upload. In CSV a line break inside a quoted
cell is not a record's end: a break counts only after an even number of
quotes since the start of the file (RFC 4180 writes a quote inside a cell
twice, which keeps the count even). JSON Lines cannot hold a raw line break
inside a value, so every line break ends a record. Other formats, ZIP
archives and UTF-16 files (whose line break is two bytes) stay one job.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.core.files import File

# The formats whose reader takes one record per line (CSV: per record, quotes counted).
LINE_FORMATS = {"jsonl": False, "csv": True}
BLOCK = 1024 * 1024


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    # Lines of the file before the piece: a piece's line numbers plus this are the file's.
    lines_before: int


@dataclass(frozen=True)
class Cut:
    header: int  # bytes of the CSV header (0 for JSON Lines), written before every piece
    header_lines: int
    pieces: list[Piece]


def splittable(fmt: str, encoding: str, archived: bool) -> bool:
    return fmt in LINE_FORMATS and not archived and encoding in ("utf-8", "utf-8-sig")


def cut(path: Path, fmt: str, size: int) -> Cut:
    """The file cut into pieces of about `size` bytes (at least one record each), ending at a record's end."""
    quoted = LINE_FORMATS[fmt]
    bounds = _record_ends(path, quoted, size, header=quoted)
    header, header_lines = bounds.pop(0) if quoted and bounds else (0, 0)
    pieces, start, lines_before = [], header, header_lines
    for end, lines in bounds:
        pieces.append(Piece(start, end, lines_before))
        start, lines_before = end, lines
    return Cut(header, header_lines, pieces)


def _record_ends(path: Path, quoted: bool, size: int, header: bool) -> list[tuple[int, int]]:
    """(offset after the record's end, lines before that offset) for the first record's end at or past
    each target; the first target is 0 when the header is its own piece; the file's end closes the last."""
    ends: list[tuple[int, int]] = []
    target = 0 if header else size
    position = quotes = lines = 0
    with open(path, "rb") as handle:
        while block := handle.read(BLOCK):
            found = block.find(b"\n", max(0, target - position))
            while found != -1:
                if not quoted or (quotes + block.count(b'"', 0, found)) % 2 == 0:
                    end = position + found + 1
                    ends.append((end, lines + block.count(b"\n", 0, found + 1)))
                    target = end + size
                    found = block.find(b"\n", max(found + 1, target - position))
                else:
                    found = block.find(b"\n", found + 1)
            quotes += block.count(b'"') if quoted else 0
            lines += block.count(b"\n")
            position += len(block)
    if not ends or ends[-1][0] < position:
        ends.append((position, lines))
    return ends


def write_piece(source: BinaryIO | File, header: int, piece: Piece, target: Path) -> None:
    """The piece as a file of its own: the header's bytes, then the piece's (`source` open for reading,
    so a stored file is read over its range only, not fetched whole)."""
    with open(target, "wb") as out:
        source.seek(0)
        out.write(source.read(header))
        source.seek(piece.start)
        remaining = piece.end - piece.start
        while remaining > 0:
            chunk = source.read(min(BLOCK, remaining))
            if not chunk:
                break
            out.write(chunk)
            remaining -= len(chunk)


def file_lines(problem: str, header_lines: int, lines_before: int) -> str:
    """A piece's "line N: ..." problem with the file's line number."""
    return re.sub(r"^line (\d+)", lambda m: f"line {int(m[1]) - header_lines + lines_before}", problem)
