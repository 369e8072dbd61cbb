"""Who sees the inventory.

Analysts and coordinators see and work all of it. A pokja member sees, read
only, the accounts the office has confirmed (terkonfirmasi and beyond): those
are what the pokja discusses. Nothing else of the inventory (no groups, no
posts, no evidence) is shown to them.
"""

from django.shortcuts import get_object_or_404

from pantau.people.models import Role
from pantau.people.roles import ANALYSIS_ROLES, has_role

from .models import Account, Group, WatchStatus

SHARED_WITH_POKJA = (WatchStatus.CONFIRMED, WatchStatus.ACTED_ON, WatchStatus.CLOSED)
INVENTORY_READERS = frozenset(ANALYSIS_ROLES | {Role.POKJA})


def accounts_for(user):
    if has_role(user, ANALYSIS_ROLES):
        return Account.objects.all()
    if has_role(user, {Role.POKJA}):
        return Account.objects.filter(status__in=SHARED_WITH_POKJA)
    return Account.objects.none()


def groups_for(user):
    if has_role(user, ANALYSIS_ROLES):
        return Group.objects.all()
    return Group.objects.none()


def get_account_for(user, pk) -> Account:
    return get_object_or_404(accounts_for(user), pk=pk)


def get_group_for(user, pk) -> Group:
    return get_object_or_404(groups_for(user), pk=pk)


def may_edit(user) -> bool:
    return has_role(user, ANALYSIS_ROLES)
