from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pantau.core.paging import paginate
from pantau.core.seams import seams
from pantau.people.access import role_required
from pantau.people.roles import ANALYSIS_ROLES, DECIDER_ROLES, MEMBER_ROLES

from . import services
from .access import (
    actions_for,
    can_decide,
    can_prepare,
    can_update_action,
    get_action_for,
    get_meeting_for,
    meetings_for,
    require,
)
from .agenda import add_proposals, agenda_for
from .forms import ActionItemForm, AgendaItemForm, DecisionForm, FollowUpForm, HoldForm, InvitationForm, MeetingForm
from .models import ActionItem


@role_required(MEMBER_ROLES)
def meeting_list(request):
    meetings = meetings_for(request.user).select_related("previous")
    return render(
        request,
        "pokja/list.html",
        {"meetings": (page := paginate(request, meetings)), "page": page, "can_plan": can_decide(request.user)},
    )


@role_required(DECIDER_ROLES)
def meeting_create(request):
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = form.save(commit=False)
        meeting.created_by = meeting.chair = request.user
        meeting.save()
        messages.success(request, _("Meeting planned."))
        return redirect("pokja:detail", pk=meeting.pk)
    return render(request, "pokja/form.html", {"form": form, "title": _("Plan a meeting")})


@role_required(ANALYSIS_ROLES)
def meeting_edit(request, pk):
    meeting = get_meeting_for(request.user, pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("pokja:detail", pk=meeting.pk)
    return render(request, "pokja/form.html", {"form": form, "title": _("Edit meeting"), "meeting": meeting})


@role_required(MEMBER_ROLES)
def meeting_detail(request, pk):
    meeting = get_meeting_for(request.user, pk)
    user = request.user
    actions = actions_for(user).filter(meeting=meeting).select_related("owner_agency", "owner_person")
    return render(
        request,
        "pokja/detail.html",
        {
            "meeting": meeting,
            "invitations": meeting.invitations.select_related("agency", "person"),
            "agenda": [
                (item, AgendaItemForm(instance=item, prefix=f"item{item.pk}")) for item in agenda_for(meeting, user)
            ],
            "decisions": meeting.decisions.all(),
            "actions": [(action, can_update_action(user, action)) for action in actions],
            "follow_ups": meetings_for(user).filter(previous=meeting),
            "can_prepare": can_prepare(user),
            "can_decide": can_decide(user),
            "statuses": ActionItem.Status.choices,
            "invitation_form": InvitationForm(prefix="inv"),
            "agenda_form": AgendaItemForm(prefix="agenda"),
            "decision_form": DecisionForm(prefix="dec"),
            "action_form": ActionItemForm(prefix="act"),
            "hold_form": HoldForm(initial={"minutes": meeting.minutes}),
            "follow_up_form": FollowUpForm(prefix="fu", initial={"mode": meeting.mode}),
            # Other apps' sections (outside invitees: outreach), each under its key.
            **{section.key: section.value(meeting, user) for section in seams.meeting_sections},
        },
    )


def _post_form(request, meeting, form_class, prefix, attach):
    form = form_class(request.POST, prefix=prefix)
    if form.is_valid():
        obj = form.save(commit=False)
        obj.meeting = meeting
        attach(obj)
        obj.save()
        messages.success(request, _("Saved."))
    else:
        errors = "; ".join(f"{field}: {' '.join(str(e) for e in errs)}" for field, errs in form.errors.items())
        messages.error(request, _("Not saved: %(errors)s") % {"errors": errors})
    return redirect("pokja:detail", pk=meeting.pk)


@require_POST
@role_required(ANALYSIS_ROLES)
def invite(request, pk):
    meeting = get_meeting_for(request.user, pk)
    return _post_form(request, meeting, InvitationForm, "inv", lambda obj: None)


@require_POST
@role_required(ANALYSIS_ROLES)
def agenda_add(request, pk):
    meeting = get_meeting_for(request.user, pk)

    def attach(item):
        item.order = meeting.agenda.count() + 1

    return _post_form(request, meeting, AgendaItemForm, "agenda", attach)


@require_POST
@role_required(ANALYSIS_ROLES)
def agenda_propose(request, pk):
    meeting = get_meeting_for(request.user, pk)
    added = add_proposals(meeting)
    messages.success(request, _("%(count)d agenda items proposed from the data.") % {"count": added})
    return redirect("pokja:detail", pk=meeting.pk)


@require_POST
@role_required(ANALYSIS_ROLES)
def agenda_edit(request, pk, item):
    meeting = get_meeting_for(request.user, pk)
    instance = get_object_or_404(meeting.agenda, pk=item)
    form = AgendaItemForm(request.POST, instance=instance, prefix=f"item{instance.pk}")
    if form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
    return redirect("pokja:detail", pk=meeting.pk)


@require_POST
@role_required(ANALYSIS_ROLES)
def agenda_delete(request, pk, item):
    meeting = get_meeting_for(request.user, pk)
    meeting.agenda.filter(pk=item).delete()
    return redirect("pokja:detail", pk=meeting.pk)


@require_POST
@role_required(DECIDER_ROLES)
def meeting_hold(request, pk):
    meeting = get_meeting_for(request.user, pk)
    form = HoldForm(request.POST)
    form.is_valid()
    services.hold_meeting(meeting, form.cleaned_data.get("minutes", ""), request.POST.getlist("attended"))
    from pantau.outreach.services import record_attendance

    for problem in record_attendance(meeting, request.POST):
        messages.error(request, problem)
    messages.success(request, _("The meeting is recorded as held."))
    return redirect("pokja:detail", pk=meeting.pk)


@require_POST
@role_required(DECIDER_ROLES)
def decision_add(request, pk):
    meeting = get_meeting_for(request.user, pk)
    return _post_form(request, meeting, DecisionForm, "dec", lambda obj: None)


@require_POST
@role_required(DECIDER_ROLES)
def action_add(request, pk):
    meeting = get_meeting_for(request.user, pk)
    return _post_form(request, meeting, ActionItemForm, "act", lambda obj: None)


@require_POST
@role_required(DECIDER_ROLES)
def follow_up(request, pk):
    meeting = get_meeting_for(request.user, pk)
    form = FollowUpForm(request.POST, prefix="fu")
    if not form.is_valid():
        errors = "; ".join(f"{field}: {' '.join(str(e) for e in errs)}" for field, errs in form.errors.items())
        messages.error(request, _("Not saved: %(errors)s") % {"errors": errors})
        return redirect("pokja:detail", pk=meeting.pk)
    data = form.cleaned_data
    new = services.plan_follow_up(
        meeting,
        data["starts_at"],
        user=request.user,
        title=data["title"],
        number=data["number"],
        mode=data["mode"],
        link=data["link"],
        place=data["place"],
        public_agenda=data["public_agenda"],
    )
    messages.success(request, _("Follow-up meeting planned."))
    return redirect("pokja:detail", pk=new.pk)


@role_required(MEMBER_ROLES)
def action_list(request):
    status = request.GET.get("status", "")
    rows = actions_for(request.user).select_related("owner_agency", "owner_person", "meeting")
    if status in ActionItem.Status.values:
        rows = rows.filter(status=status)
    page = paginate(request, rows)
    return render(
        request,
        "pokja/actions.html",
        {
            "actions": [(action, can_update_action(request.user, action)) for action in page],
            "page": page,
            "statuses": ActionItem.Status.choices,
            "status": status,
        },
    )


@require_POST
@role_required(MEMBER_ROLES)
def action_status(request, pk):
    action = get_action_for(request.user, pk)
    require(can_update_action(request.user, action))
    try:
        services.set_action_status(action, request.POST.get("status", ""))
    except ValueError:
        messages.error(request, _("Unknown status."))
    else:
        messages.success(request, _("Status updated."))
    target = request.POST.get("next", "")
    if target == "meeting":
        return redirect("pokja:detail", pk=action.meeting_id)
    return redirect("pokja:actions")
