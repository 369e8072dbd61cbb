"""Demo cases in different states, one with its decision deadline about to pass."""

from datetime import timedelta

from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from pantau.people.models import User
from pantau.reports import inquiry
from pantau.reports.models import Report

from . import domain, services
from .models import Case, CaseDeadline

DEMO_TITLE = "[demo] "


def load(out, options):
    # Demo steps would e-mail the demo users; keep those messages in memory instead of an SMTP server.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        _load(out)


def _load(out):
    if Case.objects.filter(title__startswith=DEMO_TITLE).exists():
        out.write("  demo cases already there")
        return
    analyst = User.objects.filter(username="analis").first()
    coordinator = User.objects.filter(username="koordinator").first() or analyst
    prefix = settings.PANTAU_REPORT_CODE_PREFIX
    formal = Report.objects.filter(code=f"{prefix}-DEMA-2345").first()
    anonymous = Report.objects.filter(code=f"{prefix}-DEMB-2345").first()

    urgent = services.open_case(
        user=analyst, title=DEMO_TITLE + "Ujaran SARA oleh akun Suara Rakyat Bartim", report=formal, violations=["sara"]
    )
    services.move(urgent, domain.INITIAL_REVIEW, analyst, public_note="Laporan Anda sedang dikaji.")
    services.move(urgent, domain.REGISTERED, analyst, public_note="Laporan Anda diregistrasi.")
    if analyst:
        services.assign(urgent, analyst, people=[u for u in (analyst, coordinator) if u])
    # Registered two and a half days ago: the three-day decision deadline is close.
    CaseDeadline.objects.filter(case=urgent).update(due_at=timezone.now() + timedelta(hours=8))

    info = _finding_from_information(anonymous, analyst)
    services.move(info, domain.INITIAL_REVIEW, analyst)

    finding = services.open_case(
        user=analyst, title=DEMO_TITLE + "Temuan: kampanye di masa tenang", violations=["luar_jadwal"]
    )
    for step in (domain.INITIAL_REVIEW, domain.REGISTERED, domain.CLARIFICATION, domain.ASSESSMENT):
        services.move(finding, step, analyst)
    services.move(finding, domain.VIOLATION, coordinator)
    services.move(finding, domain.FORWARDED_GAKKUMDU, coordinator, note="Diteruskan ke Sentra Gakkumdu.")

    closed = services.open_case(user=analyst, title=DEMO_TITLE + "Temuan: akun anonim, tidak cukup bukti")
    for step in (domain.INITIAL_REVIEW, domain.NOT_REGISTERED, domain.CLOSED):
        services.move(closed, step, analyst)
    out.write("  4 demo cases (one decision deadline due within hours)")


def _finding_from_information(report, analyst):
    """The anonymous demo report is initial information: looked into, it becomes the office's finding."""
    title, violations = DEMO_TITLE + "Pesan berantai politik uang", ["politik_uang"]
    if report is None or report.status != Report.Status.INFORMATION:
        return services.open_case(user=analyst, title=title, violations=violations)
    inquiry.start_inquiry(report, analyst)
    case = inquiry.conclude_inquiry(
        report, analyst, outcome=inquiry.FINDING, result="Pesan berantai ditemukan di tiga grup WhatsApp desa."
    )
    case.title, case.violations = title, violations
    case.save(update_fields=["title", "violations"])
    return case
