"""Signatures' text hashes are compared whole: PostgreSQL's pattern index beside them is dropped."""

from django.db import migrations

from pantau.core.schema import drop_pattern_indexes


class Migration(migrations.Migration):
    dependencies = [("coordination", "0001_initial")]

    operations = [drop_pattern_indexes("coordination_postsignature", ("text_hash",))]
