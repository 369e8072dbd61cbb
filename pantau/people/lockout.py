"""The answer to a login refused because of too many failures (django-axes' AXES_LOCKOUT_CALLABLE).

The same rule covers the login form, the admin's login and `/api/token/`: a page with the login
form and the reason in the visitor's language, or the API's one error shape, both with 429 and a
Retry-After so that scripts back off.
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from pantau.api.errors import error_body

from .forms import LoginForm

LOCKED_STATUS = 429


def lockout_message() -> str:
    return _(
        "Too many failed logins for this account or from this address. Try again in %(minutes)s minutes, "
        "or ask the office IT to unlock it."
    ) % {"minutes": settings.PANTAU_LOGIN_LOCKOUT_MINUTES}


def _is_api(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(match and match.namespace == "api")


def lockout_response(request, original_response=None, credentials=None):
    message = lockout_message()
    response: HttpResponse
    if _is_api(request):
        response = JsonResponse(error_body(LOCKED_STATUS, "locked_out", message), status=LOCKED_STATUS)
    else:
        form = LoginForm(request, initial={"username": (credentials or {}).get("username", "")})
        context = {"form": form, "locked_message": message, "next": request.POST.get("next", "/")}
        response = render(request, "people/login.html", context, status=LOCKED_STATUS)
    response["Retry-After"] = str(settings.PANTAU_LOGIN_LOCKOUT_MINUTES * 60)
    return response
