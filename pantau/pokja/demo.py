"""The seed story: the 31 October 2024 online pokja meeting and its follow-up on 1 November."""

from datetime import date, datetime

from django.db import transaction
from django.utils import translation

from pantau.intake.synthetic import DEMO_ZONE
from pantau.people.models import Agency, User

from .agenda import add_proposals
from .models import ActionItem, Decision, Invitation, Meeting
from .services import hold_meeting

TITLE = "Rapat Pokja Pengawasan Konten Media Sosial Pilkada 2024"
FOLLOW_UP_TITLE = "Rapat Lanjutan Pokja bersama Admin Grup Facebook"
ATTENDEES = [
    # agency code, name, position
    ("bawaslu", "Ahmad Koordinator", "Koordinator Divisi Penanganan Pelanggaran"),
    ("diskominfo", "Budi Diskominfo", "Kepala Bidang Informasi dan Komunikasi Publik"),
    ("kesbangpol", "Sri Wahyuni", "Kepala Bidang Politik Dalam Negeri"),
    ("kejaksaan", "Rudi Hartono", "Kepala Seksi Intelijen"),
    ("polres", "Dedi Polres", "Kasat Intelkam"),
]
DECISIONS = [
    (
        "decision",
        "Akun media sosial yang terindikasi provokasi dan menyebarkan informasi negatif diinventarisasi "
        "dan dipantau bersama oleh anggota pokja.",
    ),
    ("recommendation", "Memperkuat pengawasan media sosial dan penyebaran informasi positif tentang Pilkada 2024."),
    (
        "recommendation",
        "Masyarakat diimbau melaporkan dugaan pelanggaran langsung kepada Bawaslu, tidak berdebat di media sosial.",
    ),
]
FLAG_ACCOUNTS = 8
FLAG_GROUPS = 4


def _flag_demo_inventory():
    from pantau.inventory.models import Account, Group, WatchStatus

    flagged = 0
    for model, count in ((Account, FLAG_ACCOUNTS), (Group, FLAG_GROUPS)):
        if model.objects.filter(status=WatchStatus.FLAGGED).exists():
            continue
        rows = list(model.objects.order_by("pk")[:count])
        for row in rows:
            row.status = WatchStatus.FLAGGED
            row.notes = row.notes or "Diduga menyebarkan konten provokatif (adu domba) selama masa kampanye."
            row.save(update_fields=["status", "notes", "updated_at"])
            flagged += 1
    return flagged


def _person(name):
    first, _, last = name.partition(" ")
    return User.objects.filter(first_name=first, last_name=last).first()


def load(out, options):
    with translation.override("id"):
        _load(out)


@transaction.atomic
def _load(out):
    flagged = _flag_demo_inventory()
    if Meeting.objects.filter(title=TITLE).exists():
        out.write(f"  pokja meeting already there; {flagged} inventory rows flagged")
        return
    chair = _person("Ahmad Koordinator")
    meeting = Meeting.objects.create(
        title=TITLE,
        number="001/PM.00.02/K.KH-06/10/2024",
        starts_at=datetime(2024, 10, 31, 9, 0, tzinfo=DEMO_ZONE),
        mode=Meeting.Mode.ONLINE,
        link="https://zoom.us/j/0000000000",
        chair=chair,
        created_by=chair,
    )
    for code, name, position in ATTENDEES:
        Invitation.objects.create(
            meeting=meeting,
            agency=Agency.objects.get(code=code),
            person=_person(name),
            name=name,
            position=position,
        )
    add_proposals(meeting)
    hold_meeting(
        meeting,
        "Rapat Pokja dibuka oleh Koordinator Divisi Penanganan Pelanggaran Bawaslu Kabupaten Barito Timur. "
        "Peserta menginventarisasi akun media sosial yang diduga menyebarkan provokasi dan informasi negatif "
        "menjelang Pilkada 2024, membahas rencana penguatan pengawasan media sosial dan penyebaran informasi "
        "positif, serta menyepakati rekomendasi dan tindak lanjut.",
        attended_ids=list(meeting.invitations.values_list("pk", flat=True)),
    )
    for kind, text in DECISIONS:
        Decision.objects.create(meeting=meeting, kind=kind, text=text)
    ActionItem.objects.create(
        meeting=meeting,
        title="Menginventarisasi admin grup Facebook yang memuat postingan provokatif dan mengundang mereka "
        "ke rapat lanjutan pada 1 November 2024",
        owner_agency=Agency.objects.get(code="bawaslu"),
        owner_person=chair,
        due_date=date(2024, 11, 1),
        status=ActionItem.Status.DONE,
    )
    ActionItem.objects.create(
        meeting=meeting,
        title="Menelusuri identitas pengelola akun yang ditandai",
        owner_agency=Agency.objects.get(code="diskominfo"),
        owner_person=_person("Budi Diskominfo"),
        due_date=date(2024, 11, 8),
        status=ActionItem.Status.IN_PROGRESS,
    )
    follow_up = Meeting.objects.create(
        title=FOLLOW_UP_TITLE,
        number="002/PM.00.02/K.KH-06/10/2024",
        starts_at=datetime(2024, 11, 1, 9, 0, tzinfo=DEMO_ZONE),
        mode=Meeting.Mode.IN_PERSON,
        place="Kantor Bawaslu Kabupaten Barito Timur, Tamiang Layang",
        previous=meeting,
        chair=chair,
        created_by=chair,
    )
    for invitation in meeting.invitations.all():
        invitation.pk, invitation.meeting, invitation.attended = None, follow_up, None
        invitation.save()
    add_proposals(follow_up)
    out.write(
        f"  pokja meeting of 31 Oct 2024 held, follow-up planned for 1 Nov 2024; {flagged} inventory rows flagged"
    )
