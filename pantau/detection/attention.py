from django.urls import reverse
from django.utils.translation import gettext as _

from pantau.core.attention import Attention

from .access import may_review
from .services import review_queue


def attention(user):
    if not may_review(user):
        return []
    return [Attention(_("Flagged posts waiting for review"), review_queue().count(), reverse("detection:queue"))]
