"""Domain apps plug into shared features by module name.

An app that has `api.py` adds API routes, `demo.py` adds demo data,
`selfcheck.py` adds checks to `pantau check`. This finds those modules in the
order of settings.PANTAU_APPS, so the shared feature never names the apps.
"""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings


def app_modules(module_name: str, exclude: tuple[str, ...] = ()):
    for app in settings.PANTAU_APPS:
        if app not in exclude and find_spec(f"{app}.{module_name}"):
            yield import_module(f"{app}.{module_name}")
