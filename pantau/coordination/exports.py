"""Clusters as exports: one stored cluster as CSV, GEXF or GraphML (the same shapes as the file mode's
exports), and every current cluster as the "clusters" workbook (the `exports` seam, registered in plugin.py).

The workbook goes through clusters_for(user); `user` None (the `pantau export`
command) is the office at the server and sees every cluster. It lists the
clusters of the latest run and the flagged clusters kept from older runs.
"""

import tempfile
from pathlib import Path

from django.db.models import Count, Q

from pantau.dashboards.exports import CHUNK, Sheet
from pantau.intake.models import Post
from pantau.jobs.db import in_chunks
from pantau.lib.clock import format_local, local_column

from . import engine, files
from .access import clusters_for
from .models import Cluster, ClusterEdge, Run

FORMATS = {"csv": "text/csv; charset=utf-8", "gexf": "application/xml", "graphml": "application/xml"}


def export_cluster(cluster, fmt: str) -> tuple[bytes, str]:
    accounts = {a.pk: a for a in cluster.accounts.all()}
    edges = list(cluster.edges.all())
    post_ids = {pid for e in edges for pair in e.evidence for pid in pair}
    platform_ids = dict(Post.objects.filter(pk__in=post_ids).values_list("pk", "platform_post_id"))

    def key(pk):
        account = accounts.get(pk)
        return account.platform_id if account else str(pk)

    result = engine.Result(
        edges=[
            engine.Edge(
                e.kind,
                key(e.account_a_id),
                key(e.account_b_id),
                e.weight,
                [tuple(platform_ids.get(p) or str(p) for p in pair) for pair in e.evidence],
            )
            for e in edges
        ],
        clusters=[[a.platform_id for a in accounts.values()]],
        pairs={},
        stats={},
    )
    names = {a.platform_id: a.name or a.platform_id for a in accounts.values()}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"cluster.{fmt}"
        files.export(result, path, names)
        return path.read_bytes(), FORMATS[fmt]


def current_clusters(rows):
    latest = Run.objects.first()
    keep = Q(flagged_at__isnull=False)
    if latest is not None:
        keep |= Q(run=latest)
    return rows.filter(keep)


def clusters_export(user):
    rows = current_clusters(clusters_for(user) if user is not None else Cluster.objects.all())
    rows = rows.select_related("run").annotate(edge_count=Count("edges", distinct=True)).order_by("-run_id", "number")

    def clusters():
        for c in in_chunks(rows.prefetch_related("accounts"), CHUNK):
            yield [c.pk, c.run_id, c.number, format_local(c.run.created_at), c.size, c.weight, ", ".join(c.kinds),
                   c.edge_count, format_local(c.flagged_at),
                   ", ".join(a.platform_id for a in c.accounts.all())]  # fmt: skip

    def accounts():
        through = Cluster.accounts.through.objects.filter(cluster__in=rows).select_related("cluster", "account")
        for link in in_chunks(through.order_by("cluster_id", "account_id"), CHUNK):
            a = link.account
            yield [link.cluster_id, link.cluster.number, a.platform, a.platform_id, a.name, a.url]

    def edges():
        found = ClusterEdge.objects.filter(cluster__in=rows).select_related("account_a", "account_b")
        for e in in_chunks(found.order_by("cluster_id", "pk"), CHUNK):
            yield [e.cluster_id, e.kind, e.account_a.platform_id, e.account_b.platform_id, e.weight]

    return [
        Sheet(
            "Klaster",
            [
                "id",
                "proses",
                "nomor",
                local_column("dihitung"),
                "jumlah akun",
                "tindakan terkoordinasi",
                "jenis",
                "jumlah hubungan",
                local_column("ditandai"),
                "akun",
            ],
            clusters(),
            rows.count(),
        ),
        Sheet("Akun", ["klaster", "nomor", "platform", "id platform", "nama", "tautan"], accounts()),
        Sheet("Hubungan", ["klaster", "jenis", "akun a", "akun b", "bobot"], edges()),
    ]
