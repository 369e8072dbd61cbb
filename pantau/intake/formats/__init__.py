"""Reading the exports monitors have, into one record shape. Django-free.

`base.py` holds the record, the bounded reader and the helpers formats share;
`registry.py` the `Format` class, the registry and detection from the content.
Every other module here is one source: its format class (detect, read, map)
registered with `@register`. The package imports them all, so a new format is
one new module. The field mapping of each format is documented in docs/formats.md.
"""

import importlib
import pkgutil

from .base import FileRejected, KnownLines, Record, RowError, RowProblem, Skipped, Source, Unchanged
from .registry import Format, detect_format, formats, get, register

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")

FORMATS = tuple(f.name for f in formats())


def read_records(source: Source, fmt: str | None = None):
    """(format, iterator of Record | RowProblem | Skipped)."""
    fmt = fmt or detect_format(source)
    return fmt, get(fmt).read(source)


__all__ = [
    "FORMATS",
    "FileRejected",
    "Format",
    "KnownLines",
    "Record",
    "RowError",
    "RowProblem",
    "Skipped",
    "Source",
    "Unchanged",
    "detect_format",
    "formats",
    "read_records",
    "register",
]
