from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pantau.core.paging import paginate
from pantau.evidence.filecheck import IMAGE, FileRefused, check_file
from pantau.inventory.access import get_group_for, groups_for
from pantau.people.access import role_required
from pantau.pokja.access import get_meeting_for

from . import services
from .access import (
    OUTREACH_ROLES,
    commitments_for,
    get_commitment_for,
    get_invitation_for,
    get_person_for,
    people_for,
)
from .forms import CloseForm, CommitmentForm, MergeForm, PersonForm, StatusForm, TieForm
from .models import Commitment, Tie
from .services import OutreachError


def _errors(form) -> str:
    return "; ".join(
        f"{field}: {' '.join(errs)}" if field != "__all__" else " ".join(errs) for field, errs in form.errors.items()
    )


@role_required(OUTREACH_ROLES)
def person_list(request):
    rows = people_for(request.user).prefetch_related("ties__group", "ties__account")
    query = request.GET.get("q", "").strip()[:100]
    if query:
        rows = rows.filter(
            Q(name__icontains=query)
            | Q(ties__group__name__icontains=query)
            | Q(ties__account__platform_id__icontains=query)
        ).distinct()
    page = paginate(request, rows)
    return render(request, "outreach/list.html", {"page": page, "query": query})


@role_required(OUTREACH_ROLES)
def person_new(request):
    group = get_group_for(request.user, request.GET["group"]) if request.GET.get("group", "").isdigit() else None
    form = PersonForm(request.POST or None)
    tie_form = TieForm(request.POST or None, prefix="tie", initial={"role": Tie.Role.ADMIN})
    if request.method == "POST" and form.is_valid():
        person = services.create_person(request.user, **form.cleaned_data)
        if group is not None:
            role = request.POST.get("tie-role") if request.POST.get("tie-role") in Tie.Role.values else Tie.Role.ADMIN
            account = None
            if request.POST.get("tie-handle", "").strip():
                account = services.account_for(group.platform, request.POST["tie-handle"], person.name)
                services.add_tie(
                    person, request.user, Tie.Role.ACCOUNT, account=account, source=request.POST.get("tie-source", "")
                )
            services.add_tie(
                person, request.user, role, group=group, account=account, source=request.POST.get("tie-source", "")
            )
        messages.success(request, _("Saved."))
        return redirect("outreach:person", pk=person.pk)
    return render(
        request,
        "outreach/form.html",
        {"form": form, "tie_form": tie_form, "group": group, "title": _("New outside person")},
    )


@role_required(OUTREACH_ROLES)
def person_detail(request, pk):
    person = get_person_for(request.user, pk)
    return render(
        request,
        "outreach/detail.html",
        {
            "person": person,
            "ties": person.ties.select_related("group", "account"),
            "invitations": person.invitations.select_related("meeting", "group"),
            "commitments": person.commitments.select_related("meeting", "group"),
            "history": person.changes.select_related("changed_by"),
            "tie_form": TieForm(prefix="tie"),
            "merge_form": MergeForm(),
            "groups": groups_for(request.user).order_by("name")[:500],
        },
    )


