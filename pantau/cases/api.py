from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from pantau.api.permissions import RolePermission

from . import domain, services
from .access import CASE_VIEW_ROLES, cases_for, may_handle, may_move
from .models import Case, CaseEvent


class CanSeeCases(RolePermission):
    roles = CASE_VIEW_ROLES


class EventSerializer(serializers.ModelSerializer):
    actor = serializers.StringRelatedField()

    class Meta:
        model = CaseEvent
        fields = ["at", "actor", "kind", "from_status", "to_status", "text"]


class CaseSerializer(serializers.ModelSerializer):
    report_code = serializers.SlugRelatedField(source="report", slug_field="code", read_only=True, allow_null=True)
    events = EventSerializer(many=True, read_only=True)
    deadlines = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id",
            "number",
            "origin",
            "report_code",
            "title",
            "summary",
            "status",
            "violations",
            "outcome",
            "public_note",
            "created_at",
            "closed_at",
            "deadlines",
            "events",
        ]

    def get_deadlines(self, case) -> list[dict]:
        return [
            {"rule": d.rule, "due_at": d.due_at, "extended": d.extended, "met_at": d.met_at}
            for d in case.deadlines.all()
        ]


class MoveSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=domain.STATUSES)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    public_note = serializers.CharField(required=False, allow_blank=True, default="")


class CaseViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = CaseSerializer
    permission_classes = [CanSeeCases]

    def get_queryset(self):
        return cases_for(self.request.user).select_related("report").prefetch_related("events__actor", "deadlines")

    @action(detail=True, methods=["post"], serializer_class=MoveSerializer)
    def move(self, request, pk=None):
        case = self.get_object()
        body = MoveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        target = body.validated_data["status"]
        if not may_handle(request.user) or not may_move(request.user, target):
            raise PermissionDenied()
        try:
            services.move(case, target, request.user, body.validated_data["note"], body.validated_data["public_note"])
        except domain.IllegalTransition as exc:
            raise ValidationError({"status": [str(exc)]}) from exc
        return Response(CaseSerializer(case, context={"request": request}).data, status=status.HTTP_200_OK)


routes = [("cases", CaseViewSet, "case")]
