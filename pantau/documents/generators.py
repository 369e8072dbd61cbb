"""The documents Pantau ships: account inventory report, invitation letter to group admins, minutes."""

from django.conf import settings
from django.utils import timezone

from pantau.people.roles import ANALYSIS_ROLES, MEMBER_ROLES

from .letter import Fields, Image, Letter, Para, Table, tanggal
from .registry import DocumentError, document_type, evidence_for, labels_for

REPORTED_STATUSES = ["ditandai", "terkonfirmasi", "ditindaklanjuti"]


def _signer(meeting=None, user=None):
    person = (meeting.chair if meeting else None) or user
    position = (getattr(person, "position", "") or "Koordinator Divisi") if person else "Koordinator Divisi"
    return f"{position}\n{settings.PANTAU_OFFICE_NAME}", str(person) if person else ""


def _meeting(params, user, held_first=False):
    from pantau.pokja.access import meetings_for
    from pantau.pokja.models import Meeting

    rows = meetings_for(user) if user is not None else Meeting.objects.all()
    if params.get("meeting"):
        meeting = rows.filter(pk=params["meeting"]).first()
        if meeting is None:
            raise DocumentError(f"no meeting {params['meeting']}")
        return meeting
    latest = rows.order_by("-starts_at")
    meeting = (held_first and latest.filter(status=Meeting.Status.HELD).first()) or latest.first()
    if meeting is None:
        raise DocumentError("there is no meeting yet")
    return meeting


def _when(meeting):
    local = timezone.localtime(meeting.starts_at)
    where = meeting.link if meeting.mode == "online" else meeting.place
    mode = "Daring (online)" if meeting.mode == "online" else "Luring (tatap muka)"
    return [
        ("Hari/tanggal", tanggal(local.date(), weekday=True)),
        ("Waktu", local.strftime("%H.%M") + " WIB - selesai"),
        ("Tempat", f"{mode}: {where}"),
    ]


def _letter_date(meeting):
    """Today, or the day before the meeting when the letter is made again after it."""
    from datetime import timedelta

    meeting_day = timezone.localtime(meeting.starts_at).date()
    today = timezone.localdate()
    return today if today < meeting_day else meeting_day - timedelta(days=1)


@document_type("inventory", "Laporan inventarisasi akun media sosial", ANALYSIS_ROLES)
def inventory_report(params, user):
    from pantau.inventory.models import Account, Group

    statuses = params.get("statuses") or REPORTED_STATUSES
    blocks = [
        Para(
            f"Berikut hasil inventarisasi akun dan grup media sosial yang diduga menyebarkan konten provokatif "
            f"dan informasi negatif dalam pengawasan Pemilihan Tahun 2024 oleh {settings.PANTAU_OFFICE_NAME}."
        )
    ]
    images = []
    for model, caption in ((Account, "A. Akun"), (Group, "B. Grup")):
        rows = []
        for number, obj in enumerate(model.objects.filter(status__in=statuses).order_by("-risk_score", "pk"), 1):
            evidence = evidence_for(obj)
            hashes = ", ".join(item["sha256"][:16] for item in evidence) or "-"
            rows.append(
                [
                    str(number),
                    obj.name or obj.platform_id,
                    obj.get_platform_display(),
                    obj.url or obj.platform_id,
                    obj.get_status_display(),
                    f"{obj.risk_score:.1f}",
                    "; ".join(labels_for(obj)) or "-",
                    hashes,
                ]
            )
            images.extend((obj, item) for item in evidence if item.get("thumbnail"))
        blocks.append(
            Table(
                ["No", "Nama", "Platform", "Tautan", "Status", "Risiko", "Label (dasar hukum)", "Bukti (SHA-256)"],
                rows or [["-", "Tidak ada", "", "", "", "", "", ""]],
                [4, 16, 9, 24, 12, 7, 16, 14],
                caption=caption,
            )
        )
    for obj, item in images[:60]:
        blocks.append(Image(item["thumbnail"], f"{obj}: SHA-256 {item['sha256']}"))
    position, name = _signer(user=user)
    return Letter(
        filename="inventarisasi-akun",
        title="LAPORAN INVENTARISASI AKUN MEDIA SOSIAL",
        number=params.get("number", ""),
        blocks=blocks,
        date=timezone.localdate(),
        signer_position=position,
        signer_name=name,
        is_letter=False,
    )


def _admins(group) -> str:
    """The group's admins and moderators as the inventory knows them, or a dash."""
    people = [
        f"{role.account.name or role.account.platform_id} ({role.get_role_display().lower()})"
        for role in group.roles.all()
        if role.role in ("admin", "moderator")
    ]
    return "; ".join(people) or "-"


