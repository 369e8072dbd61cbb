"""Which roles may do what. Every view and API permission asks these sets.

Public visitors have no account: they use only the public report pages.
"""

from .models import Role

OFFICE_ROLES = frozenset({Role.ANALYST, Role.COORDINATOR, Role.ADMIN})
# Everyone with a login: the office plus members of partner agencies.
MEMBER_ROLES = frozenset({Role.ANALYST, Role.COORDINATOR, Role.POKJA, Role.ADMIN})
# Roles that handle public reports, and so may see reporters' identities.
REPORT_HANDLER_ROLES = frozenset({Role.ANALYST, Role.COORDINATOR})
# Roles that work the monitoring data: posts, inventory, review, coordination.
ANALYSIS_ROLES = frozenset({Role.ANALYST, Role.COORDINATOR})
# Roles that decide cases and chair pokja meetings.
DECIDER_ROLES = frozenset({Role.COORDINATOR})
ADMIN_ROLES = frozenset({Role.ADMIN})
# Roles a person may be given (NONE is only the state of a new account awaiting confirmation).
ASSIGNABLE_ROLES = frozenset(Role) - {Role.NONE}
# Giving one of these from the web takes a coordinator's confirmation (people/grants.py):
# they see reporters' identities, which office IT must not be able to reach on its own.
CONFIRMED_ROLES = REPORT_HANDLER_ROLES
GRANT_CONFIRMER_ROLES = DECIDER_ROLES


def has_role(user, roles) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.role in roles)
