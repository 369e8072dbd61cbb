from django.urls import path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view, permission_classes
from rest_framework.response import Response

from pantau.api.permissions import IsMember

from .stats import office_stats


@extend_schema(responses=inline_serializer("Stats", {"posts": serializers.IntegerField()}))
@api_view(["GET"])
@permission_classes([IsMember])
def stats(request):
    return Response(office_stats())


@extend_schema(
    responses=inline_serializer("Me", {"username": serializers.CharField(), "role": serializers.CharField()})
)
@api_view(["GET"])
@permission_classes([IsMember])
def me(request):
    user = request.user
    return Response({"username": user.username, "role": user.role, "agency": user.agency.code if user.agency else None})


urlpatterns = [path("stats/", stats, name="stats"), path("me/", me, name="me")]
