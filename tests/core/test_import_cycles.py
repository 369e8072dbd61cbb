"""Apps that build on each other import one way only: cases build on reports, reports import no cases.

Every import statement counts, also those inside functions (a late import hides a cycle from Python,
not from the reader), and relative imports are resolved to the module they name.
"""

import ast
from pathlib import Path

import pytest

PANTAU = Path(__file__).resolve().parents[2] / "pantau"


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, root: Path = PANTAU) -> set[str]:
    """Every module `path` (a file under the package `root`) imports anywhere in its code, as dotted names."""
    name = _module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def app_imports(app: str, other: str) -> dict[str, set[str]]:
    """The modules of `other` each module of `app` imports (migrations left out: they name apps by label)."""
    prefix = f"pantau.{other}"
    found = {}
    for path in sorted((PANTAU / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        names = {name for name in imported_modules(path) if name == prefix or name.startswith(prefix + ".")}
        if names:
            found[str(path.relative_to(PANTAU.parent))] = names
    return found


def test_it_finds_function_level_and_relative_imports(tmp_path):
    package = tmp_path / "pantau" / "reports"
    package.mkdir(parents=True)
    module = package / "views.py"
    module.write_text(
        "from . import seams\nfrom ..cases import services\n\n"
        "def page():\n    from pantau.cases.access import cases_for\n"
    )
    found = imported_modules(module, tmp_path / "pantau")
    assert {"pantau.reports.seams", "pantau.cases.services", "pantau.cases.access"} <= found


def test_it_keeps_cases_building_on_reports():
    # The walker sees the direction that is meant, so the next test can fail.
    assert app_imports("cases", "reports")


@pytest.mark.parametrize("app, other", [("reports", "cases")])
def test_it_has_no_import_from_the_app_that_builds_on_it(app, other):
    assert app_imports(app, other) == {}
