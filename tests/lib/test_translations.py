from pathlib import Path

import pantau
from pantau.lib.translations import conflicting, python_strings


def test_it_finds_a_message_split_over_lines_as_one_string():
    source = 'help_text = _(\n    "An anonymous report is initial information, "\n    "not a formal report."\n)\n'
    assert python_strings(source) == {"An anonymous report is initial information, not a formal report."}


def test_it_reads_the_message_of_contextual_and_plural_calls():
    source = 'pgettext_lazy("month", "May")\nngettext("%(n)d day", "%(n)d days", n)\ntitle = "not translated"\n'
    assert python_strings(source) == {"May", "%(n)d day"}


def test_it_gives_every_message_one_indonesian_translation_across_the_apps():
    assert conflicting(Path(pantau.__path__[0])) == {}


def test_it_names_a_message_two_apps_translate_differently(tmp_path):
    for app, word in (("one", "Tindakan"), ("two", "Tindak lanjut")):
        po = tmp_path / app / "locale" / "id" / "LC_MESSAGES" / "django.po"
        po.parent.mkdir(parents=True)
        po.write_text(f'msgid ""\nmsgstr ""\n\nmsgid "Action"\nmsgstr "{word}"\n', encoding="utf-8")
    assert conflicting(tmp_path) == {(None, "Action"): {"one": "Tindakan", "two": "Tindak lanjut"}}
