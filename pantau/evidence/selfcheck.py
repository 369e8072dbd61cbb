"""`pantau check`: the evidence chain is in the current format and agrees with its head file.

A quick look only; `pantau evidence verify` rehashes every file.
"""

from . import anchors
from .chain import current_head, unsealed_count
from .models import ChainEntry


def _chain():
    unsealed = unsealed_count()
    if unsealed:
        return False, f"{unsealed} chain entries in the old format: run `pantau evidence reseal`"
    head = current_head()
    try:
        recorded = anchors.read_head_file()
    except anchors.HeadError as exc:
        return False, str(exc)
    if recorded is not None and recorded.count:
        at = ChainEntry.objects.filter(seq=recorded.count).values_list("entry_hash", flat=True).first()
        if at is None or not at.startswith(recorded.hash):
            return False, f"the chain disagrees with its head file {recorded}: run `pantau evidence verify`"
    return True, f"chain of {head.count} entries, head {head.hash[:16]} (`pantau evidence verify` checks every file)"


def _anchor():
    path = anchors.anchor_path()
    if path is None:
        return True, "no second copy of the chain's heads (set PANTAU_EVIDENCE_ANCHOR to keep one)"
    problem = anchors.anchor_problem()
    return (False, problem) if problem else (True, f"heads also appended to {path}")


CHECKS = [("evidence chain", _chain), ("evidence anchor", _anchor)]
