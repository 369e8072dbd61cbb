"""Composite indexes led by the post's time, author and group, in place of the single-column ones.

The single-column indexes are dropped by name rather than by AlterField:
SQLite would rebuild the whole posts table for it (a million rows) and lose
the full-text triggers of 0004 with the old table.
"""

import django.db.models.deletion
from django.db import migrations, models

REPLACED = (["author_id"], ["group_id"], ["posted_at"])


def drop_single_column_indexes(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "intake_post")
    for name, info in constraints.items():
        if info["index"] and not info["unique"] and not info["primary_key"] and info["columns"] in REPLACED:
            schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def restore_single_column_indexes(apps, schema_editor):
    for column in ("author_id", "group_id", "posted_at"):
        schema_editor.execute(f"CREATE INDEX intake_post_{column}_single ON intake_post ({column})")


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0008_saved_search"),
        ("inventory", "0003_account_handle_index"),
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="post",
                    name="author",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="posts",
                        to="inventory.account",
                        verbose_name="author",
                    ),
                ),
                migrations.AlterField(
                    model_name="post",
                    name="group",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="posts",
                        to="inventory.group",
                        verbose_name="group",
                    ),
                ),
                migrations.AlterField(
                    model_name="post",
                    name="posted_at",
                    field=models.DateTimeField(blank=True, null=True, verbose_name="posted at"),
                ),
            ],
            database_operations=[
                migrations.RunPython(drop_single_column_indexes, restore_single_column_indexes),
            ],
        ),
        migrations.AddIndex(
            model_name="post",
            index=models.Index(fields=["posted_at", "platform", "kecamatan", "group"], name="post_time_counted"),
        ),
        migrations.AddIndex(
            model_name="post",
            index=models.Index(fields=["author", "posted_at"], name="post_author_time"),
        ),
        migrations.AddIndex(
            model_name="post",
            index=models.Index(fields=["group", "posted_at"], name="post_group_time"),
        ),
    ]
