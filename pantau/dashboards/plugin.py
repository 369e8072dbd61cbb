"""What dashboards adds to the shared seams (pantau.core.seams), its own built-in panels and exports included."""

from datetime import timedelta

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pantau.core.attention import Attention
from pantau.core.seams import seams
from pantau.people.roles import ANALYSIS_ROLES

from . import api, demo, jobs, panels
from .access import unread_count
from .alerts import check_alerts_for_posts, check_deadlines, watch_list_sources
from .daily import catch_up, mark_posts, rebuild

seams.panels.add(
    panels.trend, "trend", gettext_lazy("Posts per day and campaign stage"), ANALYSIS_ROLES, order=10, wide=True,
    filtered=True,
)  # fmt: skip
seams.panels.add(
    panels.per_label, "labels", gettext_lazy("Posts per label"), ANALYSIS_ROLES, order=12, wide=True, filtered=True
)
seams.panels.add(panels.positive, "positive", gettext_lazy("Positive information"), ANALYSIS_ROLES, order=15)
seams.panels.add(
    panels.per_platform, "platform", gettext_lazy("Posts per platform"), ANALYSIS_ROLES, order=20, filtered=True
)
seams.panels.add(
    panels.per_kecamatan, "kecamatan", gettext_lazy("Posts per kecamatan"), ANALYSIS_ROLES, order=30, filtered=True
)
seams.panels.add(panels.per_group, "groups", gettext_lazy("Posts per group"), ANALYSIS_ROLES, order=35, filtered=True)
seams.alert_sources.add(watch_list_sources)


@seams.posts_imported.add
def alert_and_count_imported(post_ids):
    check_alerts_for_posts(post_ids)
    mark_posts(post_ids)


@seams.posts_classified.add
def alert_and_count_classified(post_ids):
    # The high-severity rules (from detection) need the labels, which exist
    # only now; watch-list matches already sent at import are not sent again.
    check_alerts_for_posts(post_ids)
    mark_posts(post_ids)


seams.jobs.add(
    jobs.export_job,
    "dashboards.export",
    name=gettext_lazy("Export"),
    title=jobs.export_title,
    summary=jobs.export_summary,
)


@seams.routines(
    "dashboards.action_deadlines", gettext_lazy("Alerts of action items near their due date"), every=timedelta(hours=1)
)
def alert_action_deadlines():
    # Each alert has a key, so an hourly check tells each person once per item and state.
    return check_deadlines()


@seams.routines(
    "dashboards.daily_counts",
    gettext_lazy("Recount the dashboard's days with new or changed posts"),
    every=timedelta(minutes=5),
)
def refresh_daily_counts():
    return catch_up()


@seams.routines("dashboards.daily_rebuild", gettext_lazy("Recount every day of the dashboard"), every=timedelta(days=1))
def rebuild_daily_counts():
    # Catches what no receiver tells: a re-imported post that moved to another day leaves its old day behind.
    return rebuild()


seams.menu.add("dashboards:dashboard", gettext_lazy("Dashboard"), order=20)
seams.menu.add("dashboards:positive", gettext_lazy("Positive information"), order=150)
seams.menu.add("dashboards:notifications", gettext_lazy("Notifications"), order=160, badge=unread_count)


@seams.attention.add
def waiting_work(user):
    return [Attention(_("Unread notifications"), unread_count(user), reverse("dashboards:notifications"))]


seams.demo_data.add(demo.load)

seams.api_routes.add(api.routes)
