"""Demo cases in different states, one with its decision deadline about to pass."""

from datetime import timedelta

from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from pantau.intake.models import Post
from pantau.people.models import User
from pantau.reports.models import Report

from . import domain, services
from .forwarding import forward
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

    info = services.open_case(
        user=analyst, title=DEMO_TITLE + "Pesan berantai politik uang", report=anonymous, violations=["politik_uang"]
    )
    services.move(info, domain.INITIAL_REVIEW, analyst)

    # The finding names a few of the demo's flagged posts, when the posts are loaded already.
    posts = list(Post.objects.filter(classification__severity__gt=0).select_related("author")[:3])
    finding = services.open_case(
        user=analyst,
        title=DEMO_TITLE + "Temuan: kampanye di masa tenang",
        violations=["luar_jadwal"],
        posts=posts,
        accounts=list({p.author for p in posts if p.author_id}),
    )
    for step in (domain.INITIAL_REVIEW, domain.REGISTERED, domain.CLARIFICATION, domain.ASSESSMENT):
        services.move(finding, step, analyst)
    services.move(finding, domain.VIOLATION, coordinator)
    forward(finding, coordinator, "gakkumdu", request="Mohon ditindaklanjuti sesuai kewenangan Sentra Gakkumdu.")

    closed = services.open_case(user=analyst, title=DEMO_TITLE + "Temuan: akun anonim, tidak cukup bukti")
    for step in (domain.INITIAL_REVIEW, domain.NOT_REGISTERED, domain.CLOSED):
        services.move(closed, step, analyst)
    out.write("  4 demo cases (one decision deadline due within hours)")
