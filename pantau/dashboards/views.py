from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from pantau.core.paging import paginate
from pantau.jobs.runner import start_job
from pantau.people.access import role_required
from pantau.people.roles import ANALYSIS_ROLES, MEMBER_ROLES, has_role

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
from .daily import INLINE_SECONDS, catch_up, pending_days
from .exports import export_kinds
from .filters import picker_context, selection_from
from .forms import ExportForm, PositiveMessageForm, WatchListForm
from .panels import panels_for
from .services import mark_read


@role_required(MEMBER_ROLES)
def dashboard(request):
    selection, form = selection_from(request.GET)
    context = {"unread": unread_count(request.user), "form": form}
    if has_role(request.user, ANALYSIS_ROLES):
        catch_up(budget=INLINE_SECONDS)  # posts added by any path since the last count show at once
        context.update(picker_context(request.user, selection), pending_days=pending_days())
    context["panels"] = panels_for(request.user, selection)
    return render(request, "dashboards/dashboard.html", context, status=400 if form.errors else 200)


@role_required(MEMBER_ROLES)
def export(request):
    form = ExportForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        kind, fmt = form.cleaned_data["kind"], form.cleaned_data["format"]
        job = start_job(
            "dashboards.export",
            f"{export_kinds()[kind].title} ({fmt.upper()})",
            {"kind": kind, "format": fmt},
            request.user,
        )
        return redirect("jobs:detail", pk=job.pk)
    return render(request, "dashboards/export.html", {"form": form})


NOTIFICATIONS_PER_PAGE = 50


@role_required(NOTIFICATION_ROLES)
def notifications(request):
    only_unread = request.GET.get("unread") == "1"
    rows = notifications_for(request.user).order_by("-created_at", "-pk")
    if only_unread:
        rows = rows.filter(read_at__isnull=True)
    page = Paginator(rows, NOTIFICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "dashboards/notifications.html",
        {
            "page": page,
            "only_unread": only_unread,
            "unread": unread_count(request.user),
            "can_watch": has_role(request.user, WATCH_LIST_ROLES),
        },
    )


@require_POST
@role_required(NOTIFICATION_ROLES)
def notifications_read(request):
    """Mark one notification (`id`) or all of them read, and go back to the page the reader was on."""
    rows = notifications_for(request.user)
    one = request.POST.get("id", "")
    if one and not one.isdigit():
        messages.error(request, _("No such notification."))
        return redirect("dashboards:notifications")
    if one:
        rows = rows.filter(pk=int(one))
    marked = mark_read(rows)
    if not one:
        text = ngettext("%(n)d notification marked as read.", "%(n)d notifications marked as read.", marked)
        messages.success(request, text % {"n": marked})
    return redirect(_back_to_notifications(request.POST))


def _back_to_notifications(data) -> str:
    query = {name: data[name] for name in ("page", "unread") if data.get(name, "").isdigit()}
    return reverse("dashboards:notifications") + (f"?{urlencode(query)}" if query else "")


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
