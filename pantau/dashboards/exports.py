"""Exports as XLSX workbooks (several sheets, openpyxl write-only) or CSV (the main sheet), streamed.

An export is registered with `@export_kind(key, title, roles)` as
`fn(user) -> list[Sheet]` (with `filtered=True`, `fn(user, filters)`: the
posts export takes the posts list's filters, so it holds what the list
shows); a sheet's rows are an iterator, read from the database in chunks,
so there is no row cap and memory stays flat. Clusters, cases and reports
register theirs from their own apps. `POST_COLUMNS` lets the detection app
add columns (labels) to the posts export.
"""

import csv
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Count

from pantau.audit.log import record
from pantau.jobs.db import in_chunks
from pantau.lib.clock import format_local, local_column
from pantau.people.roles import ANALYSIS_ROLES, has_role

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


EXPORTS: dict[str, ExportKind] = {}
EXPECTED = {"clusters": "pantau.coordination", "cases": "pantau.cases", "reports": "pantau.reports"}
# (header, fn(post_ids) -> {post_id: value}) pairs that other apps add to the posts export.
POST_COLUMNS: list[tuple[str, Callable]] = []


def export_kind(key: str, title, roles, filtered: bool = False):
    def register(fn):
        EXPORTS[key] = ExportKind(key, title, frozenset(roles), fn, filtered)
        return fn

    return register


def get_export(key: str, user=None) -> ExportKind:
    if key not in EXPORTS:
        if key in EXPECTED:
            raise ExportError(f"the {key!r} export comes from {EXPECTED[key]}, which does not provide it yet")
        raise ExportError(f"unknown export {key!r} (known: {', '.join(sorted(EXPORTS))})")
    kind = EXPORTS[key]
    if user is not None and not has_role(user, kind.roles):
        raise ExportError("not allowed")
    return kind


def local_day(field):
    from .panels import local_day as day

    return day(field)


def _first(row):
    return row[0]


def _cells(row):
    return [_cell(_xlsx_safe(value)) for value in row]


@export_kind("inventory", "Inventaris akun dan grup", ANALYSIS_ROLES)
def inventory_export(user):
    from pantau.inventory.models import Account, Group

    fields = [
        "pk",
        "platform",
        "platform_id",
        "name",
        "url",
        "status",
        "risk_score",
        "notes",
        "first_seen",
        "last_seen",
    ]

    def rows():
        for kind, model in (("akun", Account), ("grup", Group)):
            for row in in_chunks(model.objects.order_by("pk").values_list(*fields), CHUNK, key=_first):
                pk, platform, pid, name, url, status, risk, notes, first, last = row
                yield [kind, pk, platform, pid, name, url, status, round(risk, 3), notes,
                       format_local(first), format_local(last)]  # fmt: skip

    def summary():
        for kind, model in (("akun", Account), ("grup", Group)):
            for row in model.objects.values("platform", "status").annotate(n=Count("pk")).order_by("platform"):
                yield [kind, row["platform"], row["status"], row["n"]]

    total = Account.objects.count() + Group.objects.count()
    return [
        Sheet(
            "Inventaris",
            [
                "jenis",
                "id",
                "platform",
                "id platform",
                "nama",
                "tautan",
                "status",
                "skor risiko",
                "catatan",
                "pertama terlihat",
                "terakhir terlihat",
            ],
            rows(),
            total,
        ),  # fmt: skip
        Sheet("Ringkasan", ["jenis", "platform", "status", "jumlah"], summary()),
    ]


@export_kind("posts", "Postingan", ANALYSIS_ROLES, filtered=True)
def posts_export(user, filters=None):
    """The posts `filter_posts` lists for these filters (all posts without any), by the order they were added."""
    from pantau.intake.listing import filter_posts
    from pantau.intake.models import Post

    everything = Post.objects.all() if user is None else None  # the operator's `pantau export`
    posts = filter_posts(user, filters or {}, everything)[0].order_by()
    fields = ["pk", "platform", "url", "author__name", "group__name", "text", "posted_at", "kecamatan__name", "source"]
    extra = list(POST_COLUMNS)

    def rows():
        batch = []
        for row in in_chunks(posts.order_by("pk").values_list(*fields), CHUNK, key=_first):
            batch.append(row)
            if len(batch) >= CHUNK:
                yield from _with_extra(batch, extra)
                batch = []
        yield from _with_extra(batch, extra)

    def per_day():
        days = posts.annotate(day=local_day("posted_at")).values("day").annotate(n=Count("pk")).order_by("day")
        for row in days:
            yield [str(row["day"] or ""), row["n"]]

    return [
        Sheet(
            "Postingan",
            ["id", "platform", "tautan", "penulis", "grup", "teks", local_column("waktu"), "kecamatan", "sumber"]
            + [header for header, _fn in extra],
            rows(),
            posts.count(),
        ),
        Sheet("Per hari", ["tanggal", "jumlah"], per_day()),
    ]


def _with_extra(batch, extra):
    values = [fn([row[0] for row in batch]) for _header, fn in extra]
    for row in batch:
        pk, platform, url, author, group, text, posted, kecamatan, source = row
        base = [pk, platform, url, author or "", group or "", text, format_local(posted), kecamatan or "", source]
        yield base + [column.get(pk, "") for column in values]


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
