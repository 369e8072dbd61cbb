"""The seed's follow-up: the admins of the flagged Facebook groups, invited to the 1 November 2024 meeting.

Their letters are numbered from the register, the meeting is held with their
attendance (one came, one sent a representative, one did not come), and what
each admin committed to is followed up: one kept with evidence, one not, one
still open. Phone numbers are made up (0812-0000-xxxx).
"""

from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation

from pantau.intake.synthetic import DEMO_ZONE
from pantau.inventory.models import GroupRole, WatchStatus
from pantau.pokja.demo import FOLLOW_UP_TITLE
from pantau.pokja.models import Decision, Meeting
from pantau.pokja.services import hold_meeting

from . import services
from .models import OutsideInvitation, Person, Tie

PUBLIC_AGENDA = (
    "Pembukaan dan penjelasan tahapan kampanye Pemilihan Tahun 2024\n"
    "Diskusi bersama admin grup Facebook: menjaga grup tetap damai dan bebas provokasi\n"
    "Kesepakatan bersama dan penutup"
)
# (text, due date, closed as kept/not kept/None, note, evidence link)
Commitments = list[tuple[str, date, bool | None, str, str]]
OUTCOMES: list[tuple[str, str, Commitments]] = [
    # status, represented by, commitments: (text, due date, closed as kept/not kept/None, note, evidence link)
    (
        OutsideInvitation.Status.ATTENDED,
        "",
        [
            ("Memoderasi grup: menyetujui postingan anggota sebelum tayang sampai hari pemungutan suara",
             date(2024, 11, 4), True, "Pengaturan persetujuan postingan aktif, diperiksa oleh analis.",
             "https://www.facebook.com/groups/demo/permalink/1001"),
            ("Menghapus dua postingan adu domba yang dibahas dalam rapat", date(2024, 11, 3), True,
             "Kedua postingan sudah tidak dapat diakses.", "https://www.facebook.com/groups/demo/permalink/1002"),
        ],
    ),
    (
        OutsideInvitation.Status.REPRESENTED,
        "Rahmat, moderator grup",
        [
            ("Membagikan klarifikasi Bawaslu tentang hoaks di grup", date(2024, 11, 5), False,
             "Klarifikasi belum dibagikan sampai tenggat; admin dihubungi ulang.", ""),
        ],
    ),
    (OutsideInvitation.Status.ABSENT, "", [("Mengonfirmasi kehadiran pada rapat berikutnya", date(2024, 11, 15),
                                             None, "", "")]),
]  # fmt: skip


def load(out, options):
    with translation.override("id"):
        out.write(_load())


@transaction.atomic
def _load() -> str:
    if Person.objects.exists():
        return "  outside people already there, none added"
    meeting = Meeting.objects.filter(title=FOLLOW_UP_TITLE).first()
    if meeting is None:
        return "  no follow-up meeting (pokja demo missing), no outside people added"
    analyst = get_user_model().objects.filter(role="analyst").order_by("pk").first()
    roles = list(
        GroupRole.objects.filter(role=GroupRole.Role.ADMIN, group__status=WatchStatus.FLAGGED)
        .select_related("group", "account")
        .order_by("group__pk")
    )
    if not roles:
        return "  no flagged group with a known admin (no demo posts?), no outside people added"
    invitations = []
    for n, role in enumerate(roles, 1):
        person = services.person_from_group_role(role, analyst)
        services.update_person(
            person, analyst, phone=f"0812-0000-{n:04d}", address="Tamiang Layang, Kabupaten Barito Timur",
            notes="Kontak dari halaman grup; bersedia dihubungi lewat WhatsApp.",
        )  # fmt: skip
        invitations.append(services.invite(meeting, person, analyst, group=role.group))
    if roles:  # A moderator known only by a handle: the account is not imported yet.
        moderator = services.create_person(analyst, name="Rahmat", kind=Person.Kind.MODERATOR, phone="0812-0000-0999")
        account = services.account_for(roles[0].group.platform, "rahmat.bartim", "Rahmat")
        services.add_tie(moderator, analyst, Tie.Role.ACCOUNT, account=account, source="Disebut admin grup")
        services.add_tie(moderator, analyst, Tie.Role.MODERATOR, group=roles[1 % len(roles)].group, account=account,
                         source="Disebut admin grup dalam rapat 1 November 2024")  # fmt: skip
    meeting.public_agenda = PUBLIC_AGENDA
    meeting.save(update_fields=["public_agenda"])
    from pantau.documents.numbering import issue_number
    from pantau.documents.services import generate

    for numbered in Meeting.objects.exclude(number="").order_by("starts_at"):
        # The pokja demo typed its meetings' letter numbers (001, 002); the register holds them so none is reused.
        issued = issue_number(
            f"meeting:{numbered.pk}", "minutes", subject=numbered.title, day=numbered.starts_at.date()
        )
        Meeting.objects.filter(pk=numbered.pk).update(number=issued.number)
    generate("invitation", "pdf", {"meeting": meeting.pk})  # issues each letter's number in the register
    _hold(meeting, invitations, analyst)
    return (
        f"  {len(roles)} group admins invited to the 1 Nov 2024 meeting, letters numbered, attendance and commitments"
    )


def _hold(meeting, invitations, analyst):
    came = [inv.person.name for inv, outcome in zip(invitations, OUTCOMES, strict=False) if outcome[0] != "absent"]
    hold_meeting(
        meeting,
        "Rapat lanjutan bersama admin grup Facebook yang memuat postingan provokatif dan adu domba. "
        f"Hadir: {', '.join(came) or '-'}. Bawaslu menjelaskan larangan kampanye dalam UU 10/2016 Pasal 69 "
        "dan meminta admin menjaga grup tetap damai. Admin yang hadir menyepakati komitmen di bawah ini.",
        attended_ids=list(meeting.invitations.values_list("pk", flat=True)),
    )
    Meeting.objects.filter(pk=meeting.pk).update(held_at=meeting.starts_at)
    Decision.objects.create(
        meeting=meeting,
        text="Admin grup Facebook yang hadir bersedia memoderasi grupnya dan membagikan informasi resmi Bawaslu "
        "selama masa kampanye sampai pemungutan suara 27 November 2024.",
    )
    for invitation, (status, represented_by, commitments) in zip(invitations, OUTCOMES, strict=False):
        services.set_status(invitation, status, represented_by)
        for text, due, kept, note, link in commitments:
            commitment = services.add_commitment(
                meeting, invitation.person, text, analyst, group=invitation.group, due_date=due
            )
            if kept is not None:
                services.close_commitment(commitment, analyst, kept, note, evidence_url=link)
                closed = datetime.combine(due, datetime.min.time(), tzinfo=DEMO_ZONE)
                type(commitment).objects.filter(pk=commitment.pk).update(closed_at=timezone.localtime(closed))
