"""The account inventory report ("inventory" document), in the form of an official report.

Registered in plugin.py (the `documents` seam); the evidence and labels of
each account and group come from the apps that own them (the
`document_evidence` and `document_labels` seams).
"""

from django.conf import settings
from django.db.models import QuerySet

from pantau.documents.letter import Image, Para, Table, report_letter
from pantau.documents.registry import evidence_for, labels_for

from .models import Account, Group, Watched
from .risk import HIGH_RISK, is_high_risk

REPORTED_STATUSES = ["ditandai", "terkonfirmasi", "ditindaklanjuti"]


def inventory_report(params, user):
    statuses = params.get("statuses") or REPORTED_STATUSES
    blocks: list[Para | Table | Image] = [
        Para(
            f"Berikut hasil inventarisasi akun dan grup media sosial yang diduga menyebarkan konten provokatif "
            f"dan informasi negatif dalam pengawasan Pemilihan Tahun 2024 oleh {settings.PANTAU_OFFICE_NAME}. "
            f"Skor risiko 0-100 dihitung dari postingan yang sudah diklasifikasi; skor {HIGH_RISK:g} ke atas "
            f"berarti risiko tinggi."
        )
    ]
    images: list[tuple[Watched, dict]] = []
    for model, caption in ((Account, "A. Akun"), (Group, "B. Grup")):
        rows = []
        queryset: QuerySet[Account] | QuerySet[Group]
        if model is Group:
            queryset = (
                Group.objects.filter(status__in=statuses)
                .order_by("-risk_score", "pk")
                .prefetch_related("roles__account", "ties__person", "ties__account")
            )
        else:
            queryset = Account.objects.filter(status__in=statuses).order_by("-risk_score", "pk")
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
        widths: list[float] = [4, 16, 9, 24, 12, 7, 16, 14]
        if model is Group:
            headers, widths = headers[:4] + ["Admin / moderator"] + headers[4:], [4, 14, 8, 18, 14, 10, 6, 14, 12]
        blocks.append(Table(headers, rows or [["-", "Tidak ada"] + [""] * (len(headers) - 2)], widths, caption=caption))
    for obj, item in images[:60]:
        blocks.append(Image(item["thumbnail"], f"{obj}: SHA-256 {item['sha256']}"))
    return report_letter(
        "inventarisasi-akun",
        "LAPORAN INVENTARISASI AKUN MEDIA SOSIAL",
        blocks,
        number=params.get("number", ""),
        user=user,
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
