"""What outreach adds to the shared seams (pantau.core.seams)."""

from django.utils.translation import gettext_lazy

from pantau.core.seams import seams
from pantau.people.roles import ANALYSIS_ROLES

from . import api, demo
from .letters import invitation_letter
from .panels import group_panel, meeting_panel

seams.documents.add(
    invitation_letter, "invitation", "Undangan kepada pihak luar (admin grup)", ANALYSIS_ROLES, needs_meeting=True
)


seams.menu.add("outreach:people", gettext_lazy("Outside people"), order=120)

seams.demo_data.add(demo.load)

seams.api_routes.add(api.routes)
seams.meeting_sections.add(meeting_panel, "outreach")
seams.group_sections.add(group_panel, "outreach")
