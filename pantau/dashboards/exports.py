"""Exports as XLSX workbooks (several sheets, openpyxl write-only) or CSV (the main sheet), streamed.

The export kinds come from the apps, through the `exports` seam
(pantau.core.seams): `fn(user) -> list[Sheet]` (with `filtered=True`,
`fn(user, filters)`: the posts export takes the posts list's filters, so it
holds what the list shows); a sheet's rows are an iterator, read from the
database in chunks, so there is no row cap and memory stays flat.
"""

import csv
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pantau.audit.log import record
from pantau.core.seams import seams
from pantau.people.roles import has_role

CHUNK = 2000


class ExportError(Exception):
    pass


@dataclass
class Sheet:
    name: str
    headers: list[str]
    rows: Iterable
    total: int | None = None


@dataclass
class ExportKind:
    key: str
    title: str
    roles: frozenset
    build: Callable
    filtered: bool = False


def export_kinds() -> dict[str, ExportKind]:
    """Every export the apps contribute, by key."""
    return {c.key: ExportKind(c.key, c.title, frozenset(c.roles), c.value, c.filtered) for c in seams.exports}


def get_export(key: str, user=None) -> ExportKind:
    kinds = export_kinds()
    if key not in kinds:
        raise ExportError(f"unknown export {key!r} (known: {', '.join(sorted(kinds))})")
    kind = kinds[key]
    if user is not None and not has_role(user, kind.roles):
        raise ExportError("not allowed")
    return kind


def _cell(value):
    # A spreadsheet would run text starting with = + - @ as a formula.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def write_xlsx(sheets: list[Sheet], path, progress=None) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    count = 0
    bold = Font(bold=True)
    for sheet in sheets:
        ws = book.create_sheet(sheet.name[:31])
        header = []
        for text in sheet.headers:
            cell = WriteOnlyCell(ws, value=text)
            cell.font = bold
            header.append(cell)
        ws.append(header)
        for row in sheet.rows:
            ws.append([_cell(_xlsx_safe(value)) for value in row])
            count += 1
            if progress and count % 1000 == 0:
                progress(count, None, sheet.name)
    book.save(path)
    return count


# Control characters are not allowed in XLSX cells.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xlsx_safe(value):
    if isinstance(value, str) and CONTROL.search(value):
        return CONTROL.sub("", value)
    return value


def write_csv(sheets: list[Sheet], path, progress=None) -> int:
    sheet = sheets[0]
    count = 0
    with open(path, "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(sheet.headers)
        for row in sheet.rows:
            writer.writerow([_cell(value) for value in row])
            count += 1
            if progress and count % 1000 == 0:
                progress(count, None, sheet.name)
    return count


WRITERS = {"xlsx": write_xlsx, "csv": write_csv}


def run_export(key: str, fmt: str, path, user=None, progress=None, filters=None) -> int:
    if fmt not in WRITERS:
        raise ExportError(f"unknown format {fmt!r} (xlsx or csv)")
    kind = get_export(key, user)
    if filters and not kind.filtered:
        raise ExportError(f"the {key!r} export takes no filters")
    sheets = kind.build(user, filters) if kind.filtered else kind.build(user)
    if progress and sheets[0].total is not None:
        progress(0, sheets[0].total, sheets[0].name)
    rows = WRITERS[fmt](sheets, path, progress)
    details = {"filters": filters} if filters else {}
    record(user, "export.written", kind=key, format=fmt, rows=rows, **details)
    return rows
