"""The main menu, declared as data: each domain adds its entry here.

An entry is shown only to the roles that may open it, so the menu never
offers a page that would answer 403.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pantau.people.roles import ADMIN_ROLES, ANALYSIS_ROLES, MEMBER_ROLES, has_role

# (url name, label, roles)
MENU = [
    ("core:home", _("Home"), MEMBER_ROLES),
    ("dashboards:dashboard", _("Dashboard"), MEMBER_ROLES),
    ("pokja:list", _("Pokja"), MEMBER_ROLES),
    ("documents:new", _("Documents"), MEMBER_ROLES),
    ("dashboards:positive", _("Positive information"), ANALYSIS_ROLES),
    ("dashboards:notifications", _("Notifications"), MEMBER_ROLES),
    ("jobs:list", _("Jobs"), MEMBER_ROLES),
    ("admin:index", _("Administration"), ADMIN_ROLES),
]


def menu_for(user):
    return [(reverse(name), label) for name, label, roles in MENU if has_role(user, roles)]
