from django.urls import reverse
from django.utils.translation import gettext as _

from pantau.core.attention import Attention

from .access import may_review
from .queue import waiting_count


def attention(user):
    if not may_review(user):
        return []
    return [Attention(_("Flagged posts waiting for review"), waiting_count(), reverse("detection:queue"))]
