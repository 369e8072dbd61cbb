"""A fresh machine gets what CI tested: every dependency is pinned in requirements.lock."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_it_pins_every_declared_dependency_in_the_lock_file():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + [dep for deps in project["optional-dependencies"].values() for dep in deps]
    names = {canonical(re.split(r"[\s\[<>=!~;]", dep, maxsplit=1)[0]) for dep in declared}
    pinned = {
        canonical(line.split("==")[0])
        for line in (ROOT / "requirements.lock").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    }
    assert sorted(names - pinned) == []
