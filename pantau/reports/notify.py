"""Telling a reporter what became of their report: a small seam so channels can be added.

A notifier is any object with `send(report, identity, subject, body)` that
returns True when it reached the reporter, and optionally `reaches(identity)`
(whether the reporter left it an address: the message is only written when
some notifier does), added through the `reporter_notifiers` seam
(pantau.core.seams). E-mail is the built-in one
(reports/plugin.py); an SMS or WhatsApp gateway would be another. The receipt at
submission and every status change go through `_send`.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pantau.core.seams import seams
from pantau.lib import clock
from pantau.lib.links import absolute_reverse

log = logging.getLogger(__name__)


class EmailNotifier:
    def reaches(self, identity) -> bool:
        return bool(identity.get("email"))

    def send(self, report, identity, subject, body) -> bool:
        address = identity.get("email")
        if not address:
            return False
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
        return True


def status_link(report) -> str:
    """The reporter's status page of `report`, as a link that opens from outside (mail, receipt)."""
    return absolute_reverse("reports:status", query={"kode": report.code})


def notify_reporter(report, update) -> int:
    """Send the status change to every channel the reporter gave; returns how many were reached."""
    from .statuses import sentence

    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your report %(code)s: %(status)s") % {"code": report.code, "status": update.get_status_display()}
        lines = [
            _("The status of your report %(code)s is now: %(status)s.")
            % {"code": report.code, "status": update.get_status_display()},
            sentence(update.status),
        ]
        if update.public_note:
            lines += ["", update.public_note]
        lines += ["", _("See it at %(url)s") % {"url": status_link(report)}, "", settings.PANTAU_OFFICE_NAME]
    return _send(report, subject, lines)


def send_receipt(report) -> int:
    """The receipt at submission: the code, how the report was sorted and why, and what was reported."""
    from .statuses import reporter_view

    if not _reachable(report):  # most reporters leave no e-mail: do not write a receipt nobody gets
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        view = reporter_view(report)
        subject = _("Receipt of your report %(code)s") % {"code": report.code}
        lines = [
            _("The office received your report on %(at)s. Your receipt code is %(code)s; keep it secret.")
            % {"at": clock.format_with_zone(report.created_at), "code": report.code},
            "",
            f"{_('Kind')}: {report.kind_label}",
            view.sentence,
            *[f"- {reason}" for reason in view.reasons],
            view.advice,
            "",
            _("What you reported:"),
            *[f"{label}: {value}" for label, value in reported_facts(report)],
            "",
            _("See its status at %(url)s") % {"url": status_link(report)},
            "",
            settings.PANTAU_OFFICE_NAME,
        ]
    return _send(report, subject, lines)


def reported_facts(report) -> list[tuple[str, str]]:
    """What was reported, as the receipt shows it: never who reported it."""
    from .services import evidence_count

    place = ", ".join(p for p in (report.kecamatan.name if report.kecamatan else "", report.place_detail) if p)
    return [
        (_("Reported party"), report.reported_name or "—"),
        (_("Links"), "\n".join(report.reported_links) or "—"),
        (_("What happened"), report.description),
        (_("When it happened"), date_format(report.occurred_on, "j F Y") if report.occurred_on else "—"),
        (_("When you learnt of it"), date_format(report.known_on, "j F Y") if report.known_on else "—"),
        (_("Where"), place or "—"),
        (_("Evidence files"), str(evidence_count(report))),
    ]


def _reachable(report) -> bool:
    from .services import identity_for_system

    identity = identity_for_system(report)
    return bool(identity) and any(
        getattr(n.value, "reaches", lambda _identity: True)(identity) for n in seams.reporter_notifiers
    )


def _send(report, subject, lines) -> int:
    from .services import identity_for_system

    identity = identity_for_system(report)
    if not identity:
        return 0
    reached = 0
    for notifier in seams.reporter_notifiers:
        try:
            reached += bool(notifier.value.send(report, identity, subject, "\n".join(str(line) for line in lines)))
        except Exception:  # a mail server being down must not undo the report or its status change
            log.exception("notifying the reporter of %s failed", report.code)
    return reached
