from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pantau.core.paging import paginate
from pantau.evidence.similar import annotate
from pantau.people.access import role_required
from pantau.people.roles import REPORT_HANDLER_ROLES
from pantau.reports.access import get_report_for

from . import domain, findings, forwarding, matching, services
from .access import (
    CASE_HANDLER_ROLES,
    CASE_VIEW_ROLES,
    cases_for,
    forwardings_for,
    get_case_for,
    get_forwarding_for,
    may_forward,
    may_handle,
    may_move,
)
from .deadlines import DEADLINE_RULES, RULE_BY_KEY
from .forms import (
    AnswerForm,
    AssignForm,
    AttachForm,
    ExtendForm,
    FindingForm,
    ForwardForm,
    JoinForm,
    MoveForm,
    NoteForm,
    OutcomeForm,
)
from .models import CaseReport


@role_required(CASE_VIEW_ROLES)
def case_list(request):
    cases = cases_for(request.user).select_related("report")
    status_filter = request.GET.get("status")
    if status_filter in dict(domain.STATUSES):
        cases = cases.filter(status=status_filter)
    q = request.GET.get("q", "").strip()[:60]
    if q:
        cases = cases.filter(Q(register_number__icontains=q) | Q(number__icontains=q))
    return render(
        request,
        "cases/list.html",
        {
            "cases": (page := paginate(request, cases)),
            "page": page,
            "statuses": domain.STATUSES,
            "status_filter": status_filter,
            "q": q,
            "may_handle": may_handle(request.user),
        },
    )


@role_required(CASE_HANDLER_ROLES)
def new_finding(request):
    """A finding, from nothing or from posts, an account or a cluster (?post=1&post=2, ?account=, ?cluster=)."""
    data = request.POST if request.method == "POST" else request.GET
    sources = findings.sources_for(request.user, data.getlist("post"), data.getlist("account"), data.getlist("cluster"))
    proposed = findings.proposed_violations(sources.posts)
    initial = {
        "title": findings.default_title(sources),
        "summary": findings.default_summary(sources),
        "violations": [label for label, _count in proposed],
    }
    form = FindingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        case = services.open_case(
            user=request.user,
            title=form.cleaned_data["title"],
            summary=form.cleaned_data["summary"],
            violations=form.cleaned_data["violations"],
            posts=sources.posts,
            accounts=sources.accounts,
            clusters=sources.clusters,
        )
        messages.success(request, _("Case %(number)s opened.") % {"number": case.number})
        return redirect("cases:detail", case.pk)
    return render(
        request,
        "cases/new.html",
        {"form": form, "sources": sources, "proposed": [(domain.VIOLATION_BY_LABEL[k], n) for k, n in proposed]},
    )


@require_POST
@role_required(REPORT_HANDLER_ROLES)
def from_report(request, report_pk):
    report = get_report_for(request.user, report_pk)
    if report.is_information:  # not a report the office registers: it may become a finding after an inquiry
        messages.error(
            request, _("This is initial information, not a report: look into it and take it up as a finding.")
        )
        return redirect("reports:staff_detail", report.pk)
    existing = (
        report.cases.exclude(status=domain.CLOSED).first()
        or cases_for(request.user)
        .filter(report_links__report=report, report_links__decision=CaseReport.Decision.JOINED)
        .exclude(status=domain.CLOSED)
        .first()
    )
    if existing:
        return redirect("cases:detail", existing.pk)
    case = services.open_from_report(report, request.user)
    messages.success(request, _("Case %(number)s opened.") % {"number": case.reference})
    return redirect("cases:detail", case.pk)


