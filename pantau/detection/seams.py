"""The post-classification seam: other apps react to newly classified posts.

Any app listed in PANTAU_APPS may have, in its `hooks.py`,

    def on_posts_classified(post_ids: list[int]) -> None: ...

The `detection.classify` job calls it once at its end, after every batch is
committed, with the ids of the posts it (re)classified. The post-import hooks
run before classification, so anything that needs the labels (high-severity
alerts) belongs here. A receiver that fails is logged and does not fail the job.
"""

import logging

from pantau.core.discovery import app_modules

log = logging.getLogger(__name__)


def receivers():
    return [module.on_posts_classified for module in app_modules("hooks") if hasattr(module, "on_posts_classified")]


def posts_classified(post_ids) -> None:
    for receiver in receivers():
        try:
            receiver(list(post_ids))
        except Exception:  # one app's failure must not fail the classification
            log.exception("post-classification hook %s.%s failed", receiver.__module__, receiver.__name__)
