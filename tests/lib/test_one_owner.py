"""Facts with one owner: a copy elsewhere in the code is a defect this test names."""

import re
from pathlib import Path

import pytest

from pantau.detection.taxonomy import LABELS

PACKAGE = Path(__file__).resolve().parents[2] / "pantau"
SOURCE_SUFFIXES = {".py", ".html", ".po", ".json", ".txt", ".js"}
# Big data files that cannot hold a setting or a sentence of the app (the model's vocabulary, lexicons).
DATA_DIRS = {PACKAGE / "detection" / "model", PACKAGE / "detection" / "data"}


def source_files():
    for path in PACKAGE.rglob("*"):
        if path.suffix in SOURCE_SUFFIXES and not any(d in path.parents for d in DATA_DIRS):
            yield path


def files_containing(pattern: re.Pattern) -> list[str]:
    return sorted(
        str(path.relative_to(PACKAGE))
        for path in source_files()
        if pattern.search(path.read_text(encoding="utf-8", errors="replace"))
    )


def test_it_names_the_offices_zone_only_in_the_clock_module():
    assert files_containing(re.compile(r"\bWIB\b")) == ["lib/clock.py"]


@pytest.mark.parametrize("label", [label for label, (_name, basis, _sev) in LABELS.items() if basis])
def test_it_writes_each_labels_legal_basis_only_in_the_taxonomy(label):
    basis = LABELS[label][1]
    assert files_containing(re.compile(re.escape(basis))) == ["detection/taxonomy.py"]


def test_it_parses_times_in_one_module():
    assert files_containing(re.compile(r"^def parse_time\b", re.M)) == ["lib/clock.py"]


def test_it_sniffs_file_types_in_one_module():
    assert files_containing(re.compile(r"filetype\.guess|\[:2\] == b|imghdr")) == ["evidence/filecheck.py"]


def test_it_cuts_high_risk_in_one_module():
    assert files_containing(re.compile(r"^HIGH_RISK = ", re.M)) == ["inventory/risk.py"]
