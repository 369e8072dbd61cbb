import json

from django.core.management.base import BaseCommand

from pantau.jobs.queue import queue_state


class Command(BaseCommand):
    help = "Show the job queue: jobs per state, the open jobs and the live workers."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", dest="as_json", help="Print one JSON object.")
        parser.add_argument("--limit", type=int, default=50, help="Open jobs to list at most (default 50).")

    def handle(self, *args, as_json: bool, limit: int, **options):
        state = queue_state(limit=max(1, limit))
        if as_json:
            self.stdout.write(json.dumps(state))
            return
        self.stdout.write("  ".join(f"{status}: {n}" for status, n in state["counts"].items()))
        for job in state["open"]:
            progress = f"{job['done']}/{job['total']}" if job["total"] else str(job["done"])
            worker = f" on {job['worker']}" if job["worker"] else ""
            self.stdout.write(
                f"#{job['id']:<6} {job['status']:<8} {job['kind']:<22} {progress:>15}{worker}  {job['title']}"
            )
        self.stdout.write(f"workers alive: {len(state['workers'])}")
        for worker in state["workers"]:
            self.stdout.write(f"  {worker['worker']}  {worker['host']} pid {worker['pid']}  seen {worker['seen_at']}")
