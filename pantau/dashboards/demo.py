"""Demo positive information answering the flagged inventory, and a watch list for the coordinator."""

from datetime import datetime

from pantau.intake.synthetic import DEMO_ZONE
from pantau.inventory.models import Account, Group, WatchStatus
from pantau.people.models import User

from .models import PositiveMessage, WatchList

MESSAGES = [
    (
        "clarification",
        "Klarifikasi: tidak ada perubahan jadwal pemungutan suara",
        "Pemungutan suara Pilkada 2024 tetap pada Rabu, 27 November 2024. Informasi penundaan yang beredar di "
        "grup Facebook tidak benar.",
        "Facebook Bawaslu Barito Timur; grup Facebook warga",
        datetime(2024, 10, 20, 10, 0, tzinfo=DEMO_ZONE),
        4200,
    ),
    (
        "education",
        "Ayo lapor ke Bawaslu, jangan berdebat di media sosial",
        "Dugaan pelanggaran pemilihan dilaporkan langsung kepada Bawaslu Kabupaten Barito Timur, bukan "
        "diperdebatkan di media sosial.",
        "Instagram dan Facebook Bawaslu; radio lokal",
        datetime(2024, 11, 2, 9, 0, tzinfo=DEMO_ZONE),
        6800,
    ),
    (
        "education",
        "Masa tenang: tidak ada kampanye di media sosial",
        "Selama masa tenang 24-26 November 2024 dilarang berkampanye, termasuk di media sosial.",
        "Facebook, WhatsApp",
        datetime(2024, 11, 23, 18, 0, tzinfo=DEMO_ZONE),
        5100,
    ),
]


def load(out, options):
    added = 0
    flagged = list(Account.objects.filter(status=WatchStatus.FLAGGED)[:3])
    for kind, title, body, channel, spread_at, reach in MESSAGES:
        message, created = PositiveMessage.objects.get_or_create(
            title=title,
            defaults={"kind": kind, "body": body, "channel": channel, "spread_at": spread_at, "reach": reach},
        )
        if created:
            message.accounts.set(flagged)
            added += 1
    coordinator = User.objects.filter(username="koordinator").first()
    if coordinator and not WatchList.objects.filter(owner=coordinator).exists():
        watch = WatchList.objects.create(
            name="Akun dan grup ditandai", owner=coordinator, keywords="adu domba\nserangan fajar", email=False
        )
        watch.accounts.set(Account.objects.filter(status=WatchStatus.FLAGGED))
        watch.groups.set(Group.objects.filter(status=WatchStatus.FLAGGED))
    out.write(f"  {added} positive messages added")
