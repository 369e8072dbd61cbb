"""Documentation is tested: every command and setting is described."""

import re
from pathlib import Path

from pantau.cli import pantau_commands

ROOT = Path(__file__).resolve().parents[2]


def test_it_documents_every_pantau_command():
    docs = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = [name for name in pantau_commands() if f"`pantau {name}" not in docs]
    assert missing == []


def test_it_documents_every_environment_setting():
    names = set()
    for path in (ROOT / "pantau").rglob("*.py"):
        names |= set(
            re.findall(r"env_(?:str|bool|int|list|choice)\(\s*\"([A-Z_]+)\"", path.read_text(encoding="utf-8"))
        )
    docs = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert sorted(name for name in names if f"`{name}`" not in docs) == []


def test_it_translates_every_user_visible_string_into_indonesian():
    from pantau.lib.translations import untranslated

    gaps = {app.name: untranslated(app) for app in (ROOT / "pantau").iterdir() if app.is_dir()}
    assert {app: strings for app, strings in gaps.items() if strings} == {}


def test_the_readme_has_each_section_once():
    headings = [line for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert sorted({h for h in headings if headings.count(h) > 1}) == []
