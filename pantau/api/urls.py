from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import token_views
from .discovery import build_router, extra_urlpatterns

app_name = "api"
urlpatterns = [
    path("openapi.json", SpectacularAPIView.as_view(permission_classes=[], authentication_classes=[]), name="schema"),
    path("token/", token_views.obtain_token, name="token"),
    path("token/revoke/", token_views.revoke_current_token, name="token-revoke"),
    path("token/revoke-all/", token_views.revoke_all_tokens, name="token-revoke-all"),
    *extra_urlpatterns(),
    *build_router().urls,
]
