from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from pantau.api.tokens import issue_token, live_tokens, revoke_tokens

from . import grants
from .access import get_grant_for, grants_for, role_required
from .forms import LoginForm
from .models import RoleGrant
from .roles import GRANT_CONFIRMER_ROLES, MEMBER_ROLES


class LoginView(auth_views.LoginView):
    template_name = "people/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


login = LoginView.as_view()
logout = auth_views.LogoutView.as_view()


@never_cache
@require_http_methods(["GET", "POST"])
@role_required(MEMBER_ROLES)
def api_tokens(request):
    """The person's API tokens: when each was made and ends; a new one is shown on this answer only."""
    new_token = None
    if request.method == "POST" and request.POST.get("action") == "create":
        _record, new_token = issue_token(request.user)
    elif request.method == "POST" and request.POST.get("action") == "revoke":
        count = revoke_tokens(request.user)
        messages.success(
            request, ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", count) % {"count": count}
        )
        return redirect("people:api_tokens")
    elif request.method == "POST":
        messages.error(request, _("Unknown action."))
        return redirect("people:api_tokens")
    tokens = live_tokens(request.user).order_by("-created")
    return render(
        request,
        "people/api_tokens.html",
        {"tokens": tokens, "new_token": new_token, "token_days": settings.PANTAU_TOKEN_DAYS},
    )


@role_required(GRANT_CONFIRMER_ROLES)
def grant_list(request):
    visible = grants_for(request.user)
    return render(
        request,
        "people/grants.html",
        {
            "pending": visible.filter(status=RoleGrant.Status.PENDING),
            "decided": visible.exclude(status=RoleGrant.Status.PENDING)[:50],
        },
    )


@require_POST
@role_required(GRANT_CONFIRMER_ROLES)
def grant_decide(request, pk):
    grant = get_grant_for(request.user, pk)
    decision = request.POST.get("decision")
    if decision not in ("confirm", "refuse"):
        messages.error(request, _("Choose confirm or refuse."))
        return redirect("people:grants")
    try:
        (grants.confirm if decision == "confirm" else grants.refuse)(grant, request.user)
    except grants.GrantError as exc:
        messages.error(request, str(exc))
        return redirect("people:grants")
    done = (
        _("Confirmed: %(user)s now has the role %(role)s.")
        if decision == "confirm"
        else _("Refused: %(user)s keeps the role %(role)s.")
    )
    grant.user.refresh_from_db()
    role = grant.get_role_display() if decision == "confirm" else grant.user.get_role_display()
    messages.success(request, done % {"user": grant.user.get_username(), "role": role})
    return redirect("people:grants")
