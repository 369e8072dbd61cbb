"""Where detection's data lives: the files shipped in the package and the office's own in PANTAU_HOME."""

from pathlib import Path

from pantau.lib.home import pantau_home

from .linear import SHIPPED_MODEL_DIR

DATA_DIR = Path(__file__).resolve().parent / "data"


def office_slang_path() -> Path:
    return pantau_home() / "slang.csv"


def office_names_path() -> Path:
    """The office's candidates and other people to mask, one name a line."""
    return pantau_home() / "names.txt"


def office_lexicon_path() -> Path:
    return pantau_home() / "lexicons.json"


def models_dir() -> Path:
    return pantau_home() / "models"


def active_model_dir() -> Path:
    marker = models_dir() / "ACTIVE"
    if marker.exists():
        candidate = models_dir() / marker.read_text(encoding="utf-8").strip()
        if (candidate / "model.json").exists():
            return candidate
    return SHIPPED_MODEL_DIR
