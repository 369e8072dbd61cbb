from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from pantau.core.attention import Attention
from pantau.people.roles import MEMBER_ROLES, has_role

from .access import actions_for
from .models import ActionItem


def attention(user):
    if not has_role(user, MEMBER_ROLES):
        return []
    late = actions_for(user).exclude(status=ActionItem.Status.DONE).filter(due_date__lt=timezone.localdate()).count()
    return [Attention(_("Follow-up actions past their due date"), late, reverse("pokja:actions"), urgent=True)]