@document_type("invitation", "Undangan kepada admin grup", ANALYSIS_ROLES, needs_meeting=True)
def invitation_letter(params, user):
    from pantau.inventory.models import Group

    meeting = _meeting(params, user)
    groups = list(
        Group.objects.filter(status__in=REPORTED_STATUSES)
        .order_by("-risk_score", "pk")
        .prefetch_related("roles__account")
    )
    agenda = [item.title for item in meeting.agenda.all()] or [meeting.title]
    blocks = [
        Para(
            "Dalam rangka pengawasan konten media sosial pada Pemilihan Tahun 2024 dan menindaklanjuti rapat "
            "kelompok kerja (pokja), dengan hormat kami mengundang Saudara/i sebagai admin grup media sosial "
            "untuk hadir pada:"
        ),
        Fields([*_when(meeting), ("Acara", "; ".join(agenda))]),
        Para(
            "Mengingat pentingnya acara tersebut, kami harapkan kehadiran Saudara/i tepat waktu. Atas perhatian "
            "dan kerja samanya kami ucapkan terima kasih."
        ),
        Table(
            ["No", "Grup", "Platform", "Admin / moderator yang diundang", "Tautan"],
            [
                [str(i), g.name or g.platform_id, g.get_platform_display(), _admins(g), g.url]
                for i, g in enumerate(groups, 1)
            ]
            or [["-", "-", "-", "-", "-"]],
            [5, 25, 12, 28, 30],
            caption="Lampiran: daftar grup dan admin/moderatornya",
        ),
    ]
    position, name = _signer(meeting, user)
    return Letter(
        filename=f"undangan-rapat-{meeting.pk}",
        number=meeting.number,
        attachment="1 (satu) berkas",
        subject="Undangan",
        recipient=["Admin Grup Media Sosial (daftar terlampir)", "di -", "    Tempat"],
        blocks=blocks,
        date=_letter_date(meeting),
        signer_position=position,
        signer_name=name,
    )


def _actions(meeting, user):
    """The meeting's action items the reader may see (the operator at the shell: all)."""
    from pantau.pokja.access import actions_for

    rows = meeting.actions.all() if user is None else actions_for(user).filter(meeting=meeting)
    return rows.select_related("owner_agency", "owner_person")


@document_type("minutes", "Notulen rapat", MEMBER_ROLES, needs_meeting=True)
def minutes(params, user):
    from pantau.pokja.agenda import agenda_for

    meeting = _meeting(params, user, held_first=True)
    invitations = list(meeting.invitations.select_related("agency"))
    blocks = [
        Fields([*_when(meeting), ("Pimpinan rapat", str(meeting.chair or "-")), ("Acara", meeting.title)]),
        Table(
            ["No", "Instansi", "Nama", "Jabatan", "Kehadiran"],
            [
                [
                    str(i),
                    inv.agency.name,
                    inv.display_name,
                    inv.position or "-",
                    {True: "Hadir", False: "Tidak hadir"}.get(inv.attended, "-"),
                ]
                for i, inv in enumerate(invitations, 1)
            ]
            or [["-", "-", "-", "-", "-"]],
            [5, 30, 22, 30, 13],
            caption="I. Daftar hadir",
        ),
        Para("II. Agenda", bold=True),
        *[Para(f"{i}. {item.title}\n{item.detail}".strip()) for i, item in enumerate(agenda_for(meeting, user), 1)],
        Para("III. Jalannya rapat", bold=True),
        Para(meeting.minutes or "-"),
        Para("IV. Keputusan dan rekomendasi", bold=True),
        *[Para(f"{i}. {d.get_kind_display()}: {d.text}") for i, d in enumerate(meeting.decisions.all(), 1)],
        Table(
            ["No", "Tindak lanjut", "Penanggung jawab", "Tenggat", "Status"],
            [
                [
                    str(i),
                    a.title,
                    f"{a.owner_agency}" + (f" ({a.owner_person})" if a.owner_person else ""),
                    tanggal(a.due_date) if a.due_date else "-",
                    a.get_status_display(),
                ]
                for i, a in enumerate(_actions(meeting, user), 1)
            ]
            or [["-", "-", "-", "-", "-"]],
            [5, 45, 22, 15, 13],
            caption="V. Tindak lanjut",
        ),
    ]
    for follow_up in meeting.follow_ups.all():
        local = timezone.localtime(follow_up.starts_at)
        blocks.append(Para(f"Rapat lanjutan: {follow_up.title}, {tanggal(local.date(), weekday=True)}."))
    position, name = _signer(meeting, user)
    return Letter(
        filename=f"notulen-rapat-{meeting.pk}",
        title=f"NOTULEN RAPAT\n{meeting.title.upper()}",
        number=meeting.number,
        blocks=blocks,
        date=timezone.localtime(meeting.starts_at).date(),
        signer_position=f"Notulis,\n{position}",
        signer_name=name,
        is_letter=False,
    )
