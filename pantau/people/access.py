"""Access helpers: the only way views and API endpoints let a user in.

`role_required` answers 302-to-login for anonymous visitors and 403 for a
signed-in user whose role may not see the page, so no view has to remember
to check. Object-level helpers (`get_for_user`) live in each domain's own
`access.py` and build on `has_role`.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .roles import has_role


def role_required(roles):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = frozenset(roles)  # type: ignore[attr-defined]  # read from the view by the menu
        return wrapped

    return decorator


def grants_for(user):
    """Role grants: coordinators see and decide them; nobody else reaches one here."""
    from .models import RoleGrant
    from .roles import GRANT_CONFIRMER_ROLES

    if has_role(user, GRANT_CONFIRMER_ROLES):
        return RoleGrant.objects.select_related("user", "requested_by", "decided_by")
    return RoleGrant.objects.none()


def get_grant_for(user, pk):
    from django.shortcuts import get_object_or_404

    return get_object_or_404(grants_for(user), pk=pk)
