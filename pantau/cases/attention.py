from django.urls import reverse
from django.utils.translation import gettext as _

from pantau.core.attention import Attention
from pantau.people.roles import has_role

from . import services
from .access import CASE_VIEW_ROLES, cases_for


def attention(user):
    if not has_role(user, CASE_VIEW_ROLES):
        return []
    states = [d.state for d in services.open_deadlines(cases=cases_for(user))]
    url = reverse("cases:deadlines")
    return [
        Attention(_("Case deadlines passed"), states.count("overdue"), url, urgent=True),
        Attention(_("Case deadlines due within a day"), states.count("due_soon"), url),
    ]
