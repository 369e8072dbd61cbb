from pantau.lib.translations import python_strings


def test_it_finds_a_message_split_over_lines_as_one_string():
    source = 'help_text = _(\n    "An anonymous report is initial information, "\n    "not a formal report."\n)\n'
    assert python_strings(source) == {"An anonymous report is initial information, not a formal report."}


def test_it_reads_the_message_of_contextual_and_plural_calls():
    source = 'pgettext_lazy("month", "May")\nngettext("%(n)d day", "%(n)d days", n)\ntitle = "not translated"\n'
    assert python_strings(source) == {"May", "%(n)d day"}
