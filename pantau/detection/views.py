import json
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from pantau.core.paging import paginate
from pantau.jobs.models import Job
from pantau.jobs.runner import start_job
from pantau.people.access import role_required
from pantau.people.roles import ANALYSIS_ROLES, DECIDER_ROLES

from . import comparison, factchecks, services
from .access import factchecks_for, get_post_for, may_activate_models, posts_for
from .models import Review, SlangEntry
from .queue import QueuePages
from .taxonomy import LABELS, SEVERITY_NAMES

MAX_UPLOAD = 10 * 1024 * 1024


def _label_rows(labels):
    return [{"key": k, "name": LABELS[k][0], "basis": LABELS[k][1]} for k in labels if k in LABELS]


@role_required(ANALYSIS_ROLES)
def review_queue(request):
    label = request.GET.get("label") or None
    if label not in LABELS:
        label = None
    page = paginate(request, QueuePages(label))
    rows = [
        {
            "c": c,
            "labels": _label_rows([f for f in c.flagged if f != "positif"]),
            "severity": SEVERITY_NAMES[c.severity],
        }
        for c in page
    ]
    return render(
        request,
        "detection/queue.html",
        {"page": page, "rows": rows, "label": label, "labels": _label_rows(LABELS)},
    )


@role_required(ANALYSIS_ROLES)
def post_detail(request, pk):
    post = get_post_for(request.user, pk)
    classification = getattr(post, "classification", None)
    decisions = {r.label: r for r in Review.objects.filter(post=post).select_related("user").order_by("created_at")}
    rows = []
    for key, (name, basis, _weight) in LABELS.items():
        score = classification.scores.get(key, 0) if classification else 0
        flagged = bool(classification and key in classification.flagged)
        why = classification.explanation.get(key, []) if classification else []
        if flagged or key in decisions or score >= 0.3:
            rows.append(
                {"key": key, "name": name, "basis": basis, "score": score, "flagged": flagged, "why": why,
                 "review": decisions.get(key)}
            )  # fmt: skip
    other = [(k, v[0]) for k, v in LABELS.items() if k not in {r["key"] for r in rows}]
    return render(
        request,
        "detection/post.html",
        {"post": post, "c": classification, "rows": rows, "other_labels": other,
         "severity": SEVERITY_NAMES.get(classification.severity) if classification else None},
    )  # fmt: skip


@require_POST
@role_required(ANALYSIS_ROLES)
def post_review(request, pk):
    post = get_post_for(request.user, pk)
    label, decision = request.POST.get("label", ""), request.POST.get("decision", "")
    try:
        services.record_review(post, label, decision, request.user)
    except ValueError:
        messages.error(request, _("Choose a label and a decision."))
    else:
        messages.success(request, _("Decision saved."))
    if request.POST.get("next") == "queue":
        return redirect("detection:queue")
    return redirect("detection:post", pk=post.pk)


def _bulk_items(values) -> list[tuple[int, str]] | None:
    """The queue's checked boxes, each "post id:label"; None when one of them is not that."""
    items = []
    for value in values:
        pk, _sep, label = value.partition(":")
        if not pk.isdigit() or label not in LABELS:
            return None
        items.append((int(pk), label))
    return items


@require_POST
@role_required(ANALYSIS_ROLES)
def bulk_review(request):
    """Confirm or reject every checked label of the review queue in one action."""
    decision = request.POST.get("decision", "")
    wanted = _bulk_items(request.POST.getlist("item"))
    label = request.POST.get("label", "")
    back = reverse("detection:queue") + (f"?{urlencode({'label': label})}" if label in LABELS else "")
    if not wanted or wanted is None or decision not in Review.Decision.values:
        messages.error(request, _("Tick at least one label and choose to confirm or reject."))
        return redirect(back)
    if len(wanted) > services.MAX_BULK_REVIEWS:
        messages.error(request, _("Decide on at most %(n)d labels at once.") % {"n": services.MAX_BULK_REVIEWS})
        return redirect(back)
    posts = posts_for(request.user).in_bulk({pk for pk, _label in wanted})
    reviews = services.record_reviews([(posts[pk], key) for pk, key in wanted if pk in posts], decision, request.user)
    messages.success(
        request, ngettext("%(n)d decision saved.", "%(n)d decisions saved.", len(reviews)) % {"n": len(reviews)}
    )
    return redirect(back)


