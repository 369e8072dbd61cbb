"""Creating users: shared by `pantau createuser`, the demo and the admin."""

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from .models import Agency, Role, User


@transaction.atomic
def create_user(username, password, role, agency_code, *, first_name="", last_name="", email="", validate=True):
    if role not in Role.values:
        raise ValueError(f"unknown role {role!r}; choose one of {', '.join(Role.values)}")
    agency = Agency.objects.filter(code=agency_code).first()
    if agency is None:
        known = ", ".join(Agency.objects.values_list("code", flat=True))
        raise ValueError(f"unknown agency {agency_code!r}; known agencies: {known}")
    if User.objects.filter(username=username).exists():
        raise ValueError(f"user {username!r} already exists")
    user = User(username=username, role=role, agency=agency, first_name=first_name, last_name=last_name, email=email)
    if validate:
        validate_password(password, user)
    user.set_password(password)
    # Office IT manages the installation through Django's admin.
    user.is_staff = user.is_superuser = role == Role.ADMIN
    user.save()
    return user
