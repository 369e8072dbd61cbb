from .alerts import check_alerts_for_posts


def on_posts_imported(post_ids):
    check_alerts_for_posts(post_ids)
