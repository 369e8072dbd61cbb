"""The documents Pantau ships: account inventory report, invitation letters to outside people, minutes."""

from django.conf import settings
from django.utils import timezone

from pantau.lib import clock
from pantau.people.roles import ANALYSIS_ROLES, MEMBER_ROLES

from .letter import Fields, Image, Letter, LetterSet, Para, Table, tanggal
from .numbering import issue_number
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
        ("Waktu", clock.with_zone(local.strftime("%H.%M")) + " - selesai"),
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
    from pantau.inventory.risk import HIGH_RISK, is_high_risk

    statuses = params.get("statuses") or REPORTED_STATUSES
    blocks = [
        Para(
            f"Berikut hasil inventarisasi akun dan grup media sosial yang diduga menyebarkan konten provokatif "
            f"dan informasi negatif dalam pengawasan Pemilihan Tahun 2024 oleh {settings.PANTAU_OFFICE_NAME}. "
            f"Skor risiko 0-100 dihitung dari postingan yang sudah diklasifikasi; skor {HIGH_RISK:g} ke atas "
            f"berarti risiko tinggi."
        )
    ]
    images = []
    for model, caption in ((Account, "A. Akun"), (Group, "B. Grup")):
        rows = []
        queryset = model.objects.filter(status__in=statuses).order_by("-risk_score", "pk")
        if model is Group:
            queryset = queryset.prefetch_related("roles__account", "ties__person", "ties__account")
        for number, obj in enumerate(queryset, 1):
            evidence = evidence_for(obj)
            hashes = ", ".join(item["sha256"][:16] for item in evidence) or "-"
            row = [
                str(number),
                obj.name or obj.platform_id,
                obj.get_platform_display(),
                obj.url or obj.platform_id,
                obj.get_status_display(),
                f"{obj.risk_score:.1f}" + (" (tinggi)" if is_high_risk(obj.risk_score) else ""),
                "; ".join(labels_for(obj)) or "-",
                hashes,
            ]
            rows.append(row[:4] + [_admins(obj)] + row[4:] if model is Group else row)
            images.extend((obj, item) for item in evidence if item.get("thumbnail"))
        headers = ["No", "Nama", "Platform", "Tautan", "Status", "Risiko", "Label (dasar hukum)", "Bukti (SHA-256)"]
        widths = [4, 16, 9, 24, 12, 7, 16, 14]
        if model is Group:
            headers, widths = headers[:4] + ["Admin / moderator"] + headers[4:], [4, 14, 8, 18, 14, 10, 6, 14, 12]
        blocks.append(Table(headers, rows or [["-", "Tidak ada"] + [""] * (len(headers) - 2)], widths, caption=caption))
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
    """The group's admins and moderators by name (people the office knows, then accounts), or a dash.

    Names only: their contact details never go into a document.
    """
    people, accounts = [], set()
    for tie in group.ties.all():
        if tie.role in ("admin", "moderator", "owner") and tie.person.merged_into_id is None:
            people.append(f"{tie.person.name} ({tie.get_role_display().lower()})")
            accounts.add(tie.account_id)
    people += [
        f"{role.account.name or role.account.platform_id} ({role.get_role_display().lower()})"
        for role in group.roles.all()
        if role.role in ("admin", "moderator") and role.account_id not in accounts
    ]
    return "; ".join(dict.fromkeys(people)) or "-"


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
        Fields(_when(meeting)),
        *[Para(f"{i}. {line}") for i, line in enumerate(public_agenda(meeting), 1)],
    ]


def _copies_to():
    return [f"Ketua {settings.PANTAU_OFFICE_NAME} (sebagai laporan)", "Arsip"]


def _invitation(meeting, invitation, user) -> Letter:
    """One letter to one outside invitee: their name, their group, the public agenda, nothing internal."""
    day = _letter_date(meeting)
    role = _role_in(invitation)
    number = issue_number(
        f"invitation:outside:{invitation.pk}", "invitation", subject="Undangan",
        recipient=f"{invitation.person.name}, {role}", user=user, day=day,
    ).number  # fmt: skip
    position, name = _signer(meeting, user)
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
            Fields([*_when(meeting), ("Acara", "Sesuai susunan acara terlampir")]),
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
    day = _letter_date(meeting)
    number = issue_number(
        f"invitation:meeting:{meeting.pk}:annex", "invitation", subject="Undangan",
        recipient="Admin dan moderator grup media sosial (daftar terlampir)", user=user, day=day,
    ).number  # fmt: skip
    position, name = _signer(meeting, user)
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
            Fields([*_when(meeting), ("Acara", "; ".join(public_agenda(meeting)))]),
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


@document_type("invitation", "Undangan kepada pihak luar (admin grup)", ANALYSIS_ROLES, needs_meeting=True)
def invitation_letter(params, user):
    """Letters to the meeting's outside invitees: one each (default), or one with an annex (layout=annex)."""
    from pantau.outreach.access import invitations_for

    meeting = _meeting(params, user)
    invitations = list(invitations_for(user).filter(meeting=meeting).select_related("person", "group"))
    if not invitations:
        raise DocumentError(
            f"meeting {meeting.pk} has no outside invitees yet: invite the admins of the flagged groups on its page"
        )
    if params.get("layout") == "annex":
        return _invitation_with_annex(meeting, invitations, user)
    return LetterSet(f"undangan-rapat-{meeting.pk}", [_invitation(meeting, inv, user) for inv in invitations])


def _actions(meeting, user):
    """The meeting's action items the reader may see (the operator at the shell: all)."""
    from pantau.pokja.access import actions_for

    rows = meeting.actions.all() if user is None else actions_for(user).filter(meeting=meeting)
    return rows.select_related("owner_agency", "owner_person")


def _outside_attendance(meeting, user, start: int) -> list[list[str]]:
    """Rows of the attendance list for outside invitees (only for readers who may see outside people)."""
    from pantau.outreach.access import invitations_for

    rows = []
    for i, inv in enumerate(invitations_for(user).filter(meeting=meeting).select_related("person", "group"), start):
        status = inv.get_status_display().split(" (")[-1].rstrip(")").capitalize()
        if inv.represented_by:
            status = f"{status} oleh {inv.represented_by}"
        rows.append([str(i), "Pihak luar", inv.person.name, _role_in(inv), status])
    return rows


def _commitments(meeting, user) -> list:
    """Commitments of outside invitees, and per group the flagged posts before and after the meeting."""
    from pantau.outreach.access import commitments_for, invitations_for
    from pantau.outreach.effect import group_effect

    rows = list(commitments_for(user).filter(meeting=meeting).select_related("person", "group"))
    groups = {inv.group for inv in invitations_for(user).filter(meeting=meeting).select_related("group") if inv.group}
    if not rows and not groups:
        return []
    blocks = [
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


@document_type("minutes", "Notulen rapat", MEMBER_ROLES, needs_meeting=True)
def minutes(params, user):
    from pantau.pokja.agenda import agenda_for

    meeting = _meeting(params, user, held_first=True)
    invitations = list(meeting.invitations.select_related("agency"))
    outside = _outside_attendance(meeting, user, len(invitations) + 1)
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
        *_commitments(meeting, user),
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
