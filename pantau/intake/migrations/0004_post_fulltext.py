"""Full-text index over Post.search_text: FTS5 on SQLite, a GIN index on PostgreSQL."""

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE intake_post_fts USING fts5("
    "search_text, content='intake_post', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER intake_post_fts_ai AFTER INSERT ON intake_post BEGIN "
    "INSERT INTO intake_post_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER intake_post_fts_ad AFTER DELETE ON intake_post BEGIN "
    "INSERT INTO intake_post_fts(intake_post_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER intake_post_fts_au AFTER UPDATE OF search_text ON intake_post BEGIN "
    "INSERT INTO intake_post_fts(intake_post_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO intake_post_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO intake_post_fts(intake_post_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS intake_post_fts_ai",
    "DROP TRIGGER IF EXISTS intake_post_fts_ad",
    "DROP TRIGGER IF EXISTS intake_post_fts_au",
    "DROP TABLE IF EXISTS intake_post_fts",
]
POSTGRES_UP = [
    "CREATE INDEX IF NOT EXISTS intake_post_search_gin ON intake_post "
    "USING gin (to_tsvector('simple'::regconfig, search_text))",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS intake_post_search_gin"]


def run(statements):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("intake", "0003_post_fingerprint_post_search_text_post_url_key_and_more")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
