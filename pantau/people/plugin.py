"""What people adds to the shared seams (pantau.core.seams)."""

from django.utils.translation import gettext_lazy

from pantau.core.seams import seams

from . import demo
from .grants import pending_count

seams.menu.add("people:grants", gettext_lazy("Role grants"), order=180, badge=pending_count)

seams.demo_data.add(demo.load)
