"""What intake adds to the shared seams (pantau.core.seams)."""

from django.utils.translation import gettext_lazy

from pantau.core.seams import seams
from pantau.people.roles import ANALYSIS_ROLES

from . import api, demo, jobs
from .exports import posts_export

seams.exports.add(posts_export, "posts", "Postingan", ANALYSIS_ROLES, filtered=True)

seams.jobs.add(
    jobs.run_import, "intake.import", name=gettext_lazy("Import"), title=jobs.import_title, summary=jobs.import_summary
)


seams.menu.add("intake:list", gettext_lazy("Posts"), order=30)
seams.menu.add("intake:import", gettext_lazy("Import"), order=40)

seams.demo_data.add(demo.load)

seams.api_routes.add(api.routes)
