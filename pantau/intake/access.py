"""Who may see posts: the office's analysts and coordinators (not pokja members, not IT)."""

from django.shortcuts import get_object_or_404

from pantau.people.roles import ANALYSIS_ROLES, has_role

from .models import Post


def posts_for(user):
    if has_role(user, ANALYSIS_ROLES):
        return Post.objects.all()
    return Post.objects.none()


def get_post_for(user, pk) -> Post:
    return get_object_or_404(posts_for(user), pk=pk)
