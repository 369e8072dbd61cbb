"""`pantau check`: the active detection model loads and classifies."""

from .engine import load_detector
from .files import active_model_dir


def _model():
    try:
        detector = load_detector()
        result = detector.classify(["Dasar goblok kamu"])[0]
    except Exception as exc:  # any failure to load is what this check reports
        return False, f"detection model in {active_model_dir()} does not load: {type(exc).__name__}: {exc}"
    return "kasar" in result["flagged"], f"detection model {detector.version} loaded from {active_model_dir()}"


CHECKS = [("detection model", _model)]