@role_required(CASE_VIEW_ROLES)
def detail(request, pk):
    case = get_case_for(request.user, pk)
    handler = may_handle(request.user)
    deadlines = services.open_deadlines(cases=[case])
    met_deadlines = list(case.deadlines.filter(met_at__isnull=False).order_by("met_at"))
    for met in met_deadlines:
        met.state = "met"
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "may_handle": handler,
            "events": case.events.select_related("actor"),
            "deadlines": deadlines,
            "met_deadlines": [d for d in met_deadlines if d.rule_def],
            "move_form": MoveForm(case=case) if handler else None,
            "assign_form": AssignForm(initial={"people": case.assignees.all(), "agencies": case.agencies.all()})
            if handler
            else None,
            "note_form": NoteForm() if handler else None,
            "outcome_form": OutcomeForm(
                initial={"outcome": case.outcome, "public_note": case.public_note, "violations": case.violations}
            )
            if handler
            else None,
            "attach_form": AttachForm() if handler else None,
            "extend_form": ExtendForm(),
            "assignees": case.assignees.all(),
            "agencies": case.agencies.all(),
            "attachments": annotate(request.user, case.attachments.select_related("evidence"), "evidence"),
            "reporter": case.report.pseudonym if case.report is not None else "",
            "decisions": domain.DECISIONS,
            **_sources_context(request.user, case, handler),
        },
    )


def _sources_context(user, case, handler) -> dict:
    """What the case is about (posts and their evidence, accounts, clusters), its reports and forwardings."""
    from pantau.coordination.access import clusters_for
    from pantau.intake.access import posts_for
    from pantau.inventory.access import accounts_for

    posts = list(posts_for(user).filter(cases=case).select_related("author").order_by("posted_at", "pk")[:200])
    evidence = findings.evidence_of(posts)
    for post in posts:
        post.kept_evidence = evidence.get(post.pk, [])
    sent = forwardings_for(user).filter(case=case).prefetch_related("agencies").select_related("deadline")
    for item in sent:
        item.destination_name = forwarding.DESTINATION_BY_KEY[item.destination].name
        item.addressee_text = forwarding.addressee_of(item)
    return {
        "posts": posts,
        "accounts": accounts_for(user).filter(cases=case),
        "clusters": clusters_for(user).filter(cases=case),
        "joined_reports": matching.case_reports(case)[1 if case.report_id else 0 :] if handler else [],
        "proposed_reports": matching.proposed_reports(case) if handler else [],
        "forwardings": sent,
        "may_forward": may_forward(user) and case.status in forwarding.FORWARDABLE,
        "answer_form": AnswerForm() if handler else None,
    }


def _handled_case(request, pk):
    case = get_case_for(request.user, pk)
    if not may_handle(request.user):
        raise PermissionDenied
    return case


@require_POST
@role_required(CASE_HANDLER_ROLES)
def move(request, pk):
    case = _handled_case(request, pk)
    form = MoveForm(request.POST, case=case)
    if not form.is_valid():
        messages.error(request, _("This step is not allowed from the case's current status."))
        return redirect("cases:detail", case.pk)
    target = form.cleaned_data["target"]
    if not may_move(request.user, target):
        raise PermissionDenied
    if target in forwarding.FORWARDED:
        messages.error(request, _("A case is forwarded with its letter: use the forwarding form."))
        return redirect("cases:forward", case.pk)
    services.move(case, target, request.user, form.cleaned_data["note"], form.cleaned_data["public_note"])
    messages.success(request, _("Status changed."))
    return redirect("cases:detail", case.pk)


@require_POST
@role_required(CASE_HANDLER_ROLES)
def assign(request, pk):
    case = _handled_case(request, pk)
    form = AssignForm(request.POST)
    if form.is_valid():
        services.assign(case, request.user, people=form.cleaned_data["people"], agencies=form.cleaned_data["agencies"])
        messages.success(request, _("Assignment saved."))
    return redirect("cases:detail", case.pk)


