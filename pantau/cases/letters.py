"""The forwarding letter ("forwarding" document): the case sent to the receiving agency, in official form.

The letter names the case by its register number and summarises what was
found or reported, the alleged violations with their legal basis and the
posts with their evidence hashes. It never names the reporter, except where
the coordinator confirmed on forwarding that the law requires it (the police
or Sentra Gakkumdu, the reporter being a witness); even then only report
handlers (and the operator at the shell) get that version, and each one made
is logged as a viewing of the identity. A pokja member of the receiving
agency gets the same letter with the identity left out.
"""

from django.conf import settings
from django.utils import timezone

from pantau.documents.letter import Fields, Letter, Para, Table, signer, tanggal
from pantau.documents.registry import DocumentError

from .access import cases_for, find_case, forwardings_for, may_handle, title_for
from .findings import evidence_of
from .forwarding import DESTINATION_BY_KEY, addressee_of
from .models import Case, Forwarding


def _forwarding(params, user) -> Forwarding:
    rows = forwardings_for(user) if user is not None else Forwarding.objects.all()
    rows = rows.select_related("case", "case__report", "deadline", "sent_by")
    if params.get("forwarding"):
        found = rows.filter(pk=params["forwarding"]).first()
    elif params.get("case"):
        case = find_case(cases_for(user) if user is not None else Case.objects.all(), params["case"])
        found = rows.filter(case=case).order_by("-sent_at", "-pk").first() if case else None
    else:
        found = rows.order_by("-sent_at", "-pk").first()
    if found is None:
        raise DocumentError("no forwarding letter: forward a decided case from its page first")
    return found


def _origin(case) -> str:
    if case.report_id is None:
        return f"Temuan {settings.PANTAU_OFFICE_NAME}"
    return f"Laporan masyarakat, diterima {tanggal(timezone.localdate(case.report.created_at))}"


def _reported(case) -> str:
    names = [case.report.reported_name] if case.report_id and case.report.reported_name else []
    names += [str(account) for account in case.accounts.all()[:10]]
    return "; ".join(dict.fromkeys(names)) or "-"


def _summary(case) -> str:
    text = case.summary or "-"
    # The receipt code opens the reporter's status page: never in a letter.
    return text.replace(case.report.code, str(case.report.pseudonym)) if case.report_id else text


def _posts_table(case) -> Table:
    posts = list(case.posts.select_related("author").order_by("posted_at", "pk")[:50])
    evidence = evidence_of(posts)
    rows = [
        [
            str(i),
            timezone.localtime(p.posted_at).strftime("%d-%m-%Y %H.%M") if p.posted_at else "-",
            str(p.author or "-"),
            p.url or p.text[:80] or "-",
            ", ".join(item.sha256[:16] for item in evidence.get(p.pk, [])) or "-",
        ]
        for i, p in enumerate(posts, 1)
    ]
    return Table(
        ["No", "Waktu", "Akun", "Tautan / isi", "Bukti (SHA-256)"],
        rows or [["-", "-", "-", "-", "-"]],
        [5, 15, 18, 37, 25],
        caption="Pos media sosial dan bukti",
    )


def _identity_blocks(forwarding, user) -> list:
    if not forwarding.with_identity:
        return []
    report = forwarding.case.report
    if user is not None and not may_handle(user):
        return [Para("Identitas pelapor disampaikan secara tertutup oleh Bawaslu kepada penyidik.")]
    from pantau.reports.services import identity_for_system, reveal_identity

    identity = reveal_identity(report, user, via="forwarding") if user is not None else identity_for_system(report)
    return [
        Para("Identitas pelapor (disampaikan karena diwajibkan undang-undang):", bold=True),
        Fields([(label, identity.get(key) or "-") for key, label in IDENTITY_LABELS]),
    ]


IDENTITY_LABELS = [("name", "Nama"), ("address", "Alamat"), ("phone", "Telepon"), ("email", "E-mail")]


def forwarding_letter(params, user):
    forwarding = _forwarding(params, user)
    case = forwarding.case
    destination = DESTINATION_BY_KEY[forwarding.destination]
    violations = case.violation_list()
    blocks = [
        Para(
            f"Berdasarkan hasil penanganan atas {'temuan' if case.report_id is None else 'laporan'} dengan nomor "
            f"register {case.reference}, {settings.PANTAU_OFFICE_NAME} menyatakan bahwa perbuatan tersebut diduga "
            f"merupakan pelanggaran sebagaimana diuraikan di bawah ini. Sesuai {destination.basis}, bersama ini "
            "kami teruskan kepada Saudara untuk ditindaklanjuti sesuai dengan kewenangan."
        ),
        Fields(
            [
                ("Nomor register", case.reference),
                ("Asal", _origin(case)),
                ("Pihak terlapor", _reported(case)),
                ("Perihal", title_for(None, case, public=True)),
            ]
        ),
        Para("Uraian singkat:", bold=True),
        Para(_summary(case)),
        Table(
            ["No", "Dugaan pelanggaran", "Dasar hukum"],
            [[str(i), str(v.name), v.basis] for i, v in enumerate(violations, 1)] or [["-", "-", "-"]],
            [6, 54, 40],
            caption="Dugaan pelanggaran",
        ),
        _posts_table(case),
        *_identity_blocks(forwarding, user),
    ]
    if forwarding.request:
        blocks.append(Para(forwarding.request))
    if forwarding.deadline:
        due = tanggal(timezone.localtime(forwarding.deadline.due_at).date())
        blocks.append(
            Para(
                f"Kami mohon tindak lanjut Saudara disampaikan kepada kami paling lambat {due} "
                f"({forwarding.deadline.rule_def.basis})."
            )
        )
    blocks.append(Para("Demikian disampaikan. Atas perhatian dan kerja samanya kami ucapkan terima kasih."))
    position, name = signer(user=forwarding.sent_by)
    return Letter(
        filename=f"surat-penerusan-{case.reference.replace('/', '-')}",
        number=forwarding.number,
        attachment="1 (satu) berkas",
        subject="Penerusan dugaan pelanggaran",
        recipient=[f"Yth. {addressee_of(forwarding)}", "di -", "    Tempat"],
        blocks=blocks,
        date=timezone.localdate(forwarding.sent_at),
        signer_position=position,
        signer_name=name,
        copies_to=[f"Ketua {settings.PANTAU_OFFICE_NAME} (sebagai laporan)", "Arsip"],
        nature="Segera",
    )
