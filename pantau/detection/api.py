from django.urls import path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import api_view, permission_classes
from rest_framework.response import Response

from pantau.api.permissions import IsAnalyst

from .access import may_review
from .models import Classification

MAX_TEXTS = 1000


class ClassificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Classification
        fields = ["post", "scores", "flagged", "severity", "explanation", "factcheck", "model_version", "created_at"]


class ClassificationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ClassificationSerializer
    permission_classes = [IsAnalyst]

    def get_queryset(self):
        qs = Classification.objects.all() if may_review(self.request.user) else Classification.objects.none()
        return qs.order_by("-severity", "-post_id")


class DetectSerializer(serializers.Serializer):
    texts = serializers.ListField(child=serializers.CharField(allow_blank=True), max_length=MAX_TEXTS)
    times = serializers.ListField(child=serializers.CharField(allow_blank=True), required=False)


@extend_schema(
    request=DetectSerializer,
    responses=inline_serializer("DetectResults", {"results": serializers.ListField(child=serializers.DictField())}),
)
@api_view(["POST"])
@permission_classes([IsAnalyst])
def detect(request):
    """Classify up to 1000 texts: one result per text, as `pantau detect` prints."""
    from .engine import default_detector

    data = DetectSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    texts, times = data.validated_data["texts"], data.validated_data.get("times")
    if times is not None and len(times) != len(texts):
        raise serializers.ValidationError({"times": "give one time per text"})
    return Response({"results": default_detector().classify(texts, times or None)})


routes = [("detection/classifications", ClassificationViewSet, "classification")]
urlpatterns = [path("detection/detect/", detect, name="detection-detect")]
