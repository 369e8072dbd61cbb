from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets

from pantau.api.permissions import IsMember

from . import services
from .access import actions_for, can_update_action, meetings_for
from .agenda import agenda_for
from .models import ActionItem, AgendaItem, Decision, Invitation, Meeting


class InvitationSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.code")

    class Meta:
        model = Invitation
        fields = ["agency", "name", "position", "attended"]


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["order", "title", "detail", "source"]


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ["kind", "text"]


class ActionItemSerializer(serializers.ModelSerializer):
    owner_agency = serializers.CharField(source="owner_agency.code", read_only=True)
    # A related field, not "owner_person.username": DRF leaves a dotted source out of a PATCH answer when it is null.
    owner_person: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = ActionItem
        fields = ["id", "meeting", "title", "owner_agency", "owner_person", "due_date", "status", "done_at"]
        read_only_fields = ["id", "meeting", "title", "due_date", "done_at"]

    def validate(self, attrs):
        # The status is the only thing a caller may change, so a PATCH without it changes nothing.
        if "status" not in attrs:
            raise serializers.ValidationError({"status": [_("Give the new status.")]})
        return attrs


class MeetingSerializer(serializers.ModelSerializer):
    invitations = InvitationSerializer(many=True, read_only=True)
    agenda = serializers.SerializerMethodField()
    decisions = DecisionSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id", "title", "number", "starts_at", "mode", "link", "place", "status", "previous",
            "minutes", "invitations", "agenda", "decisions",
        ]  # fmt: skip

    @extend_schema_field(AgendaItemSerializer(many=True))
    def get_agenda(self, meeting):
        return AgendaItemSerializer(agenda_for(meeting, self.context["request"].user), many=True).data


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """Pokja meetings the caller's agency is invited to (office staff: all)."""

    serializer_class = MeetingSerializer
    permission_classes = [IsMember]

    def get_queryset(self):
        return meetings_for(self.request.user).prefetch_related("invitations__agency", "decisions")


class ActionItemViewSet(mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Action items of the caller's agency; PATCH {"status": ...} moves one along."""

    serializer_class = ActionItemSerializer
    permission_classes = [IsMember]
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        return actions_for(self.request.user).select_related("owner_agency", "owner_person")

    def perform_update(self, serializer):
        if not can_update_action(self.request.user, serializer.instance):
            raise PermissionDenied
        services.set_action_status(serializer.instance, serializer.validated_data["status"])


routes = [("pokja/meetings", MeetingViewSet, "pokja-meeting"), ("pokja/actions", ActionItemViewSet, "pokja-action")]
