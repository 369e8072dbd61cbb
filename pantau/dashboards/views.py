from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pantau.core.paging import paginate
from pantau.jobs.runner import start_job
from pantau.people.access import role_required
from pantau.people.roles import MEMBER_ROLES, has_role

from .access import (
    NOTIFICATION_ROLES,
    POSITIVE_READER_ROLES,
    WATCH_LIST_ROLES,
    get_own_watch_list,
    may_add_positive,
    notifications_for,
    positive_messages_for,
    unread_count,
    watch_lists_for,
)
from .exports import EXPORTS
from .forms import ExportForm, PositiveMessageForm, WatchListForm
from .panels import panels_for
from .services import mark_read


@role_required(MEMBER_ROLES)
def dashboard(request):
    return render(
        request,
        "dashboards/dashboard.html",
        {"panels": panels_for(request.user), "unread": unread_count(request.user)},
    )


@role_required(MEMBER_ROLES)
def export(request):
    form = ExportForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        kind, fmt = form.cleaned_data["kind"], form.cleaned_data["format"]
        job = start_job(
            "dashboards.export", f"{EXPORTS[kind].title} ({fmt.upper()})", {"kind": kind, "format": fmt}, request.user
        )
        return redirect("jobs:detail", pk=job.pk)
    return render(request, "dashboards/export.html", {"form": form})


@role_required(NOTIFICATION_ROLES)
def notifications(request):
    return render(
        request,
        "dashboards/notifications.html",
        {
            "notifications": notifications_for(request.user)[:200],
            "unread": unread_count(request.user),
            "can_watch": has_role(request.user, WATCH_LIST_ROLES),
        },
    )


@require_POST
@role_required(NOTIFICATION_ROLES)
def notifications_read(request):
    rows = notifications_for(request.user)
    if request.POST.get("id"):
        rows = rows.filter(pk=request.POST["id"])
    mark_read(rows)
    return redirect("dashboards:notifications")


@role_required(WATCH_LIST_ROLES)
def watch_lists(request):
    form = WatchListForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        watch = form.save(commit=False)
        watch.owner = request.user
        watch.save()
        form.save_m2m()
        messages.success(request, _("Watch list saved."))
        return redirect("dashboards:watch_lists")
    rows = watch_lists_for(request.user).prefetch_related("accounts", "groups")
    return render(request, "dashboards/watch_lists.html", {"form": form, "watch_lists": rows})


@require_POST
@role_required(WATCH_LIST_ROLES)
def watch_list_delete(request, pk):
    get_own_watch_list(request.user, pk).delete()
    return redirect("dashboards:watch_lists")


@role_required(POSITIVE_READER_ROLES)
def positive(request):
    if request.method == "POST" and not may_add_positive(request.user):
        raise PermissionDenied
    form = PositiveMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        message = form.save(commit=False)
        message.created_by = request.user
        message.save()
        form.save_m2m()
        message.posts.set(form.cleaned_data["post_refs"])
        messages.success(request, _("Saved."))
        return redirect("dashboards:positive")
    rows = paginate(request, positive_messages_for(request.user).prefetch_related("posts", "accounts"))
    return render(request, "dashboards/positive.html", {"form": form, "messages_list": rows, "page": rows})
