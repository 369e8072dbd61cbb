"""Intake and the inventory do not import each other: a post points at its account, not the other way round."""

import ast
from pathlib import Path

import pytest

PANTAU = Path(__file__).resolve().parents[2] / "pantau"


def imported_apps(app: str) -> dict[str, set[str]]:
    """The other pantau apps each module of `app` imports (anywhere in it, lazy imports too)."""
    found = {}
    for path in (PANTAU / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        package = ["pantau", *path.relative_to(PANTAU).parent.parts]
        apps = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = package[: len(package) - node.level + 1] if node.level else []
                names = [".".join([*base, node.module or ""]).strip(".")]
            apps |= {name.split(".")[1] for name in names if name.startswith("pantau.") and name.count(".") >= 1}
        found[str(path.relative_to(PANTAU))] = apps - {app}
    return found


def test_it_finds_imports_of_other_apps_so_the_check_below_can_fail():
    assert "inventory" in imported_apps("intake")["intake/importer.py"]


@pytest.mark.parametrize(("app", "other"), [("inventory", "intake")])
def test_it_keeps_the_inventory_free_of_intake_imports(app, other):
    assert [module for module, apps in imported_apps(app).items() if other in apps] == []
