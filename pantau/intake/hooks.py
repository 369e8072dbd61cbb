"""The post-import seam: other apps react to new or changed posts.

Any app listed in PANTAU_APPS may have a `hooks.py` with

    def on_posts_imported(post_ids: list[int]) -> None: ...

It is called after each committed import batch (and after a manual capture)
with the ids of the posts created or changed in it; posts skipped as
unchanged duplicates are not passed again. Hooks run in the importing
process (a job in the worker, or `pantau import`), so they should be quick or
start a job of their own (`pantau.jobs.runner.start_job`). A hook that fails
is logged and does not stop the import; since an import killed between a
commit and its hooks does not call them again, hooks that must see every post
should also be able to catch up (e.g. classify posts that have no labels).
"""

import logging

from pantau.core.discovery import app_modules

log = logging.getLogger(__name__)


def receivers():
    return [module.on_posts_imported for module in app_modules("hooks") if hasattr(module, "on_posts_imported")]


def posts_imported(post_ids: list[int]) -> None:
    for receiver in receivers():
        try:
            receiver(list(post_ids))
        except Exception:  # one app's failure must not lose the import
            log.exception("post-import hook %s.%s failed", receiver.__module__, receiver.__name__)
