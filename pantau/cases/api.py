from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from pantau.api.permissions import RolePermission
from pantau.intake.access import posts_for

from . import domain, services
from .access import CASE_VIEW_ROLES, cases_for, forwardings_for, may_handle, may_move
from .forwarding import FORWARDED
from .models import Case, CaseEvent


class CanSeeCases(RolePermission):
    roles = CASE_VIEW_ROLES


class EventSerializer(serializers.ModelSerializer):
    actor: serializers.StringRelatedField = serializers.StringRelatedField()

    class Meta:
        model = CaseEvent
        fields = ["at", "actor", "kind", "from_status", "to_status", "text"]


class CaseSerializer(serializers.ModelSerializer):
    # The receipt code opens the reporter's status page: only for those who handle the report.
    report_code = serializers.SerializerMethodField()
    events = EventSerializer(many=True, read_only=True)
    deadlines = serializers.SerializerMethodField()
    posts = serializers.SerializerMethodField()
    forwardings = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id",
            "register_number",
            "number",
            "registered_at",
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
            "posts",
            "forwardings",
            "events",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_report_code(self, case) -> str | None:
        if case.report_id is None or not may_handle(self.context["request"].user):
            return None
        return case.report.code

    def get_posts(self, case) -> list[int]:
        """The ids of the posts the case is about, for those who may see posts (handlers)."""
        user = self.context["request"].user
        return list(posts_for(user).filter(cases=case).values_list("pk", flat=True)[:200])

    def get_forwardings(self, case) -> list[dict]:
        rows = forwardings_for(self.context["request"].user).filter(case=case).select_related("deadline")
        return [
            {
                "destination": f.destination,
                "number": f.number,
                "sent_at": f.sent_at,
                "answer_due_at": f.deadline.due_at if f.deadline else None,
                "answered_on": f.answered_on,
            }
            for f in rows
        ]

    def get_deadlines(self, case) -> list[dict]:
        return [
            {
                "rule": d.rule,
                "stage": d.rule_def.name if d.rule_def else d.rule,
                "basis": d.rule_def.basis if d.rule_def else "",
                "days": d.rule_def.days if d.rule_def else None,
                "counting": d.rule_def.counting if d.rule_def else None,
                "started_at": d.started_at,
                "due_at": d.due_at,
                "extended": d.extended,
                "met_at": d.met_at,
            }
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
        if not may_handle(request.user):
            raise PermissionDenied()
        body = MoveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        target = body.validated_data["status"]
        if not may_move(request.user, target):
            raise PermissionDenied()
        if target in FORWARDED:  # the letter and the receiving agency's members come with it: the forwarding page
            raise ValidationError({"status": ["a case is forwarded with its letter, on the case's forwarding page"]})
        try:
            services.move(case, target, request.user, body.validated_data["note"], body.validated_data["public_note"])
        except domain.IllegalTransition as exc:
            raise ValidationError({"status": [str(exc)]}) from exc
        return Response(CaseSerializer(case, context={"request": request}).data, status=status.HTTP_200_OK)


routes = [("cases", CaseViewSet, "case")]
