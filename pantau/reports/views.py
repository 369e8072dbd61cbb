from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from pantau.audit.log import record
from pantau.core.client import client_ip
from pantau.core.paging import paginate
from pantau.core.seams import seams
from pantau.evidence.filecheck import IMAGE_TYPES
from pantau.evidence.previews import preview_bytes
from pantau.evidence.similar import annotate
from pantau.evidence.storage import evidence_storage
from pantau.people.access import role_required
from pantau.people.roles import REPORT_HANDLER_ROLES

from . import challenge, inquiry, ratelimit, requirements, services, stash
from .access import REPORT_VIEW_ROLES, get_report_for, may_see_identity, place_for, reports_for
from .forms import (
    CompleteForm,
    InquiryForm,
    InquiryResultForm,
    LookupForm,
    ReportForm,
    kecamatan_version,
    passes_public_check,
)
from .models import Report, ReportAttachment
from .notify import reported_facts, status_link
from .pdf import receipt_pdf
from .statuses import reporter_view

# The receipt codes this browser sent, in a signed cookie that ends with the browser session: the public
# form then writes no session row (one write transaction less per report, SQLite having one writer).
CODES_COOKIE = "pantau_tanda_terima"
CODES_SALT = "pantau.reports.receipts"
KEPT_CODES = 10
# Types a browser will not run: anything else is sent as a download of bytes.
SAFE_DOWNLOAD_TYPES = {"application/pdf", "video/mp4", "video/webm", "video/quicktime", "video/3gpp"}


def _evidence_with_kept(request):
    """The files of this attempt: those sent now after those kept from an earlier attempt (unless the
    reporter chose to leave the kept ones out)."""
    files = request.FILES.copy()
    kept = [] if request.POST.get("discard_kept") else stash.kept_files(request.POST.get("stash", ""))
    files.setlist("evidence", [*kept, *[f for f in request.FILES.getlist("evidence") if f.size]])
    return files


def _accepted_files(files) -> list:
    accepted = [upload for upload in files.getlist("evidence") if passes_public_check(upload)]
    return accepted[: settings.PANTAU_REPORT_MAX_FILES]


def _refused(request, template, context, files, status):
    """The form again, with the accepted files kept on the server so nobody has to choose them again."""
    sent = files.getlist("evidence")
    accepted = _accepted_files(files)
    context = {
        **context,
        "stash": stash.keep(accepted, request.POST.get("stash", "")),
        "kept_names": [f.name for f in accepted],
        "refile": len(accepted) < len(sent),
    }
    return render(request, template, context, status=status)


def report_form(request):
    browser = ratelimit.browser_token(request)
    if request.method != "POST":
        # The empty form's fields are the same for every visitor: rendered once a minute (form.html).
        context = {"form": ReportForm(), "kecamatan_version": kecamatan_version()}
        return ratelimit.set_browser_cookie(render(request, "reports/form.html", context), browser)
    files = _evidence_with_kept(request)
    form = ReportForm(request.POST, files)
    if request.POST.get("website"):
        form.is_valid()
        form.add_error(None, _("The report could not be sent. Leave the last field empty."))
        return render(request, "reports/form.html", {"form": form}, status=400)
    if not form.is_valid():
        response = _refused(request, "reports/form.html", {"form": form}, files, status=400)
        return ratelimit.set_browser_cookie(response, browser)
    if ratelimit.reports_over_limit(request, browser) and not challenge.solved(
        request.POST.get("challenge", ""), request.POST.get("answer", "")
    ):
        context = {"form": form, "challenge": challenge.new_challenge(), "answered": "answer" in request.POST}
        response = _refused(request, "reports/form.html", context, files, status=429)
        return ratelimit.set_browser_cookie(response, browser)
    prepared = services.prepare_report(form.cleaned_data, form.cleaned_data["evidence"])
    with transaction.atomic():  # one commit per report: SQLite has one writer at a time
        report = services.save_report(prepared, ip=client_ip(request))
        ratelimit.count_report(request, browser)
    stash.drop(request.POST.get("stash", ""))
    response = _remember_code(redirect("reports:receipt"), request, report.code)
    return ratelimit.set_browser_cookie(response, browser)


def _sent_codes(request) -> list[str]:
    value = request.get_signed_cookie(CODES_COOKIE, default="", salt=CODES_SALT, max_age=settings.SESSION_COOKIE_AGE)
    return [code for code in value.split(",") if code]


