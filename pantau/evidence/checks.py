"""Django system checks of the evidence settings: a wrong value is refused at start-up, not at the first capture."""

from django.core import checks
from django.utils.module_loading import import_string

from . import anchors
from .storage import storage_class_path


@checks.register("pantau")
def evidence_settings(app_configs, **kwargs):
    found = []
    problem = anchors.anchor_problem()
    if problem:
        # Evidence is still kept, but its heads miss the second copy that shows a chain cut short.
        found.append(
            checks.Error(
                problem,
                hint="Name an existing folder the server may write to, or unset PANTAU_EVIDENCE_ANCHOR.",
                id="pantau.E020",
            )
        )
    storage = storage_class_path()
    try:
        import_string(storage)
    except ImportError as exc:
        found.append(
            checks.Error(
                f"PANTAU_EVIDENCE_STORAGE={storage!r} cannot be imported: {exc}",
                hint="Name a class by its dotted path, like pantau.evidence.storage.FileSystemEvidenceStorage.",
                id="pantau.E021",
            )
        )
    return found
