"""What coordination adds to the other apps, through the seams of pantau.core.seams."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pantau.core.seams import seams
from pantau.jobs.runner import start_job_once
from pantau.people.roles import ANALYSIS_ROLES
from pantau.pokja.agenda import LISTED, Proposal

from . import api, demo, jobs
from .access import clusters_for
from .exports import clusters_export
from .models import Run

seams.exports.add(clusters_export, "clusters", "Klaster akun terkoordinasi", ANALYSIS_ROLES)


@seams.posts_imported.add
def find_coordination(post_ids):
    # An incremental run indexes the posts not yet indexed and compares them
    # with the stored posts within the window; one queued run serves every batch.
    start_job_once("coordination.run", "Find coordinated accounts")


@seams.agenda_sources("coordination.clusters", order=40)
def new_clusters(meeting, since, user=None):
    """The clusters of the latest run, when it was computed since the last held meeting."""
    if user is not None and not clusters_for(user).exists():
        return []
    latest = Run.objects.first()
    if latest is None or (since is not None and latest.created_at < since):
        return []
    rows = list(latest.clusters.order_by("-size", "-weight", "number")[:LISTED])
    if not rows:
        return []
    total = latest.clusters.count()
    lines = [
        f"- #{c.number}: " + ", ".join(a.name or a.platform_id for a in c.accounts.all()[:8]) + f" ({c.size})"
        for c in rows
    ]
    return [
        Proposal(
            _("Coordinated account clusters found since the last meeting (%(count)d)") % {"count": total},
            "\n".join(lines),
            "coordination.clusters",
        )
    ]


seams.jobs.add(
    jobs.run, jobs.KIND, name=gettext_lazy("Coordination analysis"), title=jobs.run_title, summary=jobs.run_summary
)


seams.menu.add("coordination:list", gettext_lazy("Coordination"), order=70)

seams.demo_data.add(demo.load)

seams.api_routes.add(api.routes)