def _remember_code(response, request, code: str):
    codes = [*_sent_codes(request), code][-KEPT_CODES:]
    response.set_signed_cookie(
        CODES_COOKIE,
        ",".join(codes),
        salt=CODES_SALT,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        path=reverse("reports:form"),
    )
    return response


def _own_report(request):
    """The report this browser just sent (receipts are only for the browser that sent it)."""
    codes = _sent_codes(request)
    wanted = request.GET.get("kode") or (codes[-1] if codes else "")
    if wanted not in codes:
        raise Http404
    return get_object_or_404(services.with_evidence_count(Report.objects), code=wanted)


def receipt(request):
    report = _own_report(request)
    context = {
        "report": report,
        "status_url": _status_url(request, report),
        "view": reporter_view(report),
        "facts": reported_facts(report),
    }
    return render(request, "reports/receipt.html", context)


def receipt_download(request):
    report = _own_report(request)
    response = HttpResponse(receipt_pdf(report, status_link(report)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="tanda-terima-{report.code}.pdf"'
    return response


def _status_url(request, report):
    """The status page's address as the citizen's browser reached this site (the PDF and mail use the office's)."""
    return request.build_absolute_uri(f"{reverse('reports:status')}?kode={report.code}")


def _status_context(request, report, complete_form=None):
    view = reporter_view(report)
    if view.missing and complete_form is None:
        complete_form = CompleteForm(initial={"kode": report.code})
    return {
        "report": report,
        "updates": report.updates.all(),
        "view": view,
        "complete_form": complete_form if view.missing else None,
    }


def status(request):
    if "kode" not in request.GET:
        return render(request, "reports/status.html", {"lookup": LookupForm()})
    if not ratelimit.hit("lookup", request, settings.PANTAU_REPORT_LOOKUP_LIMIT):
        context = {"lookup": LookupForm(), "error": _("Too many look-ups from your connection. Try again in an hour.")}
        return render(request, "reports/status.html", context, status=429)
    lookup = LookupForm(request.GET)
    if not lookup.is_valid():
        return render(request, "reports/status.html", {"lookup": lookup}, status=400)
    report = services.with_evidence_count(Report.objects.filter(code=lookup.cleaned_data["kode"])).first()
    if report is None:
        context = {"lookup": lookup, "error": _("No report has this code. Check it and try again.")}
        return render(request, "reports/status.html", context, status=404)
    return render(request, "reports/status.html", {"lookup": lookup, **_status_context(request, report)})


@require_POST
def complete(request):
    if not ratelimit.hit("lookup", request, settings.PANTAU_REPORT_LOOKUP_LIMIT):
        return render(
            request,
            "reports/status.html",
            {"lookup": LookupForm(), "error": _("Too many look-ups from your connection. Try again in an hour.")},
            status=429,
        )
    files = _evidence_with_kept(request)
    form = CompleteForm(request.POST, files)
    lookup = LookupForm({"kode": request.POST.get("kode", "")})
    report = Report.objects.filter(code=lookup.cleaned_data["kode"]).first() if lookup.is_valid() else None
    if report is None:
        raise Http404
    if not services.can_complete(report):
        messages.error(request, _("This report can no longer be completed."))
        return redirect(f"{reverse('reports:status')}?kode={report.code}")
    if request.POST.get("website") or not form.is_valid():
        context = {"lookup": lookup, **_status_context(request, report, form)}
        return _refused(request, "reports/status.html", context, files, status=400)
    services.complete_report(report, form.cleaned_data, form.cleaned_data["evidence"], ip=client_ip(request))
    stash.drop(request.POST.get("stash", ""))
    messages.success(request, _("Thank you: what you added is now part of your report."))
    return redirect(f"{reverse('reports:status')}?kode={report.code}")


def privacy(request):
    return render(
        request,
        "reports/privacy.html",
        {"retention_days": settings.PANTAU_IDENTITY_RETENTION_DAYS},
    )


# Office pages


@role_required(REPORT_VIEW_ROLES)
def staff_list(request):
    reports = reports_for(request.user).select_related("kecamatan")
    status_filter = request.GET.get("status")
    if status_filter in Report.Status.values:
        reports = reports.filter(status=status_filter)
    return render(
        request,
        "reports/staff_list.html",
        {
            "reports": (page := paginate(request, reports)),
            "page": page,
            "statuses": Report.Status.choices,
            "status_filter": status_filter,
        },
    )


# Pages about one report carry the exact place and links to the reporter's files: never cached.
@never_cache
@role_required(REPORT_VIEW_ROLES)
def staff_detail(request, pk):
    report = get_report_for(request.user, pk)
    today = services.local_today()
    checks = services.checks_for(report, today)
    days_left = requirements.days_left(report.known_on, today)
    related = list(services.related_reports(report)[:50])
    # The cases app adds the report's cases and the open cases about the same thing (report_page_context).
    contributed: dict = {}
    for contribution in seams.report_page_context:
        contributed.update(contribution.value(report, request.user) or {})
    return render(
        request,
        "reports/staff_detail.html",
        {
            "report": report,
            "checks": checks,
            "formal": [c for c in checks if c.kind == "formal"],
            "materiel": [c for c in checks if c.kind == "materiel"],
            "days_left": days_left,
            "days_late": _days_late(report),
            "deadline": requirements.reporting_deadline(report.known_on) if report.known_on else None,
            "links": report.links.select_related("post", "account"),
            "related": related,
            **contributed,
            "attachments": annotate(request.user, report.attachments.select_related("evidence"), "evidence"),
            "may_see_identity": may_see_identity(request.user),
            "place": place_for(request.user, report),
            "updates": report.updates.all(),
            "inquiry_form": InquiryForm() if report.status == Report.Status.INFORMATION else None,
            "result_form": InquiryResultForm() if report.status == Report.Status.INQUIRY else None,
        },
    )


@require_POST
@role_required(REPORT_HANDLER_ROLES)
def start_inquiry(request, pk):
    report = get_report_for(request.user, pk)
    form = InquiryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The public note is too long."))
    else:
        try:
            inquiry.start_inquiry(report, request.user, form.cleaned_data["public_note"])
            messages.success(request, _("Inquiry started; the reporter is told."))
        except inquiry.NotInquirable:
            messages.error(request, _("Only initial information that is not yet looked into can start an inquiry."))
    return redirect("reports:staff_detail", report.pk)


@require_POST
@role_required(REPORT_HANDLER_ROLES)
def conclude_inquiry(request, pk):
    report = get_report_for(request.user, pk)
    form = InquiryResultForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the result of the inquiry and say what it found."))
        return redirect("reports:staff_detail", report.pk)
    try:
        case = inquiry.conclude_inquiry(report, request.user, **form.cleaned_data)
    except inquiry.NotInquirable:
        messages.error(request, _("This report is not under inquiry."))
        return redirect("reports:staff_detail", report.pk)
    if case is None:
        messages.success(request, _("Inquiry closed without a finding; the reporter is told."))
        return redirect("reports:staff_detail", report.pk)
    messages.success(request, _("Finding %(number)s opened from the inquiry.") % {"number": case.number})
    return redirect("cases:detail", case.pk)


def _days_late(report) -> int:
    """How many days after the reporting window the report was sent (0 when in time or not known)."""
    if not report.known_on:
        return 0
    return max(0, (services.filed_on(report) - requirements.reporting_deadline(report.known_on)).days)


@never_cache
@role_required(REPORT_HANDLER_ROLES)
def staff_identity(request, pk):
    report = get_report_for(request.user, pk)
    identity = services.reveal_identity(report, request.user)
    return render(
        request,
        "reports/identity.html",
        {
            "report": report,
            "identity": identity,
            "origins": services.attachment_origins(report),
            "log": report.identity_views.select_related("user")[:50],
        },
    )


@never_cache
@role_required(REPORT_HANDLER_ROLES)
def attachment(request, pk):
    link = get_object_or_404(ReportAttachment.objects.select_related("evidence", "report"), pk=pk)
    get_report_for(request.user, link.report_id)
    item = link.evidence
    if not evidence_storage().exists(item.sha256):
        raise Http404
    record(request.user, "evidence.downloaded", item, report=link.report_id, sha256=item.sha256)
    response: HttpResponseBase
    if item.mime_type in IMAGE_TYPES:
        data = preview_bytes(item)  # a bounded copy without EXIF/GPS; the original stays evidence
        if data is None:
            raise Http404
        response = HttpResponse(data, content_type="image/png")
        response["Content-Disposition"] = "inline"
    else:
        mime = item.mime_type if item.mime_type in SAFE_DOWNLOAD_TYPES else "application/octet-stream"
        response = FileResponse(
            evidence_storage().open(item.sha256), content_type=mime, as_attachment=True, filename=item.sha256[:16]
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
