"""Who may see posts: the office's analysts and coordinators (not pokja members, not IT)."""

from django.shortcuts import get_object_or_404

from pantau.people.roles import ANALYSIS_ROLES, DECIDER_ROLES, has_role

from .models import Post


def posts_for(user):
    if has_role(user, ANALYSIS_ROLES):
        return Post.objects.all()
    return Post.objects.none()


def get_post_for(user, pk) -> Post:
    return get_object_or_404(posts_for(user), pk=pk)


def saved_searches_for(user):
    """Saved searches are the office's: everyone who sees posts sees all of them."""
    from .models import SavedSearch

    if has_role(user, ANALYSIS_ROLES):
        return SavedSearch.objects.all()
    return SavedSearch.objects.none()


def get_saved_search_for(user, pk):
    return get_object_or_404(saved_searches_for(user), pk=pk)


def may_delete_search(user, search) -> bool:
    """Its author, or a coordinator (who keeps the office's shared lists tidy)."""
    return has_role(user, DECIDER_ROLES) or (has_role(user, ANALYSIS_ROLES) and search.created_by_id == user.pk)
