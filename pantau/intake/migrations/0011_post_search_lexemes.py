"""PostgreSQL's full-text index over the words of Post.search_text taken as they are.

0004 indexed to_tsvector('simple', search_text): the text parser, run on
every insert, found the very words index_text had written, at about 18 µs a
post of the server's time (a fifth of a post's whole insert at a million
posts). The words are split and taken as lexemes now (intake/search.py's
POSTGRES_LEXEMES, which this index must match). Words over 200 characters,
which index_text no longer writes, are cut out of stored rows first: GIN
refuses a key of more than about 2,700 bytes, and the parser's limit of 2,047
characters no longer applies. SQLite's FTS5 index is unchanged.
"""

from django.db import migrations

LEXEMES = "array_to_tsvector(array_remove(string_to_array(search_text, ' '), ''))"
OLD = "to_tsvector('simple'::regconfig, search_text)"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        r"UPDATE intake_post SET search_text = regexp_replace(search_text, '[0-9a-z]{201,}', '', 'g') "
        r"WHERE search_text ~ '[0-9a-z]{201,}'"
    )
    schema_editor.execute("DROP INDEX IF EXISTS intake_post_search_gin")
    schema_editor.execute(f"CREATE INDEX intake_post_search_gin ON intake_post USING gin ({LEXEMES})")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS intake_post_search_gin")
    schema_editor.execute(f"CREATE INDEX intake_post_search_gin ON intake_post USING gin ({OLD})")


class Migration(migrations.Migration):
    dependencies = [("intake", "0010_post_line_digest")]

    operations = [migrations.RunPython(forwards, backwards)]
