from django.urls import reverse
from django.utils.translation import gettext as _

from pantau.core.attention import Attention

from .access import unread_count


def attention(user):
    return [Attention(_("Unread notifications"), unread_count(user), reverse("dashboards:notifications"))]
