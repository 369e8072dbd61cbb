"""The format registry: a format is one class, found and asked without editing anything else."""

import ast
from pathlib import Path

import pytest

from pantau.intake.formats import FORMATS, Format, Record, Source, read_records, register, registry

ROOT = Path(__file__).resolve().parents[2]
FORMATS_DIR = ROOT / "pantau" / "intake" / "formats"


@pytest.fixture
def scratch_registry(monkeypatch):
    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))


def _source(path):
    return Source(path, max_line=1024 * 1024, max_document=10 * 1024 * 1024)


def test_it_detects_and_reads_a_new_format_from_its_class_alone(tmp_path, scratch_registry):
    @register
    class Bulletin(Format):
        name, shape, order = "bulletin", "text", 5

        def detect(self, head):
            return head.stripped.startswith("BULLETIN")

        def read(self, source):
            for number, line in enumerate(source.strict_lines(), start=1):
                if number > 1 and line.strip():
                    yield Record(platform="web", text=line.strip(), post_id=str(number))

    path = tmp_path / "anything.txt"
    path.write_text("BULLETIN\nsatu\ndua\n", encoding="utf-8")
    fmt, items = read_records(_source(path))
    assert fmt == "bulletin"
    assert [r.text for r in items] == ["satu", "dua"]


def test_it_refuses_two_formats_of_one_name(scratch_registry):
    with pytest.raises(TypeError, match="registered twice"):

        @register
        class Impostor(Format):
            name, shape = "whatsapp", "text"


def test_it_says_which_formats_exist_for_an_unknown_one(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("text,url\nhalo,https://example.org/1\n", encoding="utf-8")
    with pytest.raises(registry.FileRejected, match="known: whatsapp"):
        read_records(_source(path), "nope")


def test_it_documents_every_format():
    table = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    assert [name for name in FORMATS if f"`{name}`" not in table] == []


def test_it_tells_formats_apart_only_in_their_own_classes():
    """Detection code (`detect`, `key_pattern`) lives in the format's class; registry.py names no format."""
    source = (FORMATS_DIR / "registry.py").read_text(encoding="utf-8")
    assert [name for name in FORMATS if f'"{name}"' in source and name not in registry.SHAPES] == []
    for path in FORMATS_DIR.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        detects = [
            node
            for cls in ast.walk(tree)
            if isinstance(cls, ast.ClassDef)
            for node in cls.body
            if isinstance(node, ast.FunctionDef) and node.name == "detect"
        ]
        top_level = [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("detect")]
        assert top_level == [] or path.name == "registry.py", path.name
        assert len(detects) <= 2, path.name  # a module is one source: at most its JSON and CSV containers
