"""The cache table that holds rate-limit counts on PostgreSQL (settings.CACHES).

`createcachetable` does nothing for an in-memory cache or a table that exists,
so this is safe on every database and on every run.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []
    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
