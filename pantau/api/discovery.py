"""The API router, filled from the apps' `api_routes` and `api_urls` contributions (pantau.core.seams).

Each app's plugin.py adds its `routes`, a list of (prefix, viewset, basename),
and `urlpatterns` for function endpoints; adding an endpoint never edits
this app.
"""

from rest_framework.routers import DefaultRouter

from pantau.core.seams import seams


def build_router() -> DefaultRouter:
    router = DefaultRouter()
    for contribution in seams.api_routes:
        for prefix, viewset, basename in contribution.value:
            router.register(prefix, viewset, basename=basename)
    return router


def extra_urlpatterns():
    patterns = []
    for contribution in seams.api_urls:
        patterns += contribution.value
    return patterns
