"""Logins, failed logins and logouts, from Django's own signals (every login path sends them)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from pantau.core.client import client_ip

from .log import record


def _address(request) -> str:
    return client_ip(request) if request is not None else ""


@receiver(user_logged_in, dispatch_uid="audit_login")
def logged_in(sender, request, user, **kwargs):
    record(user, "login", ip=_address(request))


@receiver(user_logged_out, dispatch_uid="audit_logout")
def logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(user, "logout", ip=_address(request))


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def login_failed(sender, credentials, request=None, **kwargs):
    # Only the name tried: the credentials also carry the password (masked, but not ours to keep).
    username = str(credentials.get("username", ""))[:150]
    record(None, "login.failed", username=username, ip=_address(request))
