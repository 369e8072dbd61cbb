"""The pokja's minutes ("minutes" document), and what every letter about a meeting says of it.

Registered in plugin.py (the `documents` seam). The outside invitees'
attendance and commitments come from pantau.outreach.letters.
"""

from datetime import timedelta

from django.utils import timezone

from pantau.documents.letter import Fields, Letter, Para, Table, signer, tanggal
from pantau.documents.registry import DocumentError
from pantau.lib import clock

from .access import actions_for, meetings_for
from .agenda import agenda_for
from .models import Meeting


def meeting_for(params, user, held_first=False):
    """The meeting a document is about: params["meeting"], else the latest (the latest held, with held_first)."""
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


def when_rows(meeting):
    local = timezone.localtime(meeting.starts_at)
    where = meeting.link if meeting.mode == "online" else meeting.place
    mode = "Daring (online)" if meeting.mode == "online" else "Luring (tatap muka)"
    return [
        ("Hari/tanggal", tanggal(local.date(), weekday=True)),
        ("Waktu", clock.with_zone(local.strftime("%H.%M")) + " - selesai"),
        ("Tempat", f"{mode}: {where}"),
    ]


def letter_date(meeting):
    """Today, or the day before the meeting when the letter is made again after it."""
    meeting_day = timezone.localtime(meeting.starts_at).date()
    today = timezone.localdate()
    return today if today < meeting_day else meeting_day - timedelta(days=1)


def _actions(meeting, user):
    """The meeting's action items the reader may see (the operator at the shell: all)."""
    rows = meeting.actions.all() if user is None else actions_for(user).filter(meeting=meeting)
    return rows.select_related("owner_agency", "owner_person")


def minutes(params, user):
    from pantau.outreach.letters import commitment_blocks, outside_attendance

    meeting = meeting_for(params, user, held_first=True)
    invitations = list(meeting.invitations.select_related("agency"))
    outside = outside_attendance(meeting, user, len(invitations) + 1)
    blocks = [
        Fields([*when_rows(meeting), ("Pimpinan rapat", str(meeting.chair or "-")), ("Acara", meeting.title)]),
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
            + outside
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
        *commitment_blocks(meeting, user),
    ]
    for follow_up in meeting.follow_ups.all():
        local = timezone.localtime(follow_up.starts_at)
        blocks.append(Para(f"Rapat lanjutan: {follow_up.title}, {tanggal(local.date(), weekday=True)}."))
    position, name = signer(meeting, user)
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
