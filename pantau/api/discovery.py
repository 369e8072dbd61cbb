"""The API router, filled from each domain's `api` module.

An `api` module may define `routes`, a list of (prefix, viewset, basename),
and `urlpatterns` for function endpoints; adding an endpoint never edits
this app.
"""

from rest_framework.routers import DefaultRouter

from pantau.core.discovery import app_modules


def build_router() -> DefaultRouter:
    router = DefaultRouter()
    for module in app_modules("api"):
        for prefix, viewset, basename in getattr(module, "routes", []):
            router.register(prefix, viewset, basename=basename)
    return router


def extra_urlpatterns():
    patterns = []
    for module in app_modules("api"):
        patterns += getattr(module, "urlpatterns", [])
    return patterns
