from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularYAMLAPIView
from rest_framework.authtoken.views import obtain_auth_token

from .discovery import build_router, extra_urlpatterns

app_name = "api"
# The schema describes the API, not its data: anyone may read it.
PUBLIC = {"permission_classes": [], "authentication_classes": []}
urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(**PUBLIC), name="schema"),
    path("openapi.yaml", SpectacularYAMLAPIView.as_view(**PUBLIC), name="schema-yaml"),
    path("token/", obtain_auth_token, name="token"),
    *extra_urlpatterns(),
    *build_router().urls,
]
