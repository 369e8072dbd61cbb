from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from pantau.api.filters import MAX_ID, validated_query
from pantau.api.permissions import IsAnalyst

from .access import clusters_for
from .models import Cluster, ClusterEdge


class ClusterEdgeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClusterEdge
        fields = ["kind", "account_a", "account_b", "weight", "evidence"]


class ClusterSerializer(serializers.ModelSerializer):
    edges = ClusterEdgeSerializer(many=True, read_only=True)
    run_at = serializers.DateTimeField(source="run.created_at", read_only=True)

    class Meta:
        model = Cluster
        fields = ["id", "run", "run_at", "number", "size", "weight", "kinds", "accounts", "flagged_at", "edges"]


class ClusterFilter(serializers.Serializer):
    run = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="A run's id; the latest run when left out."
    )


@extend_schema_view(list=extend_schema(parameters=[ClusterFilter]))
class ClusterViewSet(viewsets.ReadOnlyModelViewSet):
    """Clusters of coordinated accounts from the latest run (`?run=<id>` for an earlier one)."""

    serializer_class = ClusterSerializer
    permission_classes = [IsAnalyst]

    def get_queryset(self):
        from .models import Run

        queryset = clusters_for(self.request.user).prefetch_related("accounts", "edges")
        if self.action == "list":
            run = validated_query(self.request, ClusterFilter).get("run")
            queryset = queryset.filter(run_id=run) if run else queryset.filter(run=Run.objects.first())
        return queryset.order_by("-size", "-weight", "number")


routes = [("coordination/clusters", ClusterViewSet, "coordination-cluster")]
