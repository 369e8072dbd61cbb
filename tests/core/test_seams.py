"""The declared seams: documented, used only as declared, and only from the apps' plugin.py."""

import re
from pathlib import Path

import pytest

from pantau.core.seams import Contribution, SeamError, UndeclaredSeam, readme_table, seams

PANTAU = Path(__file__).resolve().parents[2] / "pantau"
README = PANTAU.parent / "README.md"
PLUGINS = sorted(PANTAU.glob("*/plugin.py"))
# What a module does to register itself: a call of a seam's add, or a seam used as a decorator.
REGISTERS = re.compile(r"@seams\.\w+|seams\.\w+\.add\(")


def test_it_finds_every_seam_documented_and_every_contribution_fitting():
    assert seams.problems() == []


def test_it_reports_a_seam_whose_docstring_is_removed(monkeypatch):
    monkeypatch.setattr(seams.panels, "doc", "")
    assert "seam 'panels' has no docstring" in seams.problems()


def test_it_reports_a_seam_that_does_not_say_when_it_is_called(monkeypatch):
    monkeypatch.setattr(seams.exports, "when", " ")
    assert "seam 'exports' does not say when it is called" in seams.problems()


def test_it_refuses_a_contribution_to_an_undeclared_seam():
    with pytest.raises(UndeclaredSeam, match="no seam 'export' is declared"):
        seams.export.add(lambda user: [])


def test_it_reports_an_undeclared_seam_named_in_a_plugins_source():
    source = "from pantau.core.seams import seams\n\nif False:\n    seams.export_columns.add(print)\n"
    assert seams.undeclared_in(source) == ["export_columns"]


@pytest.mark.parametrize("plugin", PLUGINS, ids=lambda path: path.parent.name)
def test_it_finds_only_declared_seams_in_every_plugin(plugin):
    assert seams.undeclared_in(plugin.read_text(encoding="utf-8")) == []


def test_it_refuses_a_contribution_whose_parameters_differ_from_the_seams():
    def panel(person):
        return ""

    with pytest.raises(SeamError, match="parameter 1 is 'person', the seam's is 'user'"):
        seams.panels.add(panel, "test", "Test", set())


def test_it_refuses_a_contribution_that_takes_more_than_the_seam_passes():
    def receiver(post_ids, force):
        pass

    with pytest.raises(SeamError, match="takes 'force', which the seam does not pass"):
        seams.posts_imported.add(receiver)


def test_it_refuses_a_notifier_without_the_method_the_seam_calls():
    class Pigeon:
        def fly(self, report):
            return True

    with pytest.raises(SeamError, match="has no method 'send'"):
        seams.reporter_notifiers.add(Pigeon())


def test_it_refuses_options_the_seam_does_not_take():
    with pytest.raises(SeamError, match="takes options"):
        seams.exports("test", "Test", set(), colour="red")(lambda user: [])


def test_it_reports_a_mismatched_contribution_that_got_in_anyway(monkeypatch):
    def agenda(meeting):
        return []

    stray = Contribution(agenda, {"key": "test", "order": 1}, "pantau.pokja.plugin")
    monkeypatch.setattr(seams.agenda_sources, "contributions", [*seams.agenda_sources.contributions, stray])
    assert any(problem.startswith("agenda_sources: test_it_") for problem in seams.problems())


def test_it_reports_a_contribution_registered_outside_a_plugin():
    def receiver(post_ids):
        pass

    seams.posts_imported.add(receiver)
    try:
        problems = seams.problems()
    finally:
        seams.posts_imported.remove(receiver)
    assert any("is registered from tests.core.test_seams, not a plugin" in problem for problem in problems)


def test_it_keeps_registration_in_the_plugin_modules():
    elsewhere = [
        str(path.relative_to(PANTAU))
        for path in PANTAU.rglob("*.py")
        if path.name != "plugin.py" and path != PANTAU / "core/seams.py"
        if REGISTERS.search(path.read_text(encoding="utf-8"))
    ]
    assert elsewhere == []


def _app(module: str) -> str:
    return ".".join(module.split(".")[:2])


@pytest.mark.parametrize("seam", ["exports", "documents"])
def test_it_builds_every_export_and_document_in_the_app_that_registers_it(seam):
    contributions = list(getattr(seams, seam))
    assert contributions
    elsewhere = [
        f"{c.key}: registered from {c.registered_from}, built in {c.value.__module__}"
        for c in contributions
        if _app(c.value.__module__) != _app(c.registered_from)
    ]
    assert elsewhere == []


@pytest.mark.parametrize("name", ["hooks.py", "integrations.py", "plugins.py", "attention.py", "routines.py"])
def test_it_leaves_no_module_found_by_its_name(name):
    # The frameworks keep their machinery under these names; no app module is found by it any more.
    frameworks = {"core/attention.py", "jobs/routines.py"}
    found = {str(path.relative_to(PANTAU)) for path in PANTAU.glob(f"*/{name}")}
    assert sorted(found - frameworks) == []


def test_it_lists_every_seam_in_the_readme():
    """The README's "Seams" table is this one: regenerate it with `python -m pantau.core.seams`."""
    assert readme_table() in README.read_text(encoding="utf-8")


def test_it_takes_every_menu_entrys_roles_from_its_view():
    from pantau.core.nav import view_roles
    from pantau.intake import views

    entries = {entry.value: entry for entry in seams.menu}
    assert view_roles("intake:list") == views.post_list.allowed_roles
    assert all(entry.roles or view_roles(name) for name, entry in entries.items())


def test_it_refuses_a_menu_entry_whose_view_declares_no_roles(client_for, analyst):
    from pantau.core.nav import menu_for, view_roles

    seams.menu.add("core:healthz", "Kesehatan", order=999)
    view_roles.cache_clear()
    try:
        with pytest.raises(SeamError, match="core:healthz.*declares no roles"):
            menu_for(analyst)
    finally:
        seams.menu.contributions = [c for c in seams.menu.contributions if c.value != "core:healthz"]


def test_it_builds_the_menu_without_importing_the_apps():
    source = (PANTAU / "core/nav.py").read_text(encoding="utf-8")
    assert not re.findall(r"^\s*from pantau\.(dashboards|intake|inventory)\b", source, re.M)
