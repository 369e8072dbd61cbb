from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.authtoken.views import obtain_auth_token

from .discovery import build_router, extra_urlpatterns

app_name = "api"
urlpatterns = [
    path("openapi.json", SpectacularAPIView.as_view(permission_classes=[], authentication_classes=[]), name="schema"),
    path("token/", obtain_auth_token, name="token"),
    *extra_urlpatterns(),
    *build_router().urls,
]
