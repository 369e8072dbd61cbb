from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pantau.core.paging import paginate
from pantau.evidence.similar import annotate
from pantau.people.access import role_required
from pantau.people.roles import REPORT_HANDLER_ROLES
from pantau.reports.access import get_report_for

from . import domain, services
from .access import CASE_HANDLER_ROLES, CASE_VIEW_ROLES, cases_for, get_case_for, may_handle, may_move
from .forms import AssignForm, AttachForm, ExtendForm, FindingForm, MoveForm, NoteForm, OutcomeForm


@role_required(CASE_VIEW_ROLES)
def case_list(request):
    cases = cases_for(request.user).select_related("report")
    status_filter = request.GET.get("status")
    if status_filter in dict(domain.STATUSES):
        cases = cases.filter(status=status_filter)
    return render(
        request,
        "cases/list.html",
        {
            "cases": (page := paginate(request, cases)),
            "page": page,
            "statuses": domain.STATUSES,
            "status_filter": status_filter,
            "may_handle": may_handle(request.user),
        },
    )


@role_required(CASE_HANDLER_ROLES)
def new_finding(request):
    form = FindingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = services.open_case(
            user=request.user,
            title=form.cleaned_data["title"],
            summary=form.cleaned_data["summary"],
            violations=form.cleaned_data["violations"],
        )
        return redirect("cases:detail", case.pk)
    return render(request, "cases/new.html", {"form": form})


@require_POST
@role_required(REPORT_HANDLER_ROLES)
def from_report(request, report_pk):
    report = get_report_for(request.user, report_pk)
    existing = report.cases.exclude(status=domain.CLOSED).first()
    if existing:
        return redirect("cases:detail", existing.pk)
    case = services.open_from_report(report, request.user)
    messages.success(request, _("Case %(number)s opened.") % {"number": case.number})
    return redirect("cases:detail", case.pk)


@role_required(CASE_VIEW_ROLES)
def detail(request, pk):
    case = get_case_for(request.user, pk)
    handler = may_handle(request.user)
    deadlines = services.open_deadlines(cases=[case])
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "may_handle": handler,
            "events": case.events.select_related("actor"),
            "deadlines": deadlines,
            "met_deadlines": case.deadlines.filter(met_at__isnull=False),
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
            "reporter": case.report.pseudonym if case.report_id else "",
            "decisions": domain.DECISIONS,
        },
    )


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
            messages.error(request, error)
    return redirect("cases:detail", case.pk)


@role_required(CASE_VIEW_ROLES)
def deadlines(request):
    rows = services.open_deadlines(cases=cases_for(request.user))
    return render(
        request, "cases/deadlines.html", {"deadlines": rows, "now": timezone.now(), "rules": domain.DEADLINE_RULES}
    )
