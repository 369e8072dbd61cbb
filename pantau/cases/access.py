"""Who sees which case.

Analysts and coordinators handle every case; a pokja member sees (read-only)
the cases assigned to their agency. Decisions (domain.DECISIONS) need a
coordinator. The office's IT admin does not see cases.
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from pantau.people.roles import ANALYSIS_ROLES, DECIDER_ROLES, Role, has_role

from . import domain
from .models import Case

CASE_VIEW_ROLES = ANALYSIS_ROLES | {Role.POKJA}
CASE_HANDLER_ROLES = ANALYSIS_ROLES


def cases_for(user):
    if has_role(user, CASE_HANDLER_ROLES):
        return Case.objects.all()
    if has_role(user, {Role.POKJA}) and user.agency_id:
        return Case.objects.filter(agencies=user.agency_id)
    return Case.objects.none()


def get_case_for(user, pk) -> Case:
    return get_object_or_404(cases_for(user), pk=pk)


def find_case(rows, ref):
    """The case among `rows` that `ref` names: its register number or number as people write them.

    Digits alone are the internal id, which pages send from a list; people never need to type it.
    """
    ref = str(ref).strip()
    if not ref:
        return None
    found = rows.filter(Q(register_number__iexact=ref) | Q(number__iexact=ref)).first()
    if found is None and ref.isdigit():
        found = rows.filter(pk=int(ref)).first()
    return found


def may_handle(user) -> bool:
    return has_role(user, CASE_HANDLER_ROLES)


def may_move(user, target: str) -> bool:
    if target in domain.DECISIONS:
        return has_role(user, DECIDER_ROLES)
    return may_handle(user)


def title_for(user, case, public: bool = False) -> str:
    """The case's title as `user` may see it.

    Titles name a report's reporter by pseudonym, never by receipt code (the
    code opens the reporter's status page), so every role may see them; cases
    from before that rule still get the code replaced for non-handlers.
    """
    if not case.report_id or (not public and (user is None or may_handle(user))):
        return case.title
    return case.title.replace(case.report.code, str(case.report.pseudonym))


def forwardings_for(user):
    """Handlers see every forwarding; a pokja member those sent to their agency (its letter, its answer)."""
    from .models import Forwarding

    if has_role(user, CASE_HANDLER_ROLES):
        return Forwarding.objects.all()
    if has_role(user, {Role.POKJA}) and user.agency_id:
        return Forwarding.objects.filter(agencies=user.agency_id, case__in=cases_for(user)).distinct()
    return Forwarding.objects.none()


def get_forwarding_for(user, pk):
    return get_object_or_404(forwardings_for(user), pk=pk)


def may_forward(user) -> bool:
    """Forwarding is a decision of the office (domain.DECISIONS): a coordinator's."""
    return has_role(user, DECIDER_ROLES)
