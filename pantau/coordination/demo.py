"""Coordination over the demo posts, so the planted copy-paste campaigns show as clusters."""

from .models import Run
from .services import run_coordination


def load(out, options):
    existing = Run.objects.first()
    if existing is not None:
        out.write(f"  clusters already computed (run {existing.pk}), none added")
        return
    run = run_coordination()
    out.write(f"  {run.stats.get('clusters', 0)} clusters from {run.stats.get('posts', 0)} posts")
