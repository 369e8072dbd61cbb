"""The posts as an export (the `exports` seam, registered in plugin.py).

Other apps add columns through the `post_export_columns` seam (detection: labels, severity).
"""

from operator import itemgetter

from django.db.models import Count

from pantau.core.seams import seams
from pantau.dashboards.exports import CHUNK, Sheet
from pantau.jobs.db import in_chunks
from pantau.lib.clock import format_local, local_column

from .listing import filter_posts
from .models import Post


def posts_export(user, filters=None):
    """The posts `filter_posts` lists for these filters (all posts without any), by the order they were added."""
    from pantau.dashboards.panels import local_day

    everything = Post.objects.all() if user is None else None  # the operator's `pantau export`
    posts = filter_posts(user, filters or {}, everything)[0].order_by()
    fields = ["pk", "platform", "url", "author__name", "group__name", "text", "posted_at", "kecamatan__name", "source"]
    extra = [(c.header, c.value) for c in seams.post_export_columns]

    def rows():
        batch = []
        for row in in_chunks(posts.order_by("pk").values_list(*fields), CHUNK, key=itemgetter(0)):
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