@require_POST
@role_required(ANALYSIS_ROLES)
def classify_start(request):
    job = services.start_classification(user=request.user)
    return redirect("jobs:detail", pk=job.pk)


@role_required(ANALYSIS_ROLES)
def model_page(request):
    models = services.list_models()
    for m in models:
        m["refused"] = [comparison.describe(r) for r in comparison.refusal(m)]
    active = next((m for m in models if m["active"]), models[0])
    retrains = Job.objects.filter(kind="detection.retrain").order_by("-created_at")[:5]
    comparisons = []
    for job in retrains:
        if job.status == "done" and job.result.get("comparison"):
            comparisons.append(job)
    return render(
        request,
        "detection/models.html",
        {
            "models": models,
            "active": active,
            "metrics": sorted(active.get("metrics", {}).items()),
            "retrains": retrains,
            "comparisons": comparisons,
            "may_activate": may_activate_models(request.user),
            "slang": SlangEntry.objects.all()[:200],
            "labels": _label_rows(LABELS),
        },
    )


@require_POST
@role_required(ANALYSIS_ROLES)
def model_retrain(request):
    job = start_job("detection.retrain", _("Retrain the detection model"), {}, user=request.user)
    return redirect("jobs:detail", pk=job.pk)


@require_POST
@role_required(DECIDER_ROLES)
def model_activate(request):
    version = request.POST.get("version", "")
    try:
        services.activate_model(version)
    except FileNotFoundError:
        messages.error(request, _("No such model."))
        return redirect("detection:models")
    except ValueError:
        messages.error(request, _("This candidate is not offered for activation; the model list says why."))
        return redirect("detection:models")
    start_job("detection.classify", _("Classify posts with the new model"), {}, user=request.user)
    messages.success(request, _("Model activated; posts are being classified again."))
    return redirect("detection:models")


@require_POST
@role_required(ANALYSIS_ROLES)
def slang_add(request):
    slang = request.POST.get("slang", "").strip().lower()
    standard = request.POST.get("standard", "").strip().lower()
    if not slang or not standard or len(slang) > 100 or len(standard) > 200:
        messages.error(request, _("Give both the slang word and its standard form."))
    else:
        SlangEntry.objects.update_or_create(slang=slang, defaults={"standard": standard, "added_by": request.user})
        messages.success(request, _("Slang entry saved; it applies from the next classification."))
    return redirect("detection:models")


@role_required(ANALYSIS_ROLES)
def factcheck_list(request):
    page = paginate(request, factchecks_for(request.user))
    return render(request, "detection/factchecks.html", {"page": page})


@require_POST
@role_required(ANALYSIS_ROLES)
def factcheck_upload(request):
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file."))
        return redirect("detection:factchecks")
    if upload.size > MAX_UPLOAD:
        messages.error(request, _("The file is too large (10 MB at most)."))
        return redirect("detection:factchecks")
    try:
        items = factchecks.parse_file(upload.name, upload.read())
    except (ValueError, UnicodeDecodeError) as exc:
        messages.error(request, _("The file could not be read: %(error)s") % {"error": exc})
        return redirect("detection:factchecks")
    if not items:
        messages.error(request, _("No fact-check found in the file."))
        return redirect("detection:factchecks")
    created, existing = services.import_factchecks(items, source="upload", user=request.user)
    messages.success(request, _("%(created)d fact-check(s) added, %(existing)d already there.") % {
        "created": created, "existing": existing})  # fmt: skip
    if created:
        services.start_classification(user=request.user)
    return redirect("detection:factchecks")


@role_required(ANALYSIS_ROLES)
def factcheck_export(request):
    docs = [factchecks.to_claimreview(fc) for fc in factchecks_for(request.user)]
    response = HttpResponse(json.dumps(docs, indent=2, ensure_ascii=False), content_type="application/ld+json")
    response["Content-Disposition"] = 'attachment; filename="claimreview.json"'
    return response
