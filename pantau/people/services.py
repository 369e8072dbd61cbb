"""Creating users: shared by `pantau createuser`, the demo and the admin.

The role goes through grants.set_role, so a role that sees reporters'
identities given by a person (`by`) waits for a coordinator; `by` None is the
operator at the server (command line, demo, first coordinator at install).
"""

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from pantau.audit.log import record

from . import grants
from .models import Agency, Role, User
from .roles import ASSIGNABLE_ROLES


@transaction.atomic
def create_user(
    username, password, role, agency_code, *, first_name="", last_name="", email="", validate=True, by=None
):
    if role not in ASSIGNABLE_ROLES:
        raise ValueError(f"unknown role {role!r}; choose one of {', '.join(sorted(ASSIGNABLE_ROLES))}")
    agency = Agency.objects.filter(code=agency_code).first()
    if agency is None:
        known = ", ".join(Agency.objects.values_list("code", flat=True))
        raise ValueError(f"unknown agency {agency_code!r}; known agencies: {known}")
    if User.objects.filter(username=username).exists():
        raise ValueError(f"user {username!r} already exists")
    user = User(
        username=username, role=Role.NONE, agency=agency, first_name=first_name, last_name=last_name, email=email
    )
    if validate:
        validate_password(password, user)
    user.set_password(password)
    user.save()
    record_created(user, by)
    grants.set_role(user, role, by=by)
    return user


def record_created(user, by) -> None:
    record(by, "user.created", user, agency=user.agency.code if user.agency else "")
