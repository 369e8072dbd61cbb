"""The account and group inventory as an export (the `exports` seam, registered in plugin.py)."""

from operator import itemgetter

from django.db.models import Count

from pantau.dashboards.exports import CHUNK, Sheet
from pantau.jobs.db import in_chunks
from pantau.lib.clock import format_local

from .models import Account, Group


def inventory_export(user):
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
            for row in in_chunks(model.objects.order_by("pk").values_list(*fields), CHUNK, key=itemgetter(0)):
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
