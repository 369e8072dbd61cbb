"""The main menu, declared as data: each domain adds its entry here.

An entry is shown only to the roles that may open it, so the menu never
offers a page that would answer 403. An entry may name a badge, `fn(user) ->
int`, whose number is shown beside the label unless it is 0; the menu is on
every page, so a badge must cost one cheap query at most.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pantau.dashboards.access import unread_count
from pantau.intake import menu as intake_menu
from pantau.inventory import menu as inventory_menu
from pantau.people.grants import pending_count
from pantau.people.roles import (
    ADMIN_ROLES,
    ANALYSIS_ROLES,
    DECIDER_ROLES,
    GRANT_CONFIRMER_ROLES,
    MEMBER_ROLES,
    Role,
    has_role,
)
from pantau.reports.access import REPORT_VIEW_ROLES

# (url name, label, roles[, badge])
MENU = [
    ("core:home", _("Home"), MEMBER_ROLES),
    ("dashboards:dashboard", _("Dashboard"), MEMBER_ROLES),
    ("intake:list", intake_menu.POSTS, ANALYSIS_ROLES),
    ("intake:import", intake_menu.IMPORT, ANALYSIS_ROLES),
    ("inventory:accounts", inventory_menu.INVENTORY, ANALYSIS_ROLES | {Role.POKJA}),
    ("detection:queue", _("Review queue"), ANALYSIS_ROLES),
    ("coordination:list", _("Coordination"), ANALYSIS_ROLES),
    ("detection:factchecks", _("Fact-checks"), ANALYSIS_ROLES),
    ("reports:staff_list", _("Reports"), REPORT_VIEW_ROLES),
    ("cases:list", _("Cases"), ANALYSIS_ROLES | {Role.POKJA}),
    ("pokja:list", _("Pokja"), MEMBER_ROLES),
    ("outreach:people", _("Outside people"), ANALYSIS_ROLES),
    ("documents:new", _("Documents"), MEMBER_ROLES),
    ("documents:register", _("Outgoing letters"), ANALYSIS_ROLES),
    ("dashboards:positive", _("Positive information"), ANALYSIS_ROLES),
    ("dashboards:notifications", _("Notifications"), MEMBER_ROLES, unread_count),
    ("jobs:list", _("Jobs"), MEMBER_ROLES),
    ("people:grants", _("Role grants"), GRANT_CONFIRMER_ROLES, pending_count),
    ("audit:list", _("Audit log"), DECIDER_ROLES),
    ("documents:logo", _("Letterhead logo"), ADMIN_ROLES),
    ("admin:index", _("Administration"), ADMIN_ROLES),
]


def menu_for(user):
    """(url, label, badge number or 0) for each entry the user may open."""
    return [
        (reverse(name), label, badge[0](user) if badge else 0)
        for name, label, roles, *badge in MENU
        if has_role(user, roles)
    ]