@role_required(OUTREACH_ROLES)
def person_edit(request, pk):
    person = get_person_for(request.user, pk)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        # The form wrote the new values onto `person`; read the stored ones back so the history sees both.
        stored = get_person_for(request.user, pk)
        services.update_person(stored, request.user, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("outreach:person", pk=person.pk)
    return render(request, "outreach/form.html", {"form": form, "person": person, "title": _("Edit")})


@require_POST
@role_required(OUTREACH_ROLES)
def person_tie(request, pk):
    person = get_person_for(request.user, pk)
    form = TieForm(request.POST, prefix="tie")
    if not form.is_valid():
        messages.error(request, _("Not saved: %(errors)s") % {"errors": _errors(form)})
        return redirect("outreach:person", pk=person.pk)
    data = form.cleaned_data
    group = get_group_for(request.user, data["group"]) if data.get("group") else None
    try:
        account = services.account_for(data["platform"], data["handle"]) if data.get("handle") else None
        services.add_tie(person, request.user, data["role"], group=group, account=account, source=data["source"])
    except OutreachError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Saved."))
    return redirect("outreach:person", pk=person.pk)


@require_POST
@role_required(OUTREACH_ROLES)
def person_merge(request, pk):
    person = get_person_for(request.user, pk)
    form = MergeForm(request.POST)
    duplicate = people_for(request.user).filter(pk=form.cleaned_data["duplicate"]).first() if form.is_valid() else None
    if duplicate is None:
        messages.error(request, _("No such person to merge."))
        return redirect("outreach:person", pk=person.pk)
    try:
        services.merge_people(person, duplicate, request.user)
    except OutreachError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The two records are one now."))
    return redirect("outreach:person", pk=person.pk)


@require_POST
@role_required(OUTREACH_ROLES)
def meeting_invite(request, pk):
    meeting = get_meeting_for(request.user, pk)
    made = services.invite_proposed(
        meeting, request.POST.getlist("invitee"), request.user, people_for(request.user), groups_for(request.user)
    )
    if made:
        messages.success(request, _("Invited: %(names)s.") % {"names": ", ".join(str(inv.person) for inv in made)})
    else:
        messages.error(request, _("Tick the admins and moderators to invite."))
    return redirect("pokja:detail", pk=meeting.pk)


@require_POST
@role_required(OUTREACH_ROLES)
def invitation_status(request, pk):
    invitation = get_invitation_for(request.user, pk)
    form = StatusForm(request.POST)
    try:
        if not form.is_valid():
            raise OutreachError(_("Unknown status."))
        services.set_status(invitation, form.cleaned_data["status"], form.cleaned_data["represented_by"])
    except OutreachError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Status updated."))
    return redirect("pokja:detail", pk=invitation.meeting_id)


@require_POST
@role_required(OUTREACH_ROLES)
def commitment_add(request, pk):
    meeting = get_meeting_for(request.user, pk)
    form = CommitmentForm(request.POST, prefix="com", meeting=meeting)
    if not form.is_valid():
        messages.error(request, _("Not saved: %(errors)s") % {"errors": _errors(form)})
        return redirect("pokja:detail", pk=meeting.pk)
    person = form.cleaned_data["person"]
    invitation = meeting.outside_invitations.filter(person=person).first()
    services.add_commitment(
        meeting, person, form.cleaned_data["text"], request.user,
        group=invitation.group if invitation else None, due_date=form.cleaned_data["due_date"],
    )  # fmt: skip
    messages.success(request, _("Saved."))
    return redirect("pokja:detail", pk=meeting.pk)


@role_required(OUTREACH_ROLES)
def commitment_list(request):
    status = request.GET.get("status", "")
    rows = commitments_for(request.user).select_related("person", "group", "meeting", "evidence")
    if status in Commitment.Status.values:
        rows = rows.filter(status=status)
    return render(
        request,
        "outreach/commitments.html",
        {
            "commitments": (page := paginate(request, rows)),
            "page": page,
            "statuses": Commitment.Status.choices,
            "status": status,
            "close_form": CloseForm(auto_id=False),
        },
    )


@require_POST
@role_required(OUTREACH_ROLES)
def commitment_close(request, pk):
    commitment = get_commitment_for(request.user, pk)
    form = CloseForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Not saved: %(errors)s") % {"errors": _errors(form)})
        return redirect("outreach:commitments")
    data = form.cleaned_data
    try:
        if data.get("screenshot") is not None:
            shot = data["screenshot"]
            check_file(shot, name=shot.name, accept={IMAGE}, max_bytes=settings.PANTAU_MAX_UPLOAD_BYTES)
        services.close_commitment(
            commitment, request.user, data["outcome"] == Commitment.Status.KEPT, data["note"],
            evidence_url=data["evidence_url"], screenshot=data.get("screenshot"),
        )  # fmt: skip
    except (OutreachError, FileRefused) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The commitment is closed; the coordinators are told."))
    return redirect("outreach:commitments")
