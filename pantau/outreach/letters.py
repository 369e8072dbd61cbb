"""Letters to outside people: the invitation ("invitation" document), and their part of the minutes.

Registered in plugin.py (the `documents` seam); pantau.pokja.letters reads
`outside_attendance` and `commitment_blocks` for the minutes.
"""

from django.conf import settings

from pantau.documents.letter import Fields, Letter, LetterSet, Para, Table, signer, tanggal
from pantau.documents.numbering import issue_number
from pantau.documents.registry import DocumentError
from pantau.pokja.letters import letter_date, meeting_for, when_rows

from .access import commitments_for, invitations_for
from .effect import group_effect

# What a letter to an outside person says the meeting is about when the coordinator wrote no public agenda.
DEFAULT_PUBLIC_AGENDA = [
    "Diskusi bersama pengelola grup media sosial tentang kampanye Pemilihan Tahun 2024 yang damai dan kondusif",
    "Peran admin dan moderator grup dalam menjaga ruang diskusi yang sehat",
    "Tanya jawab dan kesepakatan bersama",
]


def public_agenda(meeting) -> list[str]:
    """The agenda an outside person may read: the coordinator's public agenda, never the internal one."""
    lines = [line.strip().lstrip("-•").strip() for line in (meeting.public_agenda or "").splitlines()]
    return [line for line in lines if line] or DEFAULT_PUBLIC_AGENDA


def _role_in(invitation) -> str:
    tie = invitation.person.ties.filter(group=invitation.group).exclude(role="account").first()
    role = tie.get_role_display().lower() if tie else "pengelola"
    return f"{role} grup {invitation.group}" if invitation.group else invitation.person.get_kind_display().lower()


def _agenda_annex(meeting):
    return [
        Para("SUSUNAN ACARA", bold=True, center=True),
        Fields(when_rows(meeting)),
        *[Para(f"{i}. {line}") for i, line in enumerate(public_agenda(meeting), 1)],
    ]


def _copies_to():
    return [f"Ketua {settings.PANTAU_OFFICE_NAME} (sebagai laporan)", "Arsip"]


def _invitation(meeting, invitation, user) -> Letter:
    """One letter to one outside invitee: their name, their group, the public agenda, nothing internal."""
    day = letter_date(meeting)
    role = _role_in(invitation)
    number = issue_number(
        f"invitation:outside:{invitation.pk}", "invitation", subject="Undangan",
        recipient=f"{invitation.person.name}, {role}", user=user, day=day,
    ).number  # fmt: skip
    position, name = signer(meeting, user)
    return Letter(
        filename=f"undangan-{invitation.pk}",
        number=number,
        attachment="1 (satu) lembar",
        subject="Undangan",
        recipient=[f"Sdr./Sdri. {invitation.person.name}", role[:1].upper() + role[1:], "di -", "    Tempat"],
        blocks=[
            Para(
                "Dalam rangka menjaga kampanye Pemilihan Tahun 2024 yang damai dan kondusif, dengan hormat kami "
                f"mengundang Saudara/i selaku {role} untuk hadir dan berdiskusi bersama kami pada:"
            ),
            Fields([*when_rows(meeting), ("Acara", "Sesuai susunan acara terlampir")]),
            Para(
                "Mengingat pentingnya acara tersebut, kami harapkan kehadiran Saudara/i tepat waktu. Apabila "
                "berhalangan, Saudara/i dapat diwakili. Atas perhatian dan kerja samanya kami ucapkan terima kasih."
            ),
        ],
        date=day,
        signer_position=position,
        signer_name=name,
        copies_to=_copies_to(),
        annex=_agenda_annex(meeting),
    )


