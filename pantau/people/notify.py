"""Telling the coordinators about changes to who may see what (roles, agencies, grants)."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from pantau.lib.links import absolute_reverse

from .models import User
from .roles import GRANT_CONFIRMER_ROLES

log = logging.getLogger(__name__)


def coordinator_addresses() -> list[str]:
    users = User.objects.filter(role__in=GRANT_CONFIRMER_ROLES, is_active=True).exclude(email="")
    return sorted(users.values_list("email", flat=True))


def mail_coordinators(subject: str, lines: list[str]) -> None:
    """Sent after the change commits; a mail server being down must not undo it."""

    def send():
        addresses = coordinator_addresses()
        if not addresses:
            return
        body = "\n".join([*lines, "", absolute_reverse("people:grants"), "", settings.PANTAU_OFFICE_NAME])
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, addresses)
        except Exception:
            log.exception("mailing the coordinators about %r failed", subject)

    transaction.on_commit(send)


def describe(user) -> str:
    return f"{user.get_full_name() or user.get_username()} ({user.get_username()})"
