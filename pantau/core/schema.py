"""Schema operations that several apps' migrations share."""

from django.db import migrations


def drop_pattern_indexes(table: str, columns: tuple[str, ...]) -> migrations.RunPython:
    """Drop the second index PostgreSQL's Django backend adds beside each indexed text column
    (`varchar_pattern_ops`, for LIKE 'prefix%'), for columns never looked up by a prefix: every
    insert pays for it. Reversible; nothing on SQLite, which has no such index."""

    def names(schema_editor):
        for column in columns:
            yield column, schema_editor.quote_name(schema_editor._create_index_name(table, [column], suffix="_like"))

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for _column, name in names(schema_editor):
                schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for column, name in names(schema_editor):
                schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column} varchar_pattern_ops)")

    return migrations.RunPython(forwards, backwards)
