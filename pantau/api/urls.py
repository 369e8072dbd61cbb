from django.urls import path

from . import token_views
from .discovery import build_router, extra_urlpatterns
from .schema import SchemaJSONView, SchemaYAMLView

app_name = "api"
# The schema describes the API, not its data: anyone may read it.
PUBLIC: dict[str, list] = {"permission_classes": [], "authentication_classes": []}
urlpatterns = [
    path("openapi.json", SchemaJSONView.as_view(**PUBLIC), name="schema"),
    path("openapi.yaml", SchemaYAMLView.as_view(**PUBLIC), name="schema-yaml"),
    path("token/", token_views.obtain_token, name="token"),
    path("token/revoke/", token_views.revoke_current_token, name="token-revoke"),
    path("token/revoke-all/", token_views.revoke_all_tokens, name="token-revoke-all"),
    *extra_urlpatterns(),
    *build_router().urls,
]
