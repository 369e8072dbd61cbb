"""Background jobs on the task queue, with progress the UI shows."""
