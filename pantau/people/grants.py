"""Changing who may do what: roles, agencies, and the grants a coordinator confirms.

Every path that changes a role or an agency (Django admin, `pantau users`,
`pantau createuser`, the demo) calls these functions, so each change is in the
audit log and mailed to the coordinators. A role that sees reporters'
identities (CONFIRMED_ROLES) asked for by a person (`by` a user, e.g. office IT
in the admin) becomes a pending RoleGrant: the user keeps their old role (a
new account: none) until a coordinator confirms it. The operator at the server
(`by` None) has machine access anyway: they grant directly, and it is logged.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pantau.audit.log import record

from .models import Role, RoleGrant
from .notify import describe, mail_coordinators
from .roles import ASSIGNABLE_ROLES, CONFIRMED_ROLES, GRANT_CONFIRMER_ROLES, has_role

# Set on a user instance by this module, so the pre_save guard (signals.py) knows the change is recorded.
RECORDED = "_pantau_change_recorded"


class GrantError(ValueError):
    """A grant that cannot be confirmed or refused; the message is shown to the person."""


def _by(actor) -> str:
    return describe(actor) if actor else _("the operator at the server")


def _label(role) -> str:
    return str(Role(role).label)


def pending_grants():
    return RoleGrant.objects.filter(status=RoleGrant.Status.PENDING).select_related("user", "requested_by")


def _save(user, fields):
    setattr(user, RECORDED, True)
    try:
        user.save(update_fields=fields)
    finally:
        setattr(user, RECORDED, False)


def _apply_role(user, role, by):
    before = user.role
    user.role = role
    # Office IT manages the installation through Django's admin; nobody else gets into it.
    user.is_staff = user.is_superuser = role == Role.ADMIN
    _save(user, ["role", "is_staff", "is_superuser"])
    record(by, "role.changed", user, role=role, previous=before)
    with translation.override(settings.LANGUAGE_CODE):
        mail_coordinators(
            _("Pantau: role of %(user)s changed") % {"user": user.get_username()},
            [
                _("%(user)s now has the role %(role)s (before: %(before)s).")
                % {"user": describe(user), "role": _label(role), "before": _label(before)},
                _("Changed by %(by)s.") % {"by": _by(by)},
            ],
        )


def _withdraw_pending(user, by):
    for grant in RoleGrant.objects.select_for_update().filter(user=user, status=RoleGrant.Status.PENDING):
        grant.status, grant.decided_by, grant.decided_at = RoleGrant.Status.WITHDRAWN, by, timezone.now()
        grant.save(update_fields=["status", "decided_by", "decided_at"])
        record(by, "role.withdrawn", user, role=grant.role, grant=grant.pk)


@transaction.atomic
def set_role(user, role, *, by) -> RoleGrant | None:
    """Give `user` the role, or ask the coordinators to confirm it; returns the grant when one waits."""
    if role not in ASSIGNABLE_ROLES:
        raise ValueError(f"unknown role {role!r}; choose one of {', '.join(sorted(ASSIGNABLE_ROLES))}")
    needs_confirmation = by is not None and role in CONFIRMED_ROLES and role != user.role
    waiting = pending_grants().filter(user=user, role=role).first() if needs_confirmation else None
    if waiting is not None:
        return waiting  # asked for again (the admin form saved unchanged): still the same request
    _withdraw_pending(user, by)
    if role == user.role:
        return None
    if not needs_confirmation:
        _apply_role(user, role, by)
        return None
    grant = RoleGrant.objects.create(user=user, role=role, previous_role=user.role, requested_by=by)
    record(by, "role.requested", user, role=role, previous=user.role, grant=grant.pk)
    with translation.override(settings.LANGUAGE_CODE):
        mail_coordinators(
            _("Pantau: confirm the role %(role)s for %(user)s") % {"role": _label(role), "user": user.get_username()},
            [
                _("%(by)s asks to give %(user)s the role %(role)s, which sees reporters' identities.")
                % {"by": _by(by), "user": describe(user), "role": _label(role)},
                _("It takes effect only when a coordinator confirms it on the role grants page."),
            ],
        )
    return grant


def _decidable(grant, by) -> RoleGrant:
    if not has_role(by, GRANT_CONFIRMER_ROLES):
        raise GrantError(_("Only a coordinator may confirm or refuse a role."))
    grant = RoleGrant.objects.select_for_update().select_related("user").get(pk=grant.pk)
    if grant.status != RoleGrant.Status.PENDING:
        raise GrantError(_("This request was already decided."))
    if grant.user_id == by.pk:
        raise GrantError(_("Nobody may confirm or refuse a role for themselves."))
    return grant


def _decide(grant, by, status):
    grant.status, grant.decided_by, grant.decided_at = status, by, timezone.now()
    grant.save(update_fields=["status", "decided_by", "decided_at"])


@transaction.atomic
def confirm(grant, by) -> RoleGrant:
    grant = _decidable(grant, by)
    _decide(grant, by, RoleGrant.Status.CONFIRMED)
    record(by, "role.confirmed", grant.user, role=grant.role, grant=grant.pk)
    _apply_role(grant.user, grant.role, by)
    return grant


@transaction.atomic
def refuse(grant, by) -> RoleGrant:
    grant = _decidable(grant, by)
    _decide(grant, by, RoleGrant.Status.REFUSED)
    record(by, "role.refused", grant.user, role=grant.role, grant=grant.pk)
    with translation.override(settings.LANGUAGE_CODE):
        mail_coordinators(
            _("Pantau: role %(role)s for %(user)s refused") % {"role": _label(grant.role), "user": grant.user},
            [_("Refused by %(by)s.") % {"by": _by(by)}],
        )
    return grant


@transaction.atomic
def set_agency(user, agency, *, by) -> None:
    if user.agency_id == (agency.pk if agency else None):
        return
    before = user.agency
    user.agency = agency
    _save(user, ["agency"])
    record(by, "agency.changed", user, agency=agency.code if agency else "", previous=before.code if before else "")
    with translation.override(settings.LANGUAGE_CODE):
        mail_coordinators(
            _("Pantau: agency of %(user)s changed") % {"user": user.get_username()},
            [
                _("%(user)s now belongs to %(agency)s (before: %(before)s).")
                % {"user": describe(user), "agency": agency or "—", "before": before or "—"},
                _("Changed by %(by)s.") % {"by": _by(by)},
            ],
        )


def pending_count(user) -> int:
    """The menu badge: grants waiting for this coordinator (one count query)."""
    return pending_grants().exclude(user=user).count() if has_role(user, GRANT_CONFIRMER_ROLES) else 0
