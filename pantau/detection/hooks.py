from pantau.jobs.runner import start_job_once


def on_posts_imported(post_ids):
    # The job classifies every post without a current classification, so one
    # queued run covers all batches of an import (and catches up after a crash).
    start_job_once("detection.classify", "Classify new posts")
