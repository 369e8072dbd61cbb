from pantau.jobs.runner import start_job_once


def on_posts_imported(post_ids):
    # An incremental run indexes the posts not yet indexed and compares them
    # with the stored posts within the window; one queued run serves every batch.
    start_job_once("coordination.run", "Find coordinated accounts")
