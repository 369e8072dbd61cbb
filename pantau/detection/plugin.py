"""What detection adds to the other apps, through the seams of pantau.core.seams."""

from pantau.core.seams import seams
from pantau.jobs.runner import start_job_once


@seams.posts_imported.add
def classify_new_posts(post_ids):
    # The job classifies every post without a current classification, so one
    # queued run covers all batches of an import (and catches up after a crash).
    start_job_once("detection.classify", "Classify new posts")
