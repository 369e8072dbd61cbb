"""Telling a reporter that their report moved: a small seam so channels can be added.

A notifier is any object with `send(report, identity, subject, body)` that
returns True when it reached the reporter. E-mail is the built-in one; an SMS
or WhatsApp gateway would be another entry in NOTIFIERS.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from pantau.lib.links import absolute_reverse

log = logging.getLogger(__name__)


class EmailNotifier:
    def send(self, report, identity, subject, body) -> bool:
        address = identity.get("email")
        if not address:
            return False
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        return True


NOTIFIERS = [EmailNotifier()]


def status_link(report) -> str:
    """The reporter's status page of `report`, as a link that opens from outside (mail, receipt)."""
    return absolute_reverse("reports:status", query={"kode": report.code})


def notify_reporter(report, update) -> int:
    """Send the status change to every channel the reporter gave; returns how many were reached."""
    from .services import identity_for_system

    identity = identity_for_system(report)
    if not identity:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your report %(code)s: %(status)s") % {"code": report.code, "status": update.get_status_display()}
        lines = [
            _("The status of your report %(code)s is now: %(status)s.")
            % {"code": report.code, "status": update.get_status_display()},
        ]
        if update.public_note:
            lines += ["", update.public_note]
        lines += ["", _("See it at %(url)s") % {"url": status_link(report)}]
        lines += ["", settings.PANTAU_OFFICE_NAME]
    reached = 0
    for notifier in NOTIFIERS:
        try:
            reached += bool(notifier.send(report, identity, subject, "\n".join(lines)))
        except Exception:  # a mail server being down must not undo the status change
            log.exception("notifying the reporter of %s failed", report.code)
    return reached
