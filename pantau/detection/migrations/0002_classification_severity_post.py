"""The review queue's count read from one covering index (severity, post) in place of the one on severity.

The old index is dropped by name rather than by AlterField, which SQLite would
do by rebuilding the whole table (a million classifications).
"""

from django.db import migrations, models


def drop_severity_index(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "detection_classification")
    for name, info in constraints.items():
        if info["index"] and not info["unique"] and not info["primary_key"] and info["columns"] == ["severity"]:
            schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def restore_severity_index(apps, schema_editor):
    schema_editor.execute("CREATE INDEX detection_classification_severity_single ON detection_classification (severity)")


class Migration(migrations.Migration):
    dependencies = [
        ("detection", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="classification",
                    name="severity",
                    field=models.PositiveSmallIntegerField(default=0, verbose_name="severity"),
                ),
            ],
            database_operations=[migrations.RunPython(drop_severity_index, restore_severity_index)],
        ),
        migrations.AddIndex(
            model_name="classification",
            index=models.Index(fields=["severity", "post"], name="classification_severity_post"),
        ),
    ]
