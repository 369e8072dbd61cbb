"""The digest of the file line each post was imported from, so a re-import skips identical lines unparsed.

A nullable column without a default: SQLite adds it with ALTER TABLE (no
rebuild of the posts table, so the full-text triggers of 0004 stay).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0009_post_time_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="line_digest",
            field=models.BigIntegerField(blank=True, null=True),
        ),
        migrations.AddIndex(
            model_name="post",
            index=models.Index(fields=["line_digest", "natural_key"], name="post_line_digest"),
        ),
    ]
