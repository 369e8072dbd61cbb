from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pantau.core.paging import paginate
from pantau.intake.models import Post
from pantau.jobs.runner import start_job
from pantau.people.access import role_required
from pantau.people.roles import ANALYSIS_ROLES

from . import exports
from .access import clusters_for, get_cluster_for
from .models import Run
from .services import current_params, flag_cluster_accounts


def account_url(pk) -> str:
    return reverse("inventory:account", args=[pk])


@role_required(ANALYSIS_ROLES)
def cluster_list(request):
    run = Run.objects.first()
    clusters = clusters_for(request.user).filter(run=run).prefetch_related("accounts") if run else []
    return render(
        request,
        "coordination/list.html",
        {"run": run, "clusters": (page := paginate(request, clusters)), "page": page, "params": current_params()},
    )


@role_required(ANALYSIS_ROLES)
@require_POST
def start_run(request):
    full = request.POST.get("full") == "1"
    params = current_params().as_dict() | {"min_weight": current_params().min_weight, "full": full}
    job = start_job("coordination.run", _("Coordination analysis"), params, user=request.user)
    return redirect("jobs:detail", job.pk)


@role_required(ANALYSIS_ROLES)
def cluster_detail(request, pk):
    cluster = get_cluster_for(request.user, pk)
    accounts = list(cluster.accounts.all())
    names = {a.pk: a for a in accounts}
    edges = list(cluster.edges.all())
    post_ids = {pid for edge in edges for pair in edge.evidence[:5] for pid in pair}
    posts = Post.objects.in_bulk(post_ids)
    for edge in edges:
        # Display-only attributes the template reads (the two accounts, the first evidence posts).
        edge.a, edge.b = names.get(edge.account_a_id), names.get(edge.account_b_id)  # type: ignore[attr-defined]
        edge.pairs = [(posts.get(pa), posts.get(pb)) for pa, pb in edge.evidence[:5]]  # type: ignore[attr-defined]
    graph = {
        "nodes": [{"data": {"id": str(a.pk), "label": str(a), "href": account_url(a.pk)}} for a in accounts],
        "edges": [
            {
                "data": {
                    "id": f"e{e.pk}",
                    "source": str(e.account_a_id),
                    "target": str(e.account_b_id),
                    "weight": e.weight,
                    "kind": e.kind,
                }
            }
            for e in edges
        ],
    }
    for account in accounts:
        account.inventory_url = account_url(account.pk)  # type: ignore[attr-defined]  # for the template
    return render(
        request,
        "coordination/detail.html",
        {"cluster": cluster, "accounts": accounts, "edges": edges, "graph": graph},
    )


@role_required(ANALYSIS_ROLES)
@require_POST
def flag_cluster(request, pk):
    cluster = get_cluster_for(request.user, pk)
    changed = flag_cluster_accounts(cluster, request.user)
    messages.success(request, _("%(count)d account(s) flagged in the inventory.") % {"count": changed})
    return redirect("coordination:detail", cluster.pk)


@role_required(ANALYSIS_ROLES)
def cluster_export(request, pk, fmt):
    cluster = get_cluster_for(request.user, pk)
    if fmt not in exports.FORMATS:
        raise Http404
    content, content_type = exports.export_cluster(cluster, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="klaster-{cluster.pk}.{fmt}"'
    return response
