"""What audit adds to the shared seams (pantau.core.seams)."""

from django.utils.translation import gettext_lazy

from pantau.core.seams import seams

seams.menu.add("audit:list", gettext_lazy("Audit log"), order=190)
