from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pantau.core.client import client_ip
from pantau.core.paging import paginate
from pantau.dashboards.exports import WRITERS, get_export
from pantau.evidence.similar import annotate
from pantau.inventory.access import accounts_for, groups_for
from pantau.jobs.files import save_upload
from pantau.jobs.runner import start_job
from pantau.people.access import role_required
from pantau.people.roles import ANALYSIS_ROLES
from pantau.regions.models import Level, Region

from . import saved
from .access import get_post_for, get_saved_search_for, may_delete_search, posts_for, saved_searches_for
from .forms import CaptureForm, ImportForm
from .listing import describe, filter_posts, list_rows
from .services import capture_post


@role_required(ANALYSIS_ROLES)
def post_list(request):
    posts, form = filter_posts(request.user, request.GET)
    page = paginate(request, posts.select_related("author", "group", "kecamatan", "classification"))
    applied = form.applied()
    context = {
        "page": page,
        "rows": list_rows(page),
        "form": form,
        "applied": applied,
        "chips": _chips(request.user, form),
        "kecamatans": Region.objects.filter(level=Level.KECAMATAN).order_by("name"),
        "saved": saved_searches_for(request.user),
        "formats": list(WRITERS),
    }
    return render(request, "intake/post_list.html", context, status=400 if form.errors else 200)


def _chips(user, form) -> list[tuple[str, str]]:
    """The group and account filters by name (they are ids in the link), with a link that drops each."""
    chips = []
    names = {"group": groups_for(user), "account": accounts_for(user)}
    for key, rows in names.items():
        pk = form.cleaned_data.get(key)
        if pk:
            obj = rows.filter(pk=pk).first()
            label = _("Group") if key == "group" else _("Account")
            chips.append((key, f"{label}: {obj if obj else pk}"))
    return chips


@require_POST
@role_required(ANALYSIS_ROLES)
def post_export(request):
    """Export the posts the list shows with the same filters (in the order they were added)."""
    _posts, form = filter_posts(request.user, request.POST)
    fmt = request.POST.get("format", "")
    if form.errors or fmt not in WRITERS:
        messages.error(request, _("The export was not started: check the filters and the format."))
        return redirect(_list_url(form.applied()))
    kind = get_export("posts", request.user)
    filters = {key: value for key, value in form.applied().items() if key != "sort"}
    job = start_job(
        "dashboards.export",
        f"{kind.title} ({fmt.upper()})",
        {"kind": "posts", "format": fmt, "filters": filters},
        request.user,
    )
    return redirect("jobs:detail", pk=job.pk)


def _list_url(params) -> str:
    return reverse("intake:list") + (f"?{urlencode(params)}" if params else "")


@role_required(ANALYSIS_ROLES)
def saved_searches(request):
    if request.method == "POST":
        try:
            search = saved.save_search(request.user, request.POST.get("name", ""), request.POST)
        except saved.SavedSearchError as exc:
            messages.error(request, str(exc))
            _posts, form = filter_posts(request.user, request.POST)
            return redirect(_list_url(form.applied()))
        if request.POST.get("subscribe"):
            saved.subscribe(search, request.user)
        messages.success(request, _("Search saved."))
        return redirect("intake:searches")
    rows = saved_searches_for(request.user).select_related("created_by").prefetch_related("watch_lists")
    page = paginate(request, rows)
    for search in page:
        search.described = describe(request.user, search.params)
        search.subscribed = any(w.owner_id == request.user.pk for w in search.watch_lists.all())
        search.subscribers = len(search.watch_lists.all())
        search.deletable = may_delete_search(request.user, search)
    return render(request, "intake/searches.html", {"page": page})


@require_POST
@role_required(ANALYSIS_ROLES)
def saved_search_subscribe(request, pk):
    search = get_saved_search_for(request.user, pk)
    if request.POST.get("action") == "unsubscribe":
        saved.unsubscribe(search, request.user)
        messages.success(request, _("You no longer get alerts for this search."))
    else:
        saved.subscribe(search, request.user, email=bool(request.POST.get("email", "1")))
        messages.success(request, _("You get an alert when a new post matches this search."))
    return redirect("intake:searches")


@require_POST
@role_required(ANALYSIS_ROLES)
def saved_search_delete(request, pk):
    search = get_saved_search_for(request.user, pk)
    if not may_delete_search(request.user, search):
        raise PermissionDenied
    saved.delete_search(search, request.user)
    messages.success(request, _("Search deleted."))
    return redirect("intake:searches")


@role_required(ANALYSIS_ROLES)
def post_detail(request, pk):
    post = get_post_for(request.user, pk)
    links = annotate(request.user, post.evidence_links.select_related("item", "added_by"), "item")
    # Only posts the caller may see are linked; the others show their key.
    visible = posts_for(request.user)
    references = post.references.select_related("target").filter(target__in=visible) | post.references.filter(
        target__isnull=True
    )
    referenced_by = post.referenced_by.select_related("post").filter(post__in=visible)[:50]
    return render(
        request,
        "intake/post_detail.html",
        {"post": post, "evidence_links": links, "references": references[:50], "referenced_by": referenced_by},
    )


@role_required(ANALYSIS_ROLES)
def capture(request):
    form = CaptureForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        post = capture_post(
            user=request.user,
            url=data["url"],
            platform=data["platform"],
            account_id=data["account_id"],
            account_name=data["account_name"],
            text=data["text"],
            seen_at=data["seen_at"],
            posted_at=data["posted_at"],
            group=data["group"],
            files=data["files"],
            ip=client_ip(request),
        )
        messages.success(request, _("Post captured."))
        return redirect("intake:detail", pk=post.pk)
    groups = groups_for(request.user).order_by("name").values_list("name", flat=True)[:500]
    return render(
        request, "intake/capture.html", {"form": form, "known_groups": groups}, status=400 if form.errors else 200
    )


@role_required(ANALYSIS_ROLES)
def upload(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        stored = save_upload(upload)
        job = start_job(
            "intake.import",
            _("Import %(name)s") % {"name": upload.name[:150]},
            {
                "upload": stored,
                "name": upload.name[:255],
                "format": form.cleaned_data["format"],
                "group": form.cleaned_data["group"],
            },
            user=request.user,
        )
        return redirect("jobs:detail", pk=job.pk)
    return render(request, "intake/upload.html", {"form": form}, status=400 if form.errors else 200)
