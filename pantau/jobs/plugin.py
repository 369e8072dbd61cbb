"""What jobs adds to the shared seams (pantau.core.seams)."""

from django.utils.translation import gettext_lazy

from pantau.core.seams import seams

from . import api

seams.menu.add("jobs:list", gettext_lazy("Jobs"), order=170)

seams.api_routes.add(api.routes)
