"""The inventory's status workflow as data: where an account or group may go from each status.

The pokja moves an account or group forward one step at a time (watched,
flagged, confirmed, followed up, closed), may step back when a flag or a
confirmation does not hold, and reopens a closed one when it is active again.
Any other move (dipantau straight to selesai) is refused unless a
coordinator overrides the workflow, with a reason, which the audit log keeps.
"""

from django.utils.translation import gettext as _

from pantau.people.roles import DECIDER_ROLES, has_role

from .models import WatchStatus as S

TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.WATCHED: (S.FLAGGED,),
    S.FLAGGED: (S.CONFIRMED, S.WATCHED),
    S.CONFIRMED: (S.ACTED_ON, S.CLOSED, S.FLAGGED),
    S.ACTED_ON: (S.CLOSED, S.CONFIRMED),
    S.CLOSED: (S.WATCHED, S.FLAGGED),
}
OVERRIDE_ROLES = DECIDER_ROLES


class WorkflowError(ValueError):
    pass


def allowed_next(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


def may_override(user) -> bool:
    return has_role(user, OVERRIDE_ROLES)


def check_move(old: str, new: str, user, override: bool = False) -> bool:
    """True when the move needs the override it was given; WorkflowError when it may not happen."""
    if new in allowed_next(old):
        return False
    if override and may_override(user):
        return True
    if override:
        raise WorkflowError(_("Only a coordinator may override the status workflow."))
    allowed = ", ".join(str(S(status).label) for status in allowed_next(old)) or "-"
    raise WorkflowError(
        _("From %(old)s the status can go only to: %(allowed)s. A coordinator may override this, giving a reason.")
        % {"old": S(old).label, "allowed": allowed}
    )
