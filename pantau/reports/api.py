from django.utils.cache import add_never_cache_headers
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from pantau.api.permissions import IsReportHandler

from . import services
from .access import may_see_identity, place_for, reports_for
from .models import Report


class ReportSerializer(serializers.ModelSerializer):
    reporter = serializers.CharField(source="pseudonym", read_only=True)
    place = serializers.SerializerMethodField()
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "code",
            "created_at",
            "status",
            "anonymous",
            "kind",
            "reporter",
            "reported_name",
            "reported_links",
            "description",
            "occurred_on",
            "known_on",
            "place",
            "evidence",
        ]

    @extend_schema_field(serializers.CharField())
    def get_place(self, report):
        return place_for(self.context["request"].user, report)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_evidence(self, report):
        return [a.evidence.sha256 for a in report.attachments.select_related("evidence")]


class ReportDetailSerializer(ReportSerializer):
    identity = serializers.SerializerMethodField()

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "identity"]

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_identity(self, report):
        """Only for report handlers, and each reading is logged like a page view."""
        user = self.context["request"].user
        if not may_see_identity(user) or not report.identity_token:
            return None
        return services.reveal_identity(report, user, via="api")


class ReportViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [IsReportHandler]

    def get_queryset(self):
        return reports_for(self.request.user).select_related("kecamatan__parent")

    def get_serializer_class(self):
        return ReportDetailSerializer if self.action == "retrieve" else ReportSerializer

    def finalize_response(self, request, response, *args, **kwargs):
        # A report's detail carries the reporter's identity: no browser or proxy may keep it.
        add_never_cache_headers(response)
        return super().finalize_response(request, response, *args, **kwargs)


routes = [("reports", ReportViewSet, "report")]
