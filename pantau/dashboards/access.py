"""Who sees which watch list, notification and positive message.

Analysts and coordinators keep watch lists: they see the lists they own or
subscribe to, and only the owner may change or delete one. Every member sees
their own notifications and no one else's. Positive information is the
analysts' and coordinators' work: they read it and add to it. Views and the
API fetch these objects only through the helpers below.
"""

from django.shortcuts import get_object_or_404

from pantau.people.roles import ANALYSIS_ROLES, MEMBER_ROLES, has_role

from .models import Notification, PositiveMessage, WatchList

WATCH_LIST_ROLES = ANALYSIS_ROLES
NOTIFICATION_ROLES = MEMBER_ROLES
POSITIVE_READER_ROLES = ANALYSIS_ROLES
POSITIVE_EDITOR_ROLES = ANALYSIS_ROLES


def watch_lists_for(user):
    if not has_role(user, WATCH_LIST_ROLES):
        return WatchList.objects.none()
    return (WatchList.objects.filter(owner=user) | WatchList.objects.filter(subscribers=user)).distinct()


def get_own_watch_list(user, pk) -> WatchList:
    """The watch list `pk` if `user` owns it; 404 otherwise, subscribers included."""
    return get_object_or_404(watch_lists_for(user).filter(owner=user), pk=pk)


def may_change_watch_list(user, watch: WatchList) -> bool:
    return has_role(user, WATCH_LIST_ROLES) and watch.owner_id == user.pk


def notifications_for(user):
    if not has_role(user, NOTIFICATION_ROLES):
        return Notification.objects.none()
    return Notification.objects.filter(user=user)


def unread_count(user) -> int:
    # Shown in the menu of every page: one COUNT over the user's own rows (indexed by user), none for visitors.
    if not has_role(user, NOTIFICATION_ROLES):
        return 0
    return notifications_for(user).filter(read_at__isnull=True).count()


def positive_messages_for(user):
    if not has_role(user, POSITIVE_READER_ROLES):
        return PositiveMessage.objects.none()
    return PositiveMessage.objects.all()


def may_add_positive(user) -> bool:
    return has_role(user, POSITIVE_EDITOR_ROLES)