@require_POST
@role_required(CASE_HANDLER_ROLES)
def note(request, pk):
    case = _handled_case(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.add_note(case, request.user, form.cleaned_data["text"])
    return redirect("cases:detail", case.pk)


@require_POST
@role_required(CASE_HANDLER_ROLES)
def outcome(request, pk):
    case = _handled_case(request, pk)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        services.record_outcome(
            case,
            request.user,
            form.cleaned_data["outcome"],
            form.cleaned_data["public_note"],
            form.cleaned_data["violations"],
        )
        messages.success(request, _("Outcome saved."))
    return redirect("cases:detail", case.pk)


@require_POST
@role_required(CASE_HANDLER_ROLES)
def extend(request, pk):
    case = _handled_case(request, pk)
    form = ExtendForm(request.POST)
    if form.is_valid():
        try:
            services.extend(case, form.cleaned_data["rule"], request.user, form.cleaned_data["reason"])
            messages.success(request, _("Deadline extended."))
        except (ValueError, case.deadlines.model.DoesNotExist):
            messages.error(request, _("This deadline cannot be extended."))
    else:
        messages.error(request, _("Give the reason for the extension."))
    return redirect("cases:detail", case.pk)


@require_POST
@role_required(CASE_HANDLER_ROLES)
def attach(request, pk):
    case = _handled_case(request, pk)
    form = AttachForm(request.POST, request.FILES)
    if form.is_valid():
        services.attach(case, request.user, form.cleaned_data["file"])
        messages.success(request, _("File attached."))
    else:
        for error in form.errors.get("file", []):
            messages.error(request, str(error))
    return redirect("cases:detail", case.pk)


@role_required(CASE_VIEW_ROLES)
def deadlines(request):
    rows = services.open_deadlines(cases=cases_for(request.user))
    return render(request, "cases/deadlines.html", {"deadlines": rows, "now": timezone.now(), "rules": DEADLINE_RULES})


@require_POST
@role_required(CASE_HANDLER_ROLES)
def join(request, pk):
    """Join a proposed report to the case, or keep it apart (matching.proposed_reports)."""
    case = _handled_case(request, pk)
    form = JoinForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the report and whether it joins the case."))
        return redirect("cases:detail", case.pk)
    report = get_report_for(request.user, form.cleaned_data["report"])
    if case.status in domain.FINAL:
        messages.error(request, _("A closed case takes no more reports."))
        return redirect("cases:detail", case.pk)
    if form.cleaned_data["decision"] == CaseReport.Decision.JOINED:
        services.join_report(case, report, request.user)
        messages.success(request, _("The report is joined to case %(number)s.") % {"number": case.reference})
    else:
        services.keep_apart(case, report, request.user)
        messages.success(request, _("The report is kept apart from case %(number)s.") % {"number": case.reference})
    return redirect("cases:detail", case.pk)


@role_required(CASE_HANDLER_ROLES)
def forward(request, pk):
    case = _handled_case(request, pk)
    if not may_forward(request.user):
        raise PermissionDenied
    form = ForwardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sent = forwarding.forward(
                case,
                request.user,
                data["destination"],
                agencies=data["agencies"],
                addressee=data["addressee"],
                request=data["request"],
                with_identity=data["with_identity"],
            )
        except forwarding.ForwardingRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Forwarded with letter %(number)s.") % {"number": sent.number})
            return redirect("cases:detail", case.pk)
    return render(
        request,
        "cases/forward.html",
        {
            "case": case,
            "form": form,
            "forwardable": case.status in forwarding.FORWARDABLE,
            "destinations": forwarding.DESTINATIONS,
            "rules": RULE_BY_KEY,
        },
        status=400 if form.errors else 200,
    )


LETTER_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@role_required(CASE_VIEW_ROLES)
def forwarding_letter(request, pk):
    """The forwarding letter as PDF (default) or DOCX, made by the documents framework for the one asking."""
    from pantau.audit.log import record
    from pantau.documents.registry import DocumentError
    from pantau.documents.services import FORMATS, generate

    sent = get_forwarding_for(request.user, pk)
    fmt = request.GET.get("format", "pdf")
    if fmt not in FORMATS:
        fmt = "pdf"
    try:
        filename, data = generate("forwarding", fmt, {"forwarding": sent.pk}, user=request.user)
    except DocumentError as exc:
        messages.error(request, str(exc))
        return redirect("cases:detail", sent.case_id)
    record(request.user, "document.downloaded", sent.case, kind="forwarding", file=filename)
    response = HttpResponse(data, content_type=LETTER_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
@role_required(CASE_HANDLER_ROLES)
def answer(request, pk):
    sent = get_forwarding_for(request.user, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        forwarding.record_answer(sent, request.user, form.cleaned_data["answer"], form.cleaned_data["answered_on"])
        messages.success(request, _("The agency's answer is recorded."))
    else:
        messages.error(request, _("Write the agency's answer and the day it came."))
    return redirect("cases:detail", sent.case_id)
