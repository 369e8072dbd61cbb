"""Who may see and decide detection results: the office's analysts and coordinators."""

from django.shortcuts import get_object_or_404

from pantau.intake.models import Post
from pantau.people.roles import ANALYSIS_ROLES, DECIDER_ROLES, has_role

from .models import FactCheck


def may_review(user) -> bool:
    return has_role(user, ANALYSIS_ROLES)


def may_activate_models(user) -> bool:
    return has_role(user, DECIDER_ROLES)


def posts_for(user):
    return Post.objects.all() if may_review(user) else Post.objects.none()


def get_post_for(user, pk) -> Post:
    return get_object_or_404(posts_for(user).select_related("author", "group", "classification"), pk=pk)


def factchecks_for(user):
    return FactCheck.objects.all() if may_review(user) else FactCheck.objects.none()
