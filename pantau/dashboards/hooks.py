from .alerts import check_alerts_for_posts
from .daily import mark_posts


def on_posts_imported(post_ids):
    check_alerts_for_posts(post_ids)
    mark_posts(post_ids)


def on_posts_classified(post_ids):
    # The high-severity rules (from detection) need the labels, which exist
    # only now; watch-list matches already sent at import are not sent again.
    check_alerts_for_posts(post_ids)
    mark_posts(post_ids)
