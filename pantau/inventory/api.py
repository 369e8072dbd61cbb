from django.db.models import Q
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from pantau.api.filters import validated_query
from pantau.people.roles import ANALYSIS_ROLES, has_role

from .access import INVENTORY_READERS, accounts_for, groups_for
from .models import Account, Group, Platform, StatusChange, WatchStatus
from .services import WorkflowError, change_status


class InventoryReader(BasePermission):
    def has_permission(self, request, view):
        if getattr(view, "action", None) == "status":
            return has_role(request.user, ANALYSIS_ROLES)
        return has_role(request.user, view.readers)


class StatusChangeSerializer(serializers.ModelSerializer):
    changed_by: serializers.StringRelatedField = serializers.StringRelatedField()

    class Meta:
        model = StatusChange
        fields = ["old_status", "new_status", "reason", "changed_by", "changed_at"]


class StatusInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=WatchStatus.choices)
    reason = serializers.CharField(max_length=5000)
    override = serializers.BooleanField(
        required=False, default=False, help_text="Coordinators only: allow a step the workflow does not foresee."
    )


FIELDS = ["id", "platform", "platform_id", "name", "url", "status", "risk_score", "first_seen", "last_seen"]


class AccountSerializer(serializers.ModelSerializer):
    class Meta:
        model = Account
        fields = [*FIELDS, "kind", "actor"]


class GroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = Group
        fields = FIELDS


class WatchedFilter(serializers.Serializer):
    platform = serializers.ChoiceField(choices=Platform.choices, required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=WatchStatus.choices, required=False, allow_blank=True)
    q = serializers.CharField(required=False, allow_blank=True, help_text="Part of the name or platform id.")


class AccountFilter(WatchedFilter):
    kind = serializers.ChoiceField(choices=Account.Kind.choices, required=False, allow_blank=True)


class WatchedViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [InventoryReader]
    filters = WatchedFilter

    def filter(self, queryset):
        params = validated_query(self.request, self.filters)
        for name in ("platform", "status", "kind"):
            if name in params:
                queryset = queryset.filter(**{name: params[name]})
        if "q" in params:
            queryset = queryset.filter(Q(name__icontains=params["q"]) | Q(platform_id__icontains=params["q"]))
        return queryset.order_by("-risk_score", "pk")

    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        """Change the status (analysts and coordinators); the reason is required and kept."""
        obj = self.get_object()
        data = StatusInput(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            values = data.validated_data
            change = change_status(obj, values["status"], request.user, values["reason"], override=values["override"])
        except WorkflowError as exc:
            raise ValidationError({"status": [str(exc)]}) from None
        return Response(StatusChangeSerializer(change).data, status=status.HTTP_201_CREATED)


@extend_schema_view(list=extend_schema(parameters=[AccountFilter]))
class AccountViewSet(WatchedViewSet):
    serializer_class = AccountSerializer
    readers = INVENTORY_READERS
    filters = AccountFilter

    def get_queryset(self):
        return self.filter(accounts_for(self.request.user))


@extend_schema_view(list=extend_schema(parameters=[WatchedFilter]))
class GroupViewSet(WatchedViewSet):
    serializer_class = GroupSerializer
    readers = ANALYSIS_ROLES

    def get_queryset(self):
        return self.filter(groups_for(self.request.user))


routes = [("accounts", AccountViewSet, "account"), ("groups", GroupViewSet, "group")]
