"""What dashboards adds to the shared seams (pantau.core.seams), its own built-in panels and exports included."""

from pantau.core.seams import seams

from .alerts import check_alerts_for_posts
from .daily import mark_posts


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
