from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pantau.core.client import client_ip
from pantau.evidence.similar import annotate
from pantau.inventory.access import groups_for
from pantau.inventory.models import Platform
from pantau.jobs.files import save_upload
from pantau.jobs.runner import start_job
from pantau.people.access import role_required
from pantau.people.roles import ANALYSIS_ROLES

from .access import get_post_for, posts_for
from .forms import CaptureForm, ImportForm
from .search import search_posts
from .services import capture_post


@role_required(ANALYSIS_ROLES)
def post_list(request):
    posts = posts_for(request.user).select_related("author", "group")
    query = request.GET.get("q", "").strip()[:200]
    platform = request.GET.get("platform", "")
    if query:
        posts = search_posts(posts, query)
    if platform in Platform.values:
        posts = posts.filter(platform=platform)
    page = Paginator(posts.order_by("-posted_at", "-pk"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "intake/post_list.html",
        {"page": page, "q": query, "platform": platform, "platforms": Platform.choices},
    )


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
