"""What core adds to the shared seams (pantau.core.seams)."""

from django.utils.translation import gettext_lazy

from pantau.core.seams import seams
from pantau.people.roles import ADMIN_ROLES, MEMBER_ROLES

from . import api

# Home and Django's admin declare no role_required of their own: their entries say who sees them.
seams.menu.add("core:home", gettext_lazy("Home"), order=10, roles=MEMBER_ROLES)
seams.menu.add("admin:index", gettext_lazy("Administration"), order=210, roles=ADMIN_ROLES)

seams.api_urls.add(api.urlpatterns)
