"""Demo cases, together at every stage of the procedure, so each kind of deadline is running somewhere.

`pantau cases deadlines` on the demo lists one of each stage (data/procedure.toml);
the study deadline of the first case is about to pass. Each case is added
when missing, so a demo loaded by an older version gets the new ones.
"""

from datetime import timedelta

from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from pantau.intake.models import Post
from pantau.people.models import User
from pantau.reports import inquiry
from pantau.reports import services as report_services
from pantau.reports.models import Report

from . import domain, services
from .forwarding import forward
from .models import Case, CaseDeadline

DEMO_TITLE = "[demo] "
INCOMPLETE_REPORT = "DEMD-2345"
TO_VIOLATION = (domain.INITIAL_REVIEW, domain.REGISTERED, domain.CLARIFICATION, domain.ASSESSMENT)


def load(out, options):
    # Demo steps would e-mail the demo users; keep those messages in memory instead of an SMTP server.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        _load(out)


def _incomplete_report():
    """A report still missing its place and evidence, within the reporting window: the reporter may complete it."""
    code = f"{settings.PANTAU_REPORT_CODE_PREFIX}-{INCOMPLETE_REPORT}"
    report = Report.objects.filter(code=code).first()
    if report is None:
        today = timezone.localdate()
        data = {
            "name": "Rudi Hartono",
            "address": "Jl. Tjilik Riwut 7, Tamiang Layang",
            "phone": "085245678901",
            "reported_name": "Akun TikTok @bartim.memanas",
            "reported_links": "https://www.tiktok.com/@bartim.memanas/video/7301234567890123456",
            "description": "Video yang menuduh penyelenggara pemilihan curang tanpa bukti dan mengajak warga "
            "mendatangi kantor KPU beramai-ramai.",
            "occurred_on": today - timedelta(days=2),
            "known_on": today - timedelta(days=1),
        }
        report = report_services.file_report(data, [], ip="demo")
        Report.objects.filter(pk=report.pk).update(code=code)
        report.refresh_from_db()
    return report


def _load(out):
    analyst = User.objects.filter(username="analis").first()
    coordinator = User.objects.filter(username="koordinator").first() or analyst
    prefix = settings.PANTAU_REPORT_CODE_PREFIX
    existing = set(Case.objects.filter(title__startswith=DEMO_TITLE).values_list("title", flat=True))
    added = 0

    # The findings name a few of the demo's flagged posts, when the posts are loaded already.
    flagged = list(Post.objects.filter(classification__severity__gt=0).select_related("author")[:3])

    def case(title, report=None, violations=(), steps=(), decisions=(), posts=(), forward_to=None):
        nonlocal added
        title = DEMO_TITLE + title
        if title in existing:
            return None
        authors = list({p.author for p in posts if p.author_id})
        opened = services.open_case(
            user=analyst, title=title, report=report, violations=violations, posts=list(posts), accounts=authors
        )
        for step in steps:
            services.move(opened, step, analyst)
        for step in decisions:
            services.move(opened, step, coordinator)
        if forward_to:
            forward(opened, coordinator, forward_to, request="Mohon ditindaklanjuti sesuai kewenangan.")
        added += 1
        return opened

    formal = Report.objects.filter(code=f"{prefix}-DEMA-2345").first()
    anonymous = Report.objects.filter(code=f"{prefix}-DEMB-2345").first()

    urgent = case(
        "Ujaran SARA oleh akun Suara Rakyat Bartim",
        report=formal,
        violations=["sara"],
        steps=(domain.INITIAL_REVIEW, domain.REGISTERED),
    )
    if urgent:
        if analyst:
            services.assign(urgent, analyst, people=[u for u in (analyst, coordinator) if u])
        # Registered two and a half days ago: the three-day study deadline is close.
        CaseDeadline.objects.filter(case=urgent, rule="study").update(due_at=timezone.now() + timedelta(hours=8))
    # Waiting for its initial review (kajian awal).
    if DEMO_TITLE + "Pesan berantai politik uang" not in existing:
        # Anonymous, so initial information: looked into (penelusuran), it became the office's finding.
        services.move(_finding_from_information(anonymous, analyst), domain.INITIAL_REVIEW, analyst)
        added += 1
    # The reporter has been asked to complete the report (place, evidence).
    case("Video tuduhan kecurangan penyelenggara", report=_incomplete_report(), steps=(domain.INITIAL_REVIEW,))
    # The office's own finding, not registered yet.
    case("Temuan: unggahan adu domba di grup Facebook desa", violations=["hasutan"])
    # Decided a violation, to be forwarded.
    case("Temuan: ajakan menolak calon karena agamanya", violations=["sara"], steps=TO_VIOLATION,
         decisions=(domain.VIOLATION,))  # fmt: skip
    # Forwarded: each receiving agency's follow-up clock runs.
    case("Temuan: kampanye di masa tenang", violations=["luar_jadwal"], steps=TO_VIOLATION,
         decisions=(domain.VIOLATION,), posts=flagged, forward_to="gakkumdu")  # fmt: skip
    case("Temuan: alat peraga kampanye di tempat ibadah", violations=["luar_jadwal"], steps=TO_VIOLATION,
         decisions=(domain.VIOLATION,), forward_to="kpu")  # fmt: skip
    case("Temuan: ASN membagikan materi kampanye paslon", violations=["netralitas"], steps=TO_VIOLATION,
         decisions=(domain.VIOLATION,), forward_to="kasn")  # fmt: skip
    case("Temuan: akun anonim, tidak cukup bukti", steps=(domain.INITIAL_REVIEW, domain.NOT_REGISTERED, domain.CLOSED))
    out.write(f"  {added} demo cases added, at every stage of the procedure (one study deadline due within hours)")


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
