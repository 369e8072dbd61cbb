from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from pantau.api.permissions import RolePermission
from pantau.lib.clock import FIRST_YEAR, LAST_YEAR
from pantau.lib.links import absolute_url
from pantau.people.roles import has_role

from .access import (
    NOTIFICATION_ROLES,
    POSITIVE_EDITOR_ROLES,
    POSITIVE_READER_ROLES,
    WATCH_LIST_ROLES,
    may_change_watch_list,
    notifications_for,
    positive_messages_for,
    watch_lists_for,
)
from .models import Notification, PositiveMessage, WatchList
from .services import (
    NOTHING_TO_WATCH,
    find_posts,
    mark_read,
    possible_subscribers,
    unknown_posts_message,
    watchable_accounts,
    watchable_groups,
    watches_something,
)


class LinesField(serializers.ListField):
    """A list of strings in the API, kept one per line in a text field."""

    child = serializers.CharField()

    def to_representation(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]

    def to_internal_value(self, data):
        if isinstance(data, str) or not isinstance(data, list):
            self.fail("not_a_list", input_type=type(data).__name__)
        lines = []
        for item in data:
            if not isinstance(item, str):
                raise ValidationError(_("Each item must be a string."))
            if "\n" in item or "\r" in item:
                raise ValidationError(_("An item may not contain a line break; give each line as its own item."))
            if item.strip():
                lines.append(item.strip())
        return "\n".join(lines)


@extend_schema_field({"type": "array", "items": {"oneOf": [{"type": "integer"}, {"type": "string"}]}})
class PostRefsField(serializers.ListField):
    """Posts by id or by link on input; their ids on output."""

    child = serializers.CharField()

    def to_representation(self, value):
        return [post.pk for post in value.all()]

    def to_internal_value(self, data):
        if isinstance(data, str) or not isinstance(data, list):
            self.fail("not_a_list", input_type=type(data).__name__)
        if any(isinstance(ref, bool) or not isinstance(ref, int | str) for ref in data):
            raise ValidationError(_("Give each post as its id or its link."))
        posts, missing = find_posts(data)
        if missing:
            raise ValidationError(unknown_posts_message(missing))
        return posts


def _ids(queryset, does_not_exist):
    return serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=queryset, error_messages={"does_not_exist": does_not_exist}
    )


NO_SUCH_ACCOUNT = _("No account with id {pk_value} can be chosen: it does not exist or is only watched (dipantau).")


class CanKeepWatchLists(RolePermission):
    roles = WATCH_LIST_ROLES


class OwnerChangesWatchList(BasePermission):
    message = _("Only the owner may change or delete a watch list.")

    def has_object_permission(self, request, view, obj):
        return request.method in SAFE_METHODS or may_change_watch_list(request.user, obj)


class WatchListSerializer(serializers.ModelSerializer):
    owner = serializers.CharField(source="owner.username", read_only=True)
    accounts = _ids(watchable_accounts(), NO_SUCH_ACCOUNT)
    groups = _ids(watchable_groups(), _("No group with id {pk_value}."))
    subscribers = _ids(possible_subscribers(), _("No active user with id {pk_value}."))
    keywords = LinesField(required=False)

    class Meta:
        model = WatchList
        fields = [
            "id", "name", "owner", "accounts", "groups", "keywords", "high_severity", "email", "subscribers",
            "created_at",
        ]  # fmt: skip
        read_only_fields = ["id", "owner", "created_at"]

    def validate(self, attrs):
        def current(name, default):
            if name in attrs:
                return attrs[name]
            if self.instance is None:
                return default
            value = getattr(self.instance, name)
            return list(value.all()) if hasattr(value, "all") else value

        if not watches_something(
            current("accounts", []), current("groups", []), current("keywords", ""), current("high_severity", False)
        ):
            raise ValidationError(NOTHING_TO_WATCH)
        return attrs


class WatchListViewSet(viewsets.ModelViewSet):
    """Watch lists the caller owns or subscribes to; only the owner changes or deletes one."""

    serializer_class = WatchListSerializer
    permission_classes = [CanKeepWatchLists, OwnerChangesWatchList]

    def get_queryset(self):
        return (
            watch_lists_for(self.request.user)
            .select_related("owner")
            .prefetch_related("accounts", "groups", "subscribers")
        )

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)


class CanReadNotifications(RolePermission):
    roles = NOTIFICATION_ROLES


class NotificationSerializer(serializers.ModelSerializer):
    link = serializers.SerializerMethodField(help_text="`url` as an absolute link (PANTAU_SITE_URL), or empty.")

    class Meta:
        model = Notification
        fields = ["id", "title", "body", "url", "link", "created_at", "read_at"]

    def get_link(self, notification) -> str:
        return absolute_url(notification.url)


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("unread", int, enum=[0, 1], description="1: unread only; 0: read only")]
    )
)
class NotificationViewSet(viewsets.ReadOnlyModelViewSet):
    """The caller's own notifications, newest first; `?unread=1` for the unread ones only."""

    serializer_class = NotificationSerializer
    permission_classes = [CanReadNotifications]

    def get_queryset(self):
        rows = notifications_for(self.request.user)
        if self.action != "list":
            return rows
        unread = self.request.query_params.get("unread")
        if unread in (None, ""):
            return rows
        if unread not in ("0", "1"):
            raise ValidationError({"unread": [_("Give 1 for unread notifications only, 0 for read ones only.")]})
        return rows.filter(read_at__isnull=unread == "1")

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = self.get_object()
        mark_read(notifications_for(request.user).filter(pk=notification.pk))
        notification.refresh_from_db()
        return Response(NotificationSerializer(notification).data)

    @extend_schema(request=None, responses=inline_serializer("MarkedRead", {"marked": serializers.IntegerField()}))
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        return Response({"marked": mark_read(notifications_for(request.user))})


class ReadOrAddPositive(BasePermission):
    def has_permission(self, request, view):
        return has_role(
            request.user, POSITIVE_READER_ROLES if request.method in SAFE_METHODS else POSITIVE_EDITOR_ROLES
        )


class PositiveMessageSerializer(serializers.ModelSerializer):
    posts = PostRefsField(required=False)
    accounts = _ids(watchable_accounts(), NO_SUCH_ACCOUNT)
    answers = LinesField(required=False)
    # A related field, not "created_by.username": DRF leaves a dotted source out of a PATCH answer when it is null.
    created_by: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = PositiveMessage
        fields = [
            "id", "kind", "title", "body", "channel", "url", "spread_at", "reach", "posts", "accounts", "answers",
            "created_by", "created_at",
        ]  # fmt: skip
        read_only_fields = ["id", "created_by", "created_at"]

    def validate_spread_at(self, value):
        if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise ValidationError(
                _("Give a time between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        return value


class PositiveMessageViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Clarifications and educational messages; no deletion, as in the web app."""

    serializer_class = PositiveMessageSerializer
    permission_classes = [ReadOrAddPositive]

    def get_queryset(self):
        return (
            positive_messages_for(self.request.user).select_related("created_by").prefetch_related("posts", "accounts")
        )

    def perform_create(self, serializer):
        serializer.save(created_by=self.request.user)


routes = [
    ("dashboards/watch-lists", WatchListViewSet, "dashboards-watch-list"),
    ("dashboards/notifications", NotificationViewSet, "dashboards-notification"),
    ("dashboards/positive", PositiveMessageViewSet, "dashboards-positive"),
]