def _invitation_with_annex(meeting, invitations, user) -> Letter:
    """One letter to all outside invitees, listed in the annex with their groups (the coordinator's choice)."""
    day = letter_date(meeting)
    number = issue_number(
        f"invitation:meeting:{meeting.pk}:annex", "invitation", subject="Undangan",
        recipient="Admin dan moderator grup media sosial (daftar terlampir)", user=user, day=day,
    ).number  # fmt: skip
    position, name = signer(meeting, user)
    rows = [[str(i), inv.person.name, _role_in(inv)] for i, inv in enumerate(invitations, 1)]
    return Letter(
        filename=f"undangan-rapat-{meeting.pk}",
        number=number,
        attachment="1 (satu) berkas",
        subject="Undangan",
        recipient=["Saudara/i yang namanya tercantum dalam lampiran", "di -", "    Tempat"],
        blocks=[
            Para(
                "Dalam rangka menjaga kampanye Pemilihan Tahun 2024 yang damai dan kondusif, dengan hormat kami "
                "mengundang Saudara/i yang namanya tercantum dalam lampiran untuk hadir dan berdiskusi pada:"
            ),
            Fields([*when_rows(meeting), ("Acara", "; ".join(public_agenda(meeting)))]),
            Para(
                "Mengingat pentingnya acara tersebut, kami harapkan kehadiran Saudara/i tepat waktu. Atas perhatian "
                "dan kerja samanya kami ucapkan terima kasih."
            ),
        ],
        date=day,
        signer_position=position,
        signer_name=name,
        copies_to=_copies_to(),
        annex=[Table(["No", "Nama", "Selaku"], rows, [6, 40, 54], caption="Daftar undangan")],
    )


def invitation_letter(params, user):
    """Letters to the meeting's outside invitees: one each (default), or one with an annex (layout=annex)."""
    meeting = meeting_for(params, user)
    invitations = list(invitations_for(user).filter(meeting=meeting).select_related("person", "group"))
    if not invitations:
        raise DocumentError(
            f"meeting {meeting.pk} has no outside invitees yet: invite the admins of the flagged groups on its page"
        )
    if params.get("layout") == "annex":
        return _invitation_with_annex(meeting, invitations, user)
    return LetterSet(f"undangan-rapat-{meeting.pk}", [_invitation(meeting, inv, user) for inv in invitations])


def outside_attendance(meeting, user, start: int) -> list[list[str]]:
    """Rows of the attendance list for outside invitees (only for readers who may see outside people)."""
    rows = []
    for i, inv in enumerate(invitations_for(user).filter(meeting=meeting).select_related("person", "group"), start):
        status = inv.get_status_display().split(" (")[-1].rstrip(")").capitalize()
        if inv.represented_by:
            status = f"{status} oleh {inv.represented_by}"
        rows.append([str(i), "Pihak luar", inv.person.name, _role_in(inv), status])
    return rows


def commitment_blocks(meeting, user) -> list:
    """Commitments of outside invitees, and per group the flagged posts before and after the meeting."""
    rows = list(commitments_for(user).filter(meeting=meeting).select_related("person", "group"))
    groups = {inv.group for inv in invitations_for(user).filter(meeting=meeting).select_related("group") if inv.group}
    if not rows and not groups:
        return []
    blocks: list[Table | Para] = [
        Table(
            ["No", "Nama", "Grup", "Komitmen", "Tenggat", "Ditepati?"],
            [
                [
                    str(i),
                    c.person.name,
                    str(c.group or "-"),
                    c.text,
                    tanggal(c.due_date) if c.due_date else "-",
                    {"kept": "Ya", "not_kept": "Tidak"}.get(c.status, "Belum diperiksa")
                    + (f" ({c.closing_note})" if c.closing_note else ""),
                ]
                for i, c in enumerate(rows, 1)
            ]
            or [["-", "-", "-", "-", "-", "-"]],
            [5, 18, 18, 31, 12, 16],
            caption="VI. Komitmen pihak luar",
        )  # fmt: skip
    ]
    effect_rows = []
    for group in sorted(groups, key=str):
        effect = group_effect(group, meeting, user)
        (fb, pb, wb), (fa, pa, wa) = effect.before, effect.after
        effect_rows.append([str(group), f"{fb} dari {pb} ({wb} minggu)", f"{fa} dari {pa} ({wa} minggu)"])
    if effect_rows:
        blocks.append(
            Table(
                ["Grup", "Postingan ditandai sebelum rapat", "Sesudah rapat"],
                effect_rows,
                [40, 30, 30],
                caption="VII. Postingan yang ditandai sebelum dan sesudah rapat",
            )
        )
        blocks.append(
            Para(
                "Catatan: angka di atas adalah hitungan postingan grup yang ditandai pengklasifikasi per minggu, "
                "empat minggu sebelum dan sesudah tanggal rapat. Jumlah postingan juga berubah (tahapan kampanye, "
                "grup yang menjadi sepi), sehingga penurunan adalah petunjuk untuk diperiksa, bukan bukti bahwa "
                "rapat yang menyebabkannya."
            )
        )
    return blocks
