"""The OpenAPI schema, generated once per process and language instead of on every request.

Generating it walks every serializer and view of the API (over a second at a
time); it changes only with the code, which a running process does not, so
the answer is kept per (API version, language, URL configuration).
"""

from django.urls import get_urlconf
from django.utils.translation import get_language
from drf_spectacular.views import SpectacularAPIView, SpectacularJSONAPIView, SpectacularYAMLAPIView
from rest_framework.response import Response

_SCHEMAS: dict[tuple, dict] = {}


class CachedSchemaMixin(SpectacularAPIView):
    def _get_schema_response(self, request):
        version = self.api_version or request.version or self._get_version_parameter(request)
        key = (version, get_language(), get_urlconf(), self.urlconf, self.serve_public)
        if key not in _SCHEMAS:
            generator = self.generator_class(urlconf=self.urlconf, api_version=version, patterns=self.patterns)
            _SCHEMAS[key] = generator.get_schema(request=request, public=self.serve_public)
        return Response(
            data=_SCHEMAS[key],
            headers={"Content-Disposition": f'inline; filename="{self._get_filename(request, version)}"'},
        )


class SchemaJSONView(CachedSchemaMixin, SpectacularJSONAPIView):
    pass


class SchemaYAMLView(CachedSchemaMixin, SpectacularYAMLAPIView):
    pass
