from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from pantau.core.paging import paginate
from pantau.core.seams import seams
from pantau.people.access import role_required
from pantau.people.roles import ANALYSIS_ROLES

from .access import INVENTORY_READERS, accounts_for, get_account_for, get_group_for, groups_for, may_edit
from .counts import posts_model
from .forms import AliasForm, GroupRoleForm, StatusForm
from .models import Account, Platform, WatchStatus
from .services import MAX_BULK, WorkflowError, add_group_role, change_status, change_status_many, link_alias
from .workflow import may_override

SORTS = {"risk": "-risk_score", "name": "name", "last_seen": "-last_seen", "posts": "-post_count"}


def _filtered(request, queryset, with_kind):
    params = request.GET
    if params.get("platform") in Platform.values:
        queryset = queryset.filter(platform=params["platform"])
    if params.get("status") in WatchStatus.values:
        queryset = queryset.filter(status=params["status"])
    if with_kind and params.get("kind") in Account.Kind.values:
        queryset = queryset.filter(kind=params["kind"])
    query = params.get("q", "").strip()[:100]
    if query:
        queryset = queryset.filter(
            Q(name__icontains=query) | Q(platform_id__icontains=query) | Q(notes__icontains=query)
        )
    sort = SORTS.get(params.get("sort"), "-risk_score")
    # By posts: the stored count (inventory/counts.py); the page shows the exact count.
    page = paginate(request, queryset.order_by(sort, "pk"))
    _count_posts(page.object_list)
    return page


def _count_posts(rows):
    """Posts of the page's rows only: counting every row's posts before paging read all the posts.

    COUNT(*), not of the id: the (author, time) and (group, time) indexes answer it without the table.
    """
    rows = list(rows)
    if not rows:
        return
    field = "author" if isinstance(rows[0], Account) else "group"
    counts = dict(
        posts_model()
        .objects.filter(**{f"{field}__in": [row.pk for row in rows]})
        .order_by()
        .values(field)
        .annotate(n=Count("*"))
        .values_list(field, "n")
    )
    for row in rows:
        row.post_count = counts.get(row.pk, 0)


def _filter_context(request):
    return {
        "platforms": Platform.choices,
        "statuses": WatchStatus.choices,
        "kinds": Account.Kind.choices,
        "sorts": [("risk", _("Risk")), ("name", _("Name")), ("last_seen", _("Last seen")), ("posts", _("Posts"))],
        "params": request.GET,
        "query": request.GET.urlencode(),
        "status_form": StatusForm(),
        "editor": may_edit(request.user),
    }


@role_required(INVENTORY_READERS)
def account_list(request):
    page = _filtered(request, accounts_for(request.user), with_kind=True)
    return render(request, "inventory/account_list.html", {"page": page, **_filter_context(request)})


@role_required(ANALYSIS_ROLES)
def group_list(request):
    page = _filtered(request, groups_for(request.user), with_kind=False)
    return render(request, "inventory/group_list.html", {"page": page, **_filter_context(request)})


@role_required(INVENTORY_READERS)
def account_detail(request, pk):
    account = get_account_for(request.user, pk)
    editor = may_edit(request.user)
    context = {"account": account, "editor": editor}
    if editor:
        context.update(
            history=account.status_changes.select_related("changed_by"),
            roles=account.group_roles.select_related("group"),
            aliases=account.actor.accounts.exclude(pk=account.pk) if account.actor else [],
            status_form=StatusForm(initial={"status": account.status}, allow_override=may_override(request.user)),
            alias_form=AliasForm(),
        )
    else:
        context["history"] = account.status_changes.select_related("changed_by")
    return render(request, "inventory/account_detail.html", context)


@role_required(ANALYSIS_ROLES)
def group_detail(request, pk):
    group = get_group_for(request.user, pk)
    return render(
        request,
        "inventory/group_detail.html",
        {
            "group": group,
            "roles": group.roles.select_related("account"),
            "history": group.status_changes.select_related("changed_by"),
            "status_form": StatusForm(initial={"status": group.status}, allow_override=may_override(request.user)),
            "role_form": GroupRoleForm(),
            # Other apps' sections (the people who run the group: outreach), each under its key.
            **{section.key: section.value(group, request.user) for section in seams.group_sections},
        },
    )


def _change_status(request, obj, redirect_to):
    form = StatusForm(request.POST, allow_override=may_override(request.user))
    if form.is_valid():
        data = form.cleaned_data
        try:
            change_status(obj, data["status"], request.user, data["reason"], override=data.get("override", False))
            messages.success(request, _("Status changed."))
        except WorkflowError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Choose a status and give a reason."))
    return redirect(redirect_to, pk=obj.pk)


@require_POST
@role_required(ANALYSIS_ROLES)
def account_status(request, pk):
    return _change_status(request, get_account_for(request.user, pk), "inventory:account")


@require_POST
@role_required(ANALYSIS_ROLES)
def group_status(request, pk):
    return _change_status(request, get_group_for(request.user, pk), "inventory:group")


def _change_status_many(request, objects, redirect_to):
    """The list's bulk action: the ticked rows to one status, with one reason."""
    query = request.POST.get("query", "")  # the list's filters, to come back to the same page
    back = redirect_to + (f"?{query}" if query and query.isprintable() else "")
    form = StatusForm(request.POST)
    ids = [int(pk) for pk in request.POST.getlist("id") if pk.isdigit()]
    if not ids:
        messages.error(request, _("Tick at least one row."))
        return redirect(back)
    if len(ids) > MAX_BULK:
        messages.error(request, _("Change at most %(n)d rows at once.") % {"n": MAX_BULK})
        return redirect(back)
    if not form.is_valid():
        messages.error(request, _("Choose a status and give a reason."))
        return redirect(back)
    rows = objects.filter(pk__in=ids).order_by("pk")
    changed, refused = change_status_many(rows, form.cleaned_data["status"], request.user, form.cleaned_data["reason"])
    if changed:
        messages.success(
            request, ngettext("%(n)d status changed.", "%(n)d statuses changed.", len(changed)) % {"n": len(changed)}
        )
    if refused:
        names = ", ".join(str(obj) for obj, _why in refused[:10])
        messages.warning(request, _("Not changed (already so, or a move the workflow does not allow): %(names)s") % {
            "names": names})  # fmt: skip
    return redirect(back)


@require_POST
@role_required(ANALYSIS_ROLES)
def accounts_status(request):
    return _change_status_many(request, accounts_for(request.user), reverse("inventory:accounts"))


@require_POST
@role_required(ANALYSIS_ROLES)
def groups_status(request):
    return _change_status_many(request, groups_for(request.user), reverse("inventory:groups"))


@require_POST
@role_required(ANALYSIS_ROLES)
def group_add_role(request, pk):
    group = get_group_for(request.user, pk)
    form = GroupRoleForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        account, _created = Account.objects.get_or_create(
            platform=group.platform, platform_id=data["platform_id"], defaults={"name": data["name"]}
        )
        add_group_role(group, account, data["role"], request.user, source=data["source"])
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Give the account and its role."))
    return redirect("inventory:group", pk=group.pk)


@require_POST
@role_required(ANALYSIS_ROLES)
def account_add_alias(request, pk):
    account = get_account_for(request.user, pk)
    form = AliasForm(request.POST)
    if form.is_valid() and form.cleaned_data["account"].pk != account.pk:
        link_alias(account, form.cleaned_data["account"], request.user, form.cleaned_data["actor_name"])
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("No such account in the inventory."))
    return redirect("inventory:account", pk=account.pk)
