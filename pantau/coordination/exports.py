"""A stored cluster as CSV, GEXF or GraphML (the same shapes as the file mode's exports)."""

import tempfile
from pathlib import Path

from pantau.intake.models import Post

from . import engine, files

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
