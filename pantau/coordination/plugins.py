"""What coordination adds to other apps' registries: the "clusters" export and a pokja agenda source.

The export goes through clusters_for(user); `user` None (the `pantau export`
command) is the office at the server and sees every cluster. It lists the
clusters of the latest run and the flagged clusters kept from older runs.
"""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from pantau.dashboards.exports import CHUNK, Sheet, export_kind
from pantau.jobs.db import in_chunks
from pantau.lib.clock import format_local, local_column
from pantau.people.roles import ANALYSIS_ROLES
from pantau.pokja.agenda import LISTED, Proposal, agenda_source

from .access import clusters_for
from .models import Cluster, ClusterEdge, Run


def current_clusters(rows):
    latest = Run.objects.first()
    keep = Q(flagged_at__isnull=False)
    if latest is not None:
        keep |= Q(run=latest)
    return rows.filter(keep)


@export_kind("clusters", "Klaster akun terkoordinasi", ANALYSIS_ROLES)
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


@agenda_source("coordination.clusters")
def new_clusters(meeting, since, user=None):
    """The clusters of the latest run, when it was computed since the last held meeting."""
    if user is not None and not clusters_for(user).exists():
        return []
    latest = Run.objects.first()
    if latest is None or (since is not None and latest.created_at < since):
        return []
    rows = list(latest.clusters.order_by("-size", "-weight", "number")[:LISTED])
    if not rows:
        return []
    total = latest.clusters.count()
    lines = [
        f"- #{c.number}: " + ", ".join(a.name or a.platform_id for a in c.accounts.all()[:8]) + f" ({c.size})"
        for c in rows
    ]
    return [
        Proposal(
            _("Coordinated account clusters found since the last meeting (%(count)d)") % {"count": total},
            "\n".join(lines),
            "coordination.clusters",
        )
    ]
