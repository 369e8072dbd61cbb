"""Saved searches of the posts list: save, subscribe, unsubscribe, delete, and match new posts.

A subscription is a watch list owned by the subscriber and linked to the
search, so alerts for new matching posts go the one way every watch list's
do (`pantau.dashboards.alerts.check_alerts_for_posts`, which calls
`matching_post_ids`): the same keys, the same once-per-post rule, the same
e-mail setting.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from pantau.audit.log import record

from .listing import filter_posts
from .models import SavedSearch


class SavedSearchError(ValueError):
    pass


def save_search(user, name: str, params) -> SavedSearch:
    """Keep the valid filters of `params` under `name`; a search without any filter is refused."""
    name = (name or "").strip()[:200]
    if not name:
        raise SavedSearchError(_("Give the search a name."))
    _posts, form = filter_posts(user, params)
    filters = {key: value for key, value in form.applied().items() if key != "sort"}
    if not filters:
        raise SavedSearchError(_("Choose at least one filter before saving the search."))
    if SavedSearch.objects.filter(name__iexact=name).exists():
        raise SavedSearchError(_("A saved search with that name exists already."))
    search = SavedSearch.objects.create(name=name, params=form.applied(), created_by=user)
    record(user, "intake.search_saved", search, params=search.params)
    return search


def subscription_of(search: SavedSearch, user):
    return search.watch_lists.filter(owner=user).first()


@transaction.atomic
def subscribe(search: SavedSearch, user, email: bool = True):
    """The user's watch list for this search, made now unless they have it already."""
    from pantau.dashboards.models import WatchList

    watch = subscription_of(search, user)
    if watch is None:
        watch = WatchList.objects.create(name=search.name, owner=user, email=email)
        search.watch_lists.add(watch)
    return watch


def unsubscribe(search: SavedSearch, user) -> None:
    search.watch_lists.filter(owner=user).delete()


@transaction.atomic
def delete_search(search: SavedSearch, user) -> None:
    # The subscribers' watch lists would watch nothing once the search is gone.
    search.watch_lists.all().delete()
    record(user, "intake.search_deleted", search, params=search.params)
    search.delete()


def matching_post_ids(search: SavedSearch, user, post_ids) -> set[int]:
    """Which of `post_ids` the search lists for `user` (the subscriber: what they may see)."""
    posts, _form = filter_posts(user, search.params)
    return set(posts.filter(pk__in=list(post_ids)).order_by().values_list("pk", flat=True))
