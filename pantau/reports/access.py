"""Who sees which report, and who sees the reporter behind it.

Only the roles that handle reports (REPORT_HANDLER_ROLES: analyst,
coordinator) see reports at all: their receipt codes, evidence, identities
and exact places. Office IT (admin) manages users and agencies and sees no
report; pokja members see none either, and cases shared with their agency
show the pseudonym only.
"""

from django.shortcuts import get_object_or_404

from pantau.people.roles import REPORT_HANDLER_ROLES, has_role

from .models import Report, ReportAttachment

REPORT_VIEW_ROLES = REPORT_HANDLER_ROLES


def reports_for(user):
    if has_role(user, REPORT_VIEW_ROLES):
        return Report.objects.all()
    return Report.objects.none()


def get_report_for(user, pk) -> Report:
    return get_object_or_404(reports_for(user), pk=pk)


def attachments_for(user):
    """Evidence files of reports: only for the roles that open them (REPORT_HANDLER_ROLES), never IT or pokja."""
    if not may_see_identity(user):
        return ReportAttachment.objects.none()
    return ReportAttachment.objects.filter(report__in=reports_for(user))


def may_see_identity(user) -> bool:
    return has_role(user, REPORT_HANDLER_ROLES)


def place_for(user, report) -> str:
    """Exact place for handlers; others get the kecamatan's regency only (rounded)."""
    if report.kecamatan is None:
        return ""
    if may_see_identity(user):
        parts = [report.kecamatan.name, report.place_detail]
        return ", ".join(p for p in parts if p)
    parent = report.kecamatan.parent
    return parent.name if parent else ""
