from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pantau.jobs.runner import start_job
from pantau.people.access import role_required
from pantau.people.roles import ANALYSIS_ROLES, MEMBER_ROLES, has_role

from .exports import EXPORTS
from .forms import ExportForm, PositiveMessageForm, WatchListForm
from .models import Notification, PositiveMessage, WatchList
from .panels import panels_for


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


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


@role_required(MEMBER_ROLES)
def notifications(request):
    rows = Notification.objects.filter(user=request.user)
    return render(
        request,
        "dashboards/notifications.html",
        {
            "notifications": rows[:200],
            "unread": unread_count(request.user),
            "can_watch": has_role(request.user, ANALYSIS_ROLES),
        },
    )


@require_POST
@role_required(MEMBER_ROLES)
def notifications_read(request):
    rows = Notification.objects.filter(user=request.user, read_at__isnull=True)
    if request.POST.get("id"):
        rows = rows.filter(pk=request.POST["id"])
    rows.update(read_at=timezone.now())
    return redirect("dashboards:notifications")


def _watch_lists_for(user):
    return WatchList.objects.filter(owner=user) | WatchList.objects.filter(subscribers=user)


@role_required(ANALYSIS_ROLES)
def watch_lists(request):
    form = WatchListForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        watch = form.save(commit=False)
        watch.owner = request.user
        watch.save()
        form.save_m2m()
        messages.success(request, _("Watch list saved."))
        return redirect("dashboards:watch_lists")
    rows = _watch_lists_for(request.user).distinct().prefetch_related("accounts", "groups")
    return render(request, "dashboards/watch_lists.html", {"form": form, "watch_lists": rows})


@require_POST
@role_required(ANALYSIS_ROLES)
def watch_list_delete(request, pk):
    get_object_or_404(WatchList, pk=pk, owner=request.user).delete()
    return redirect("dashboards:watch_lists")


@role_required(ANALYSIS_ROLES)
def positive(request):
    form = PositiveMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        message = form.save(commit=False)
        message.created_by = request.user
        message.save()
        form.save_m2m()
        message.posts.set(form.cleaned_data["post_refs"])
        messages.success(request, _("Saved."))
        return redirect("dashboards:positive")
    rows = PositiveMessage.objects.prefetch_related("posts", "accounts")[:200]
    return render(request, "dashboards/positive.html", {"form": form, "messages_list": rows})
