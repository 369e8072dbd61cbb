"""Indonesian translations without GNU gettext: compile .po files and find gaps.

Offices install with nothing but Python, so .mo files are compiled with polib
instead of msgfmt. `untranslated()` lists the user-visible strings of an app
that its Indonesian .po file lacks; a test keeps that list empty.

    python -m pantau.lib.translations compile pantau/
    python -m pantau.lib.translations missing pantau/
"""

import ast
import re
import sys
from pathlib import Path

import polib

TEMPLATE_PATTERNS = [
    re.compile(r"""{%\s*(?:translate|trans)\s+"((?:[^"\\]|\\.)*)"(?:\s+(?:as\s+\w+|context\s+"[^"]*"|noop))*\s*%}"""),
    re.compile(r"""{%\s*(?:translate|trans)\s+'((?:[^'\\]|\\.)*)'(?:\s+(?:as\s+\w+|noop))*\s*%}"""),
]
BLOCK = re.compile(r"{%\s*blocktrans(?:late)?(?P<args>[^%]*)%}(?P<body>.*?){%\s*endblocktrans(?:late)?\s*%}", re.S)
# gettext functions and where their msgid is among the arguments.
MSGID_POSITION = {
    "_": 0,
    "gettext": 0,
    "gettext_lazy": 0,
    "gettext_noop": 0,
    "ngettext": 0,
    "ngettext_lazy": 0,
    "pgettext": 1,
    "pgettext_lazy": 1,
}


def po_files(root: Path) -> list[Path]:
    return sorted(root.glob("*/locale/*/LC_MESSAGES/django.po"))


def compile_all(root: Path) -> int:
    count = 0
    for po_path in po_files(root):
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
        count += 1
    return count


def _block_msgid(args: str, body: str) -> str:
    body = re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", body)
    if "trimmed" in args:
        body = " ".join(line.strip() for line in body.strip().splitlines())
    return body


def source_strings(app_dir: Path) -> set[str]:
    found: set[str] = set()
    for path in app_dir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for pattern in TEMPLATE_PATTERNS:
            found.update(m.replace('\\"', '"') for m in pattern.findall(text))
        for match in BLOCK.finditer(text):
            if "plural" not in match.group("body"):
                found.add(_block_msgid(match.group("args"), match.group("body")))
    for path in app_dir.rglob("*.py"):
        if "migrations" not in path.parts:
            found.update(python_strings(path.read_text(encoding="utf-8")))
    return found


def python_strings(source: str) -> set[str]:
    """The msgids of gettext calls in Python source, read with `ast` so that strings split over
    lines ("a " "b") count as the one string Python joins them into."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        position = MSGID_POSITION.get(name)
        if position is None or len(node.args) <= position:
            continue
        arg = node.args[position]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value:
            found.add(arg.value)
    return found


def untranslated(app_dir: Path, language: str = "id") -> list[str]:
    po_path = app_dir / "locale" / language / "LC_MESSAGES" / "django.po"
    known: dict[str, object] = {}
    if po_path.exists():
        known = {
            entry.msgid: entry.msgstr or all((entry.msgstr_plural or {0: ""}).values())
            for entry in polib.pofile(str(po_path))
            if not entry.obsolete and "fuzzy" not in entry.flags
        }
    return sorted(s for s in source_strings(app_dir) if not known.get(s))


def conflicting(root: Path, language: str = "id") -> dict[tuple[str | None, str], dict[str, str]]:
    """Messages that two apps translate differently, with each app's translation.

    Django merges every app's catalogue into one per language, so only one of the two is ever
    shown, in both apps: a word meant differently needs a context (pgettext), not two msgstrs."""
    seen: dict[tuple[str | None, str], dict[str, str]] = {}
    for po_path in po_files(root):
        if po_path.parts[-3] != language:
            continue
        for entry in polib.pofile(str(po_path)):
            if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags:
                seen.setdefault((entry.msgctxt, entry.msgid), {})[po_path.parts[-5]] = entry.msgstr
    return {key: apps for key, apps in seen.items() if len(set(apps.values())) > 1}


def add_missing(app_dir: Path, language: str = "id") -> list[str]:
    """Append empty entries for the missing strings so a translator can fill them in."""
    missing = untranslated(app_dir, language)
    po_path = app_dir / "locale" / language / "LC_MESSAGES" / "django.po"
    po_path.parent.mkdir(parents=True, exist_ok=True)
    po = polib.pofile(str(po_path)) if po_path.exists() else polib.POFile()
    po.metadata = po.metadata or {"Content-Type": "text/plain; charset=UTF-8", "Language": language}
    existing = {entry.msgid for entry in po}
    for msgid in missing:
        if msgid not in existing:
            po.append(polib.POEntry(msgid=msgid, msgstr=""))
    po.save(str(po_path))
    return missing


def main(argv: list[str]) -> int:
    action, root = argv[0], Path(argv[1])
    if action == "compile":
        print(f"compiled {compile_all(root)} translation catalogue(s)")
        return 0
    gaps = {app.name: untranslated(app) for app in sorted(root.iterdir()) if app.is_dir()}
    if action == "stub":
        for app in sorted(root.iterdir()):
            if app.is_dir() and gaps.get(app.name):
                add_missing(app)
    for name, missing in gaps.items():
        for msgid in missing:
            print(f"{name}: {msgid}")
    return 1 if action == "missing" and any(gaps.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
