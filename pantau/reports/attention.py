from django.urls import reverse
from django.utils.translation import gettext as _

from pantau.core.attention import Attention
from pantau.people.roles import has_role

from .access import REPORT_VIEW_ROLES, reports_for
from .models import Report


def attention(user):
    if not has_role(user, REPORT_VIEW_ROLES):
        return []
    new = reports_for(user).filter(status=Report.Status.RECEIVED).count()
    return [Attention(_("New public reports not yet reviewed"), new, reverse("reports:staff_list"))]
