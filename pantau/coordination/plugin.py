"""What coordination adds to the other apps, through the seams of pantau.core.seams."""

from pantau.core.seams import seams
from pantau.jobs.runner import start_job_once


@seams.posts_imported.add
def find_coordination(post_ids):
    # An incremental run indexes the posts not yet indexed and compares them
    # with the stored posts within the window; one queued run serves every batch.
    start_job_once("coordination.run", "Find coordinated accounts")
